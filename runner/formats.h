// A result in the formats courses already use: Gradescope's results.json, Exercism's
// results.json (version 3) and JUnit XML, besides kata's own JSON (BRIEF).
#pragma once

#include <optional>
#include <string>

#include "runner/result.h"

namespace kata {

enum class ResultFormat { kJson, kGradescope, kExercism, kJunit };

// "json", "gradescope", "exercism", "junit"; nullopt otherwise.
std::optional<ResultFormat> ParseResultFormat(const std::string& name);

// The result written in that format, ready to print or save.
std::string FormatResult(const GradeResult& result, ResultFormat format);

}  // namespace kata

// kata validate: a kata is valid when its reference solution scores full marks and every
// bad/ solution fails at least the probes its EXPECT names.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "graders/grader.h"

namespace kata {

struct ValidationReport {
  std::filesystem::path dir;
  bool loaded = false;                // false: the kata is malformed (see problems)
  std::vector<std::string> problems;  // each names the file and what to fix
  std::vector<std::string> checks;    // what was proven, for the report
  std::vector<std::string> warnings;  // fine for validate, refused by kata add (TODOs)
  bool valid() const { return loaded && problems.empty(); }
};

ValidationReport ValidateKata(const std::filesystem::path& dir, const GraderContext& context);

}  // namespace kata

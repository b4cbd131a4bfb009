// A learner's submission: find the submitted file, store it, grade it, store the result.
#pragma once

#include <filesystem>
#include <string>

#include "graders/grader.h"
#include "runner/kata_spec.h"
#include "runner/result.h"
#include "runner/status.h"
#include "runner/store.h"

namespace kata {

struct SubmittedFile {
  std::string name;    // e.g. query.sql
  std::string source;  // its text
};

// Reads what PATH names for spec: for sql katas a .sql file, or a folder holding exactly
// one (query.sql wins). InvalidArgument/NotFound with what to do otherwise.
Result<SubmittedFile> ReadSubmission(const KataSpec& spec, const std::filesystem::path& path);

// Stores the submission before grading (nothing accepted is lost), grades it, stores the
// result and returns it with its id. An error Status only when the store fails.
Result<GradeResult> SubmitAndGrade(Store& store, const Grader& grader, const KataSpec& spec,
                                   const SubmittedFile& file, const std::string& learner,
                                   const ProgressFn& progress);

}  // namespace kata

// The SQL query grader: runs the learner's query on every dataset in one sandboxed child
// and compares each result with the reference solution's (docs/sql-grading.md).
#pragma once

#include <filesystem>

#include "graders/grader.h"

namespace kata::sql {

class SqlGrader : public Grader {
 public:
  // runner: the kata-sql-runner executable. launcher must outlive the grader.
  // hidden_paths: host folders the query's sandbox must not reach (see LaunchSpec).
  SqlGrader(Launcher& launcher, std::filesystem::path runner,
            std::vector<std::string> hidden_paths = {})
      : launcher_(launcher), runner_(std::move(runner)), hidden_paths_(std::move(hidden_paths)) {}

  GradeResult GradeSubmission(const KataSpec& spec, const std::string& query,
                              const ProgressFn& progress) const override;

 private:
  Launcher& launcher_;
  std::filesystem::path runner_;
  std::vector<std::string> hidden_paths_;
};

std::unique_ptr<Grader> MakeSqlGrader(const GraderContext& context);

}  // namespace kata::sql

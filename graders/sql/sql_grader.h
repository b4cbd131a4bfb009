// The SQL query grader: runs the learner's query on every dataset in one sandboxed child
// and compares each result with the reference solution's (docs/sql-grading.md).
#pragma once

#include <filesystem>

#include "graders/grader.h"

namespace kata::sql {

class SqlGrader : public Grader {
 public:
  // runner: the kata-sql-runner executable. launcher must outlive the grader.
  SqlGrader(Launcher& launcher, std::filesystem::path runner)
      : launcher_(launcher), runner_(std::move(runner)) {}

  GradeResult Grade(const KataSpec& spec, const std::string& query,
                    const ProgressFn& progress) const override;

 private:
  Launcher& launcher_;
  std::filesystem::path runner_;
};

std::unique_ptr<Grader> MakeSqlGrader(const GraderContext& context);

}  // namespace kata::sql

// The schema grader: applies the learner's DDL to a fresh database inside the sandbox and
// runs the kata's structural and behavioural probes there (docs/katas.md, probes.txt).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "graders/grader.h"

namespace kata::schema {

class SchemaGrader : public Grader {
 public:
  // runner: the kata-sql-runner executable. launcher must outlive the grader.
  SchemaGrader(Launcher& launcher, std::filesystem::path runner,
               std::vector<std::string> hidden_paths = {})
      : launcher_(launcher), runner_(std::move(runner)), hidden_paths_(std::move(hidden_paths)) {}

  GradeResult GradeSubmission(const KataSpec& spec, const std::string& ddl,
                              const ProgressFn& progress) const override;

 private:
  Launcher& launcher_;
  std::filesystem::path runner_;
  std::vector<std::string> hidden_paths_;
};

std::unique_ptr<Grader> MakeSchemaGrader(const GraderContext& context);

}  // namespace kata::schema

// The grader interface: one implementation per kata kind (graders/sql, later schema and
// http). A grader never fails: whatever happens becomes a verdict in the GradeResult.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "runner/kata_spec.h"
#include "runner/result.h"
#include "sandbox/launcher.h"

namespace kata {

// Called after each probe, in order, so a terminal can show live progress.
using ProgressFn = std::function<void(const TestResult& test, size_t index, size_t total)>;

class Grader {
 public:
  virtual ~Grader() = default;
  // Grades source (the submitted file's text) against spec and times it (duration_ms).
  // Leaves id empty.
  GradeResult Grade(const KataSpec& spec, const std::string& source,
                    const ProgressFn& progress) const;

 protected:
  // What each kind of grader does; Grade adds the timing.
  virtual GradeResult GradeSubmission(const KataSpec& spec, const std::string& source,
                                      const ProgressFn& progress) const = 0;
};

// What graders need from their surroundings.
struct GraderContext {
  Launcher* launcher = nullptr;
  std::filesystem::path helpers_folder;  // where kata-sql-runner lives
  // Host folders learner code must never reach: kata folders, the store, the source tree.
  std::vector<std::string> hidden_paths;
};

// The grader for spec's kind, or nullptr when this build cannot grade that kind yet.
std::unique_ptr<Grader> MakeGrader(KataKind kind, const GraderContext& context);

}  // namespace kata

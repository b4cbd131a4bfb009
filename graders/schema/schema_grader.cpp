// Grades a schema kata: one sandboxed runner applies the DDL and runs every probe; each
// probe's result becomes a test whose message is the kata's hint plus what was found.
#include "graders/schema/schema_grader.h"

#include <fmt/format.h>

#include <chrono>

#include "graders/runner_child.h"
#include "graders/schema/schema_runner.h"

namespace kata::schema {
namespace {

constexpr int64_t kWorkFolderBytes = 16 << 20;

std::string FailureMessage(const Probe& probe, const ProbeOutcome& outcome) {
  // A hidden probe's own statements may carry its data: only the hint is shown.
  if (probe.hidden) return probe.hint;
  return fmt::format("{}\nFound: {}", probe.hint, outcome.observed);
}

}  // namespace

GradeResult SchemaGrader::GradeSubmission(const KataSpec& spec, const std::string& ddl,
                                const ProgressFn& progress) const {
  Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create({}, kWorkFolderBytes);
  if (!work.ok()) {
    return UngradedResult(spec, Verdict::kSandboxError, work.status().message(), "");
  }
  SchemaRequest request{ddl, spec.schema_probes, spec.limits.time_ms,
                        static_cast<int64_t>(spec.limits.memory_mb) << 20};
  int64_t budget_ms =
      static_cast<int64_t>(spec.limits.time_ms) * static_cast<int64_t>(spec.schema_probes.size() + 1);
  RunnerReply reply =
      AskRunner(launcher_, runner_, ToJson(request), **work, spec, budget_ms, hidden_paths_);
  if (reply.failure) return *reply.failure;
  SchemaResponse response;
  try {
    response = SchemaResponseFromJson(*reply.json);
  } catch (const std::exception& error) {
    return UngradedResult(spec, Verdict::kSandboxError,
                                 "the schema runner's report is unreadable", error.what());
  }
  if (!response.compile_error.empty()) {
    return UngradedResult(spec, Verdict::kCompileError, "the schema was rejected",
                                 "Your schema was rejected: " + response.compile_error);
  }
  if (response.results.size() != spec.schema_probes.size()) {
    return UngradedResult(spec, Verdict::kSandboxError,
                                 "the schema runner skipped probes", "");
  }
  GradeResult result;
  result.kata = spec.id;
  for (size_t i = 0; i < spec.schema_probes.size(); ++i) {
    const Probe& probe = spec.schema_probes[i];
    const ProbeOutcome& outcome = response.results[i];
    TestResult test{probe.name, TestStatus::kFail, 0, probe.points, "", probe.hidden,
                    outcome.duration_ms};
    if (outcome.passed) {
      test.status = TestStatus::kPass;
      test.score = probe.points;
      test.message = "Passed.";
    } else {
      test.message = FailureMessage(probe, outcome);
    }
    result.tests.push_back(std::move(test));
    if (progress) progress(result.tests.back(), i, spec.schema_probes.size());
  }
  result.Finish(true);
  return result;
}

std::unique_ptr<Grader> MakeSchemaGrader(const GraderContext& context) {
  return std::make_unique<SchemaGrader>(*context.launcher,
                                        context.helpers_folder / "kata-sql-runner",
                                        context.hidden_paths);
}

}  // namespace kata::schema

// Grades an sql kata: datasets built, reference run, learner's query run once in a child
// for all datasets, each result compared and explained.
#include "graders/sql/sql_grader.h"

#include <fmt/format.h>
#include <signal.h>
#include <string.h>

#include <chrono>

#include "graders/sql/compare.h"
#include "graders/sql/datasets.h"
#include "graders/sql/feedback.h"
#include "graders/sql/query_runner.h"
#include "graders/runner_child.h"

namespace kata::sql {
namespace {

constexpr size_t kMaxRows = 10000;

// Room for the datasets (a database is about as large as its SQL) and SQLite's scratch.
int64_t WorkFolderBytes(const KataSpec& spec) {
  int64_t bytes = 16LL << 20;
  for (const Dataset& dataset : spec.datasets) {
    bytes += 2 * static_cast<int64_t>(dataset.sql.size() + spec.schema_sql.size()) + (64 << 10);
  }
  return bytes;
}

Verdict VerdictOfRunError(const std::string& kind) {
  if (kind == "time_limit") return Verdict::kTimeLimit;
  if (kind == "memory_limit") return Verdict::kMemoryLimit;
  if (kind == "output_limit") return Verdict::kOutputLimit;
  return Verdict::kRuntimeError;
}

}  // namespace

GradeResult SqlGrader::GradeSubmission(const KataSpec& spec, const std::string& query,
                             const ProgressFn& progress) const {

  Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create({}, WorkFolderBytes(spec));
  if (!work.ok()) return UngradedResult(spec, Verdict::kSandboxError, work.status().message(), "");
  Result<std::string> solution = ReadTextFile(spec.dir / "solution" / spec.SubmissionFileName());
  if (!solution.ok()) {
    return UngradedResult(spec, Verdict::kSandboxError, "this kata has no reference solution",
                           solution.status().message());
  }
  Result<std::vector<PreparedDataset>> datasets = PrepareDatasets(spec, *solution, **work);
  if (!datasets.ok()) {
    return UngradedResult(spec, Verdict::kSandboxError, "this kata's datasets or solution fail",
                           datasets.status().message() + "; run `kata validate` on the kata");
  }
  std::vector<std::string> files;
  for (const PreparedDataset& dataset : *datasets) files.push_back(dataset.file);

  QueryRequest request{query, files, spec.limits.time_ms,
                       static_cast<int64_t>(spec.limits.memory_mb) << 20, kMaxRows};
  int64_t budget_ms = static_cast<int64_t>(spec.limits.time_ms) * static_cast<int64_t>(files.size());
  RunnerReply reply =
      AskRunner(launcher_, runner_, ToJson(request), **work, spec, budget_ms, hidden_paths_);
  if (reply.failure) return *reply.failure;
  QueryResponse response;
  try {
    response = QueryResponseFromJson(*reply.json);
  } catch (const std::exception& error) {
    return UngradedResult(spec, Verdict::kSandboxError,
                                 "the query runner's report is unreadable", error.what());
  }
  if (!response.compile_error.empty()) {
    return UngradedResult(spec, Verdict::kCompileError, "the query was rejected",
                           "Your query was rejected: " + response.compile_error);
  }
  if (response.runs.size() != spec.datasets.size()) {
    return UngradedResult(spec, Verdict::kSandboxError, "the query runner skipped datasets", "");
  }

  GradeResult result;
  result.kata = spec.id;
  for (size_t i = 0; i < spec.datasets.size(); ++i) {
    const Dataset& dataset = spec.datasets[i];
    const QueryRun& run = response.runs[i];
    TestResult test{dataset.label, TestStatus::kFail, 0, dataset.points, "", dataset.hidden,
                    run.duration_ms};
    if (run.error_kind == "skipped") {
      test.status = TestStatus::kSkipped;
      test.message = "Not run: the query ran out of time on an earlier dataset.";
    } else if (!run.error_kind.empty()) {
      test.status = TestStatus::kError;
      test.message = RunErrorMessage(dataset, run, spec.limits.time_ms);
      result.verdict = WorseVerdict(result.verdict, VerdictOfRunError(run.error_kind));
    } else {
      Comparison comparison = CompareResults((*datasets)[i].expected, run.result, spec.grading);
      test.message = ComparisonMessage(dataset, comparison, (*datasets)[i].expected, run.result);
      if (comparison.equal) {
        test.status = TestStatus::kPass;
        test.score = dataset.points;
      }
    }
    result.tests.push_back(std::move(test));
    if (progress) progress(result.tests.back(), i, spec.datasets.size());
  }
  result.Finish(true);
  return result;
}

std::unique_ptr<Grader> MakeSqlGrader(const GraderContext& context) {
  return std::make_unique<SqlGrader>(*context.launcher,
                                     context.helpers_folder / "kata-sql-runner",
                                     context.hidden_paths);
}

}  // namespace kata::sql

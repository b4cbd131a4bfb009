// Starting kata-sql-runner and reading its answer.
#include "graders/runner_child.h"

#include "sandbox/verdict.h"

namespace kata {
namespace {

constexpr size_t kRunnerOutputBytes = 64 << 20;

// A runner that did not answer (killed at a limit, crashed) as a verdict. The runner is
// kata's own code: a crash that is no limit is the sandbox's failure.
GradeResult RunnerFailure(const KataSpec& spec, const RunOutcome& outcome,
                          const SandboxLimits& limits) {
  RunVerdict run = ClassifyRun(outcome, limits);
  switch (run.verdict) {
    case Verdict::kTimeLimit:
    case Verdict::kMemoryLimit:
    case Verdict::kOutputLimit:
      return UngradedResult(spec, run.verdict, "the submission hit a " + run.detail, "");
    default:
      return UngradedResult(spec, Verdict::kSandboxError, "kata's runner " + run.detail,
                            outcome.stderr_data);
  }
}

}  // namespace

GradeResult UngradedResult(const KataSpec& spec, Verdict verdict, const std::string& why,
                           const std::string& output) {
  GradeResult result;
  result.kata = spec.id;
  result.verdict = verdict;
  for (const ProbeInfo& probe : spec.Probes()) {
    result.tests.push_back(TestResult{probe.name, TestStatus::kSkipped, 0, probe.points,
                                      "Not run: " + why, probe.hidden, 0});
  }
  result.output = output;
  result.Finish(false);
  return result;
}

RunnerReply AskRunner(Launcher& launcher, const std::filesystem::path& runner,
                      const nlohmann::json& request, const WorkFolder& work,
                      const KataSpec& spec, int64_t time_budget_ms,
                      const std::vector<std::string>& hidden_paths) {
  LaunchSpec launch;
  launch.argv = {runner.string()};
  launch.env = {"PATH=/usr/bin:/bin", "LC_ALL=C"};
  launch.stdin_data = DumpJson(request);
  launch.work_folder = &work;
  launch.limits.wall_ms = time_budget_ms + 5000;
  launch.limits.cpu_ms = time_budget_ms + 2000;
  launch.limits.memory_bytes = (static_cast<int64_t>(spec.limits.memory_mb) << 20) + (1LL << 30);
  launch.limits.output_bytes = kRunnerOutputBytes;
  launch.hidden_paths = hidden_paths;
  Result<std::unique_ptr<Process>> child = launcher.Start(launch);
  if (!child.ok()) {
    return {std::nullopt, UngradedResult(spec, Verdict::kSandboxError,
                                         "the sandbox could not start", child.status().message())};
  }
  RunOutcome outcome = (*child)->Wait();
  if (ClassifyRun(outcome, launch.limits).verdict != Verdict::kOk) {
    return {std::nullopt, RunnerFailure(spec, outcome, launch.limits)};
  }
  nlohmann::json reply = nlohmann::json::parse(outcome.stdout_data, nullptr, false);
  if (reply.is_discarded()) {
    return {std::nullopt, UngradedResult(spec, Verdict::kSandboxError,
                                         "kata's runner answered nonsense", "")};
  }
  return {std::move(reply), std::nullopt};
}

}  // namespace kata

// Maps a run's outcome to a verdict.
#include "sandbox/verdict.h"

#include <fmt/format.h>
#include <signal.h>
#include <string.h>

namespace kata {

RunVerdict ClassifyRun(const RunOutcome& outcome, const SandboxLimits& limits) {
  RunVerdict result;
  result.figures = fmt::format("wall {} ms, CPU {} ms, peak memory {:.1f} MiB",
                               outcome.usage.wall_ms, outcome.usage.cpu_ms,
                               static_cast<double>(outcome.usage.peak_memory_bytes) / (1 << 20));
  bool signaled = outcome.end == RunOutcome::End::kSignaled;
  if (outcome.end == RunOutcome::End::kWallTimeout) {
    result.verdict = Verdict::kTimeLimit;
    result.detail = fmt::format("time limit: wall clock, stopped after {} ms", limits.wall_ms);
  } else if (signaled && outcome.signal == SIGXCPU) {
    result.verdict = Verdict::kTimeLimit;
    result.detail = fmt::format("time limit: CPU, {} ms used", outcome.usage.cpu_ms);
  } else if (outcome.oom_killed) {
    result.verdict = Verdict::kMemoryLimit;
    result.detail = fmt::format("memory limit: killed for using more than {} MiB",
                                limits.memory_bytes >> 20);
  } else if (outcome.stdout_truncated || outcome.stderr_truncated) {
    result.verdict = Verdict::kOutputLimit;
    result.detail = fmt::format("output limit: more than {} bytes printed", limits.output_bytes);
  } else if (signaled && outcome.signal == SIGXFSZ) {
    result.verdict = Verdict::kOutputLimit;
    result.detail = fmt::format("output limit: a file grew past {} bytes", limits.file_size_bytes);
  } else if (signaled) {
    result.verdict = Verdict::kRuntimeError;
    const char* name = sigabbrev_np(outcome.signal);
    result.detail = fmt::format("killed by SIG{} ({})", name ? name : "?",
                                strsignal(outcome.signal));
  } else if (outcome.exit_code != 0) {
    result.verdict = Verdict::kRuntimeError;
    result.detail = fmt::format("exited with code {}", outcome.exit_code);
  }
  return result;
}

}  // namespace kata

// What a run's outcome means for the learner: the BRIEF's verdict and the words that say
// which limit was hit (CPU or wall clock, exit code or signal name), with the figures.
#pragma once

#include <string>

#include "runner/result.h"
#include "sandbox/launcher.h"

namespace kata {

struct RunVerdict {
  Verdict verdict = Verdict::kOk;
  std::string detail;  // e.g. "time limit: wall clock 2000 ms", "killed by SIGSEGV"
  std::string figures; // "wall 12 ms, CPU 3 ms, peak memory 4.1 MiB"
};

RunVerdict ClassifyRun(const RunOutcome& outcome, const SandboxLimits& limits);

}  // namespace kata

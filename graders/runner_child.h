// What the SQL and schema graders share: starting kata-sql-runner in the sandbox with one
// JSON request, turning a runner that did not answer into a verdict, and the result of a
// submission that could not be graded at all.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "runner/kata_spec.h"
#include "runner/result.h"
#include "sandbox/launcher.h"

namespace kata {

// Every probe skipped with "Not run: why"; status error; output as given.
GradeResult UngradedResult(const KataSpec& spec, Verdict verdict, const std::string& why,
                           const std::string& output);

struct RunnerReply {
  std::optional<nlohmann::json> json;   // the runner's answer
  std::optional<GradeResult> failure;   // or why there is none, as a result
};

// Runs the runner in work with request on stdin: time_budget_ms for all its work (the wall
// limit adds slack), memory_mb for SQLite's heap (the sandbox adds room for the process).
RunnerReply AskRunner(Launcher& launcher, const std::filesystem::path& runner,
                      const nlohmann::json& request, const WorkFolder& work,
                      const KataSpec& spec, int64_t time_budget_ms,
                      const std::vector<std::string>& hidden_paths);

}  // namespace kata

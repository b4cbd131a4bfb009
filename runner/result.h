// The graded result of a submission: the BRIEF's result JSON, as data.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runner/status.h"

namespace kata {

// What happened to the learner's code, from best to worst.
enum class Verdict {
  kOk,
  kRuntimeError,
  kOutputLimit,
  kMemoryLimit,
  kTimeLimit,
  kStartFailed,
  kCompileError,
  kSandboxError,
};
std::string VerdictName(Verdict verdict);
Verdict WorseVerdict(Verdict a, Verdict b);

enum class TestStatus { kPass, kFail, kError, kSkipped };
std::string TestStatusName(TestStatus status);

struct TestResult {
  std::string name;
  TestStatus status = TestStatus::kFail;
  int score = 0;
  int max_score = 0;
  std::string message;
  bool hidden = false;
  int64_t duration_ms = 0;
};

enum class GradeStatus { kPass, kFail, kError };
std::string GradeStatusName(GradeStatus status);

struct GradeResult {
  std::string id;
  std::string kata;
  GradeStatus status = GradeStatus::kError;
  int score = 0;
  int max_score = 0;
  int64_t duration_ms = 0;
  Verdict verdict = Verdict::kOk;
  std::vector<TestResult> tests;
  std::string output;

  // Sets score from the tests and status from the score: pass only at full marks.
  // Call with graded = false when nothing could be graded (status error).
  void Finish(bool graded);
};

nlohmann::json ToJson(const GradeResult& result);
// Serialises json; invalid UTF-8 (a learner's bytes) is replaced, never thrown on.
std::string DumpJson(const nlohmann::json& json, int indent = -1);
Result<GradeResult> GradeResultFromJson(const nlohmann::json& json);

}  // namespace kata

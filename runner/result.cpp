// Names, ordering and JSON for results.
#include "runner/result.h"

#include <array>

namespace kata {
namespace {

constexpr std::array<const char*, 8> kVerdictNames = {
    "ok",          "runtime_error", "output_limit",  "memory_limit",
    "time_limit",  "start_failed",  "compile_error", "sandbox_error"};
constexpr std::array<const char*, 4> kTestStatusNames = {"pass", "fail", "error", "skipped"};
constexpr std::array<const char*, 3> kGradeStatusNames = {"pass", "fail", "error"};

template <typename Enum, size_t N>
bool EnumFromName(const std::array<const char*, N>& names, const std::string& name, Enum& out) {
  for (size_t i = 0; i < N; ++i) {
    if (name == names[i]) {
      out = static_cast<Enum>(i);
      return true;
    }
  }
  return false;
}

}  // namespace

std::string VerdictName(Verdict verdict) { return kVerdictNames[static_cast<int>(verdict)]; }
Verdict WorseVerdict(Verdict a, Verdict b) { return a > b ? a : b; }
std::string TestStatusName(TestStatus status) {
  return kTestStatusNames[static_cast<int>(status)];
}
std::string GradeStatusName(GradeStatus status) {
  return kGradeStatusNames[static_cast<int>(status)];
}

void GradeResult::Finish(bool graded) {
  score = 0;
  max_score = 0;
  for (const TestResult& test : tests) {
    score += test.score;
    max_score += test.max_score;
  }
  if (!graded) {
    status = GradeStatus::kError;
  } else {
    status = score == max_score ? GradeStatus::kPass : GradeStatus::kFail;
  }
}

nlohmann::json ToJson(const GradeResult& result) {
  nlohmann::json tests = nlohmann::json::array();
  for (const TestResult& test : result.tests) {
    tests.push_back({{"name", test.name},
                     {"status", TestStatusName(test.status)},
                     {"score", test.score},
                     {"max_score", test.max_score},
                     {"message", test.message},
                     {"hidden", test.hidden},
                     {"duration_ms", test.duration_ms}});
  }
  return {{"id", result.id},
          {"kata", result.kata},
          {"status", GradeStatusName(result.status)},
          {"score", result.score},
          {"max_score", result.max_score},
          {"duration_ms", result.duration_ms},
          {"verdict", VerdictName(result.verdict)},
          {"tests", tests},
          {"output", result.output}};
}

std::string DumpJson(const nlohmann::json& json, int indent) {
  return json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<GradeResult> GradeResultFromJson(const nlohmann::json& json) {
  try {
    GradeResult result;
    result.id = json.at("id").get<std::string>();
    result.kata = json.at("kata").get<std::string>();
    result.score = json.at("score").get<int>();
    result.max_score = json.at("max_score").get<int>();
    result.duration_ms = json.at("duration_ms").get<int64_t>();
    result.output = json.at("output").get<std::string>();
    bool known = EnumFromName(kGradeStatusNames, json.at("status").get<std::string>(),
                              result.status) &&
                 EnumFromName(kVerdictNames, json.at("verdict").get<std::string>(),
                              result.verdict);
    for (const nlohmann::json& item : json.at("tests")) {
      TestResult test;
      test.name = item.at("name").get<std::string>();
      test.score = item.at("score").get<int>();
      test.max_score = item.at("max_score").get<int>();
      test.message = item.at("message").get<std::string>();
      test.hidden = item.at("hidden").get<bool>();
      test.duration_ms = item.at("duration_ms").get<int64_t>();
      known = known && EnumFromName(kTestStatusNames, item.at("status").get<std::string>(),
                                    test.status);
      result.tests.push_back(std::move(test));
    }
    if (!known) return Status::Internal("stored result has an unknown status or verdict");
    return result;
  } catch (const nlohmann::json::exception& error) {
    return Status::Internal(std::string("stored result is not a valid result: ") + error.what());
  }
}

}  // namespace kata

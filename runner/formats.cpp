// Gradescope, Exercism and JUnit renderings of a GradeResult.
#include "runner/formats.h"

#include <fmt/format.h>

namespace kata {
namespace {

// Gradescope autograder results.json: score, max_score, tests with name, score,
// max_score, output and visibility; hidden probes become "after_published".
nlohmann::json Gradescope(const GradeResult& result) {
  nlohmann::json tests = nlohmann::json::array();
  for (const TestResult& test : result.tests) {
    tests.push_back({{"name", test.name},
                     {"score", test.score},
                     {"max_score", test.max_score},
                     {"status", test.status == TestStatus::kPass ? "passed" : "failed"},
                     {"output", test.message},
                     {"visibility", test.hidden ? "after_published" : "visible"}});
  }
  return {{"score", result.score},
          {"max_score", result.max_score},
          {"execution_time", static_cast<double>(result.duration_ms) / 1000.0},
          {"output", result.output.empty() ? fmt::format("verdict: {}", VerdictName(result.verdict))
                                           : result.output},
          {"visibility", "visible"},
          {"stdout_visibility", "hidden"},
          {"tests", tests}};
}

// Exercism test runner interface, results.json version 3.
nlohmann::json Exercism(const GradeResult& result) {
  auto status = [](TestStatus s) {
    switch (s) {
      case TestStatus::kPass: return "pass";
      case TestStatus::kFail: return "fail";
      default: return "error";
    }
  };
  nlohmann::json json = {{"version", 3},
                         {"status", GradeStatusName(result.status)}};
  if (result.status == GradeStatus::kError) {
    json["message"] = result.output.empty() ? VerdictName(result.verdict) : result.output;
  }
  nlohmann::json tests = nlohmann::json::array();
  for (const TestResult& test : result.tests) {
    nlohmann::json item = {{"name", test.name}, {"status", status(test.status)}, {"test_code", ""}};
    if (test.status != TestStatus::kPass) item["message"] = test.message;
    tests.push_back(std::move(item));
  }
  json["tests"] = std::move(tests);
  return json;
}

std::string XmlEscape(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 allows no control characters but tab, newline and carriage return.
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += fmt::format("\\x{:02x}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

// In an attribute a newline would be read back as a space: keep it as a character reference.
std::string XmlAttribute(const std::string& text) {
  std::string out;
  for (char c : XmlEscape(text)) {
    if (c == '\n') {
      out += "&#10;";
    } else {
      out += c;
    }
  }
  return out;
}

// JUnit XML as Jenkins, GitLab and GitHub test reporters read it: one testcase per probe.
std::string Junit(const GradeResult& result) {
  int failures = 0, errors = result.status == GradeStatus::kError ? 1 : 0, skipped = 0;
  for (const TestResult& test : result.tests) {
    failures += test.status == TestStatus::kFail;
    errors += test.status == TestStatus::kError;
    skipped += test.status == TestStatus::kSkipped;
  }
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  std::string suite = XmlEscape(result.kata);
  xml += fmt::format(
      "<testsuites name=\"kata\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
      "time=\"{:.3f}\">\n",
      result.tests.size() + (errors > 0 && result.status == GradeStatus::kError), failures, errors,
      skipped, result.duration_ms / 1000.0);
  xml += fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
      "time=\"{:.3f}\">\n",
      suite, result.tests.size() + (result.status == GradeStatus::kError), failures, errors,
      skipped, result.duration_ms / 1000.0);
  xml += fmt::format("    <properties><property name=\"score\" value=\"{}/{}\"/>"
                     "<property name=\"verdict\" value=\"{}\"/></properties>\n",
                     result.score, result.max_score, VerdictName(result.verdict));
  for (const TestResult& test : result.tests) {
    xml += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\"", suite,
                       XmlEscape(test.name), test.duration_ms / 1000.0);
    std::string attribute = XmlAttribute(test.message), text = XmlEscape(test.message);
    switch (test.status) {
      case TestStatus::kPass: xml += "/>\n"; continue;
      case TestStatus::kFail:
        xml += fmt::format(">\n      <failure message=\"{}\">{}</failure>\n", attribute, text);
        break;
      case TestStatus::kError:
        xml += fmt::format(">\n      <error message=\"{}\">{}</error>\n", attribute, text);
        break;
      case TestStatus::kSkipped:
        xml += fmt::format(">\n      <skipped message=\"{}\"/>\n", attribute);
        break;
    }
    xml += "    </testcase>\n";
  }
  if (result.status == GradeStatus::kError) {
    // Nothing was graded: one error a report viewer cannot miss.
    xml += fmt::format("    <testcase classname=\"{}\" name=\"submission\" time=\"0\">\n"
                       "      <error message=\"{}\" type=\"{}\">{}</error>\n    </testcase>\n",
                       suite, XmlAttribute(result.output), VerdictName(result.verdict),
                       XmlEscape(result.output));
  }
  if (!result.output.empty()) {
    xml += fmt::format("    <system-out>{}</system-out>\n", XmlEscape(result.output));
  }
  return xml + "  </testsuite>\n</testsuites>\n";
}

}  // namespace

std::optional<ResultFormat> ParseResultFormat(const std::string& name) {
  if (name == "json") return ResultFormat::kJson;
  if (name == "gradescope") return ResultFormat::kGradescope;
  if (name == "exercism") return ResultFormat::kExercism;
  if (name == "junit") return ResultFormat::kJunit;
  return std::nullopt;
}

std::string FormatResult(const GradeResult& result, ResultFormat format) {
  switch (format) {
    case ResultFormat::kJson: return DumpJson(ToJson(result), 2) + "\n";
    case ResultFormat::kGradescope: return DumpJson(Gradescope(result), 2) + "\n";
    case ResultFormat::kExercism: return DumpJson(Exercism(result), 2) + "\n";
    case ResultFormat::kJunit: return Junit(result);
  }
  return "";
}

}  // namespace kata

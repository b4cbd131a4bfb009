// Results in the formats of Gradescope, Exercism (v3) and JUnit, checked against what
// their consumers read; `kata grade` stores nothing and prints only the format.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "runner/formats.h"
#include "test_support.h"

namespace kata {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

GradeResult Sample() {
  GradeResult result;
  result.id = "abc";
  result.kata = "demo";
  result.verdict = Verdict::kOk;
  result.duration_ms = 1234;
  result.tests = {
      {"visible probe", TestStatus::kPass, 2, 2, "Passed.", false, 3},
      {"hidden <probe> & \"quotes\"", TestStatus::kFail, 0, 1, "wrong\nsecond line", true, 4},
      {"broke", TestStatus::kError, 0, 1, "SQLite error", false, 0},
      {"not run", TestStatus::kSkipped, 0, 1, "Not run: x", false, 0},
  };
  result.Finish(true);
  return result;
}

TEST_CASE("Gradescope results.json has the fields its autograder reads", "[formats]") {
  json out = json::parse(FormatResult(Sample(), ResultFormat::kGradescope));
  CHECK(out["score"] == 2);
  CHECK(out["max_score"] == 5);
  CHECK(out["execution_time"].is_number());
  REQUIRE(out["tests"].size() == 4);
  for (const json& test : out["tests"]) {
    for (const char* key : {"name", "score", "max_score", "output", "visibility", "status"}) {
      CHECK(test.contains(key));
    }
    CHECK((test["visibility"] == "visible" || test["visibility"] == "after_published"));
    CHECK((test["status"] == "passed" || test["status"] == "failed"));
  }
  CHECK(out["tests"][1]["visibility"] == "after_published");  // hidden
  CHECK(out["tests"][0]["visibility"] == "visible");
  CHECK(out["tests"][0]["score"] == 2);
}

TEST_CASE("Exercism results.json follows test runner interface version 3", "[formats]") {
  json out = json::parse(FormatResult(Sample(), ResultFormat::kExercism));
  CHECK(out["version"] == 3);
  CHECK(out["status"] == "fail");
  CHECK_FALSE(out.contains("message"));  // only for status error
  REQUIRE(out["tests"].size() == 4);
  CHECK(out["tests"][0]["status"] == "pass");
  CHECK_FALSE(out["tests"][0].contains("message"));
  CHECK(out["tests"][1]["status"] == "fail");
  CHECK(out["tests"][1]["message"] == "wrong\nsecond line");
  CHECK(out["tests"][2]["status"] == "error");
  for (const json& test : out["tests"]) {
    CHECK(test["name"].is_string());
    CHECK((test["status"] == "pass" || test["status"] == "fail" || test["status"] == "error"));
  }
  GradeResult error = Sample();
  error.output = "Your query was rejected: two statements";
  error.Finish(false);
  json rejected = json::parse(FormatResult(error, ResultFormat::kExercism));
  CHECK(rejected["status"] == "error");
  CHECK(rejected["message"] == "Your query was rejected: two statements");
}

TEST_CASE("JUnit XML parses and counts as CI test reporters expect", "[formats]") {
  testing::TempDir temp;
  testing::WriteFile(temp.path() / "result.xml", FormatResult(Sample(), ResultFormat::kJunit));
  // Python's XML parser stands in for the consumers (Jenkins, GitLab, GitHub reporters).
  std::string check = temp.path() / "check.py";
  testing::WriteFile(check, R"PY(
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
suite = root.find("testsuite")
cases = suite.findall("testcase")
assert suite.get("tests") == str(len(cases)) == "4"
assert suite.get("failures") == "1" and suite.get("errors") == "1" and suite.get("skipped") == "1"
assert cases[0].find("failure") is None
failure = cases[1].find("failure")
assert cases[1].get("name") == 'hidden <probe> & "quotes"', cases[1].get("name")
assert failure.get("message") == "wrong\nsecond line", repr(failure.get("message"))
assert cases[2].find("error") is not None and cases[3].find("skipped") is not None
assert float(suite.get("time")) == 1.234
print("ok")
)PY");
  int status = std::system(
      ("python3 " + check + " " + (temp.path() / "result.xml").string() + " > " +
       (temp.path() / "out").string() + " 2>&1")
          .c_str());
  std::ifstream out(temp.path() / "out");
  std::string text((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
  INFO(text);
  CHECK(status == 0);
  CHECK(text == "ok\n");
}

TEST_CASE("a submission that could not be graded is a JUnit error, not a green report",
          "[formats]") {
  GradeResult rejected = Sample();
  for (TestResult& test : rejected.tests) test.status = TestStatus::kSkipped;
  rejected.output = "Your query was rejected: a syntax error";
  rejected.verdict = Verdict::kCompileError;
  rejected.Finish(false);
  std::string xml = FormatResult(rejected, ResultFormat::kJunit);
  CHECK_THAT(xml, Catch::Contains("errors=\"1\""));
  CHECK_THAT(xml, Catch::Contains("<error message=\"Your query was rejected: a syntax error\" "
                                  "type=\"compile_error\""));
}

TEST_CASE("kata grade prints only the format, stores nothing, and exits as submit does",
          "[formats][cli]") {
  testing::TempDir home, out;
  std::vector<std::string> env = {"KATA_HOME=" + (home.path() / "store").string(), "NO_COLOR=1"};
  fs::path kata = fs::path(KATA_TEST_KATAS) / "customers-without-orders";
  testing::CommandResult good = testing::RunKata(
      {"grade", "customers-without-orders", (kata / "solution/query.sql").string(), "--format",
       "exercism"},
      env);
  CHECK(good.exit_code == 0);
  CHECK(json::parse(good.out)["status"] == "pass");
  testing::CommandResult bad = testing::RunKata(
      {"grade", "customers-without-orders", (kata / "bad/not-in-with-null/query.sql").string(),
       "--format", "gradescope", "--output", (out.path() / "results.json").string()},
      env);
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.empty());
  std::ifstream saved(out.path() / "results.json");
  CHECK(json::parse(saved)["score"] == 5);
  testing::CommandResult junit = testing::RunKata(
      {"grade", "customers-without-orders", (kata / "solution/query.sql").string(), "--format",
       "junit"},
      env);
  CHECK(junit.out.rfind("<?xml", 0) == 0);
  testing::CommandResult unknown =
      testing::RunKata({"grade", "nope", "x.sql", "--format", "json"}, env);
  CHECK(unknown.exit_code == 2);
  CHECK(json::parse(unknown.out).contains("error"));
  CHECK(testing::RunKata({"grade", "customers-without-orders", "x.sql", "--format", "tap"}, env)
            .exit_code == 2);
  CHECK_FALSE(fs::exists(home.path() / "store"));  // nothing stored, not even a store
  // submit --format stores and prints the format.
  testing::CommandResult submitted = testing::RunKata(
      {"submit", "customers-without-orders", (kata / "solution/query.sql").string(), "--format",
       "junit"},
      env);
  CHECK(submitted.exit_code == 0);
  CHECK(submitted.out.rfind("<?xml", 0) == 0);
  CHECK(fs::exists(home.path() / "store" / "kata.db"));
}

}  // namespace
}  // namespace kata

// The SQL grader end to end through the real launcher and kata-sql-runner: verdicts and
// scores for right, wrong and hostile queries, and no hidden value in any feedback.
#include <signal.h>

#include <catch2/catch.hpp>

#include "graders/sql/sql_grader.h"
#include "test_support.h"

namespace kata {
namespace {

using testing::TempDir;
using testing::WriteFile;
namespace fs = std::filesystem;

constexpr const char* kSecret = "Zanzibar-7731";

// A kata over people(name, city): list the names of people in Paris.
KataSpec MakeKata(const fs::path& root, int time_ms = 300, int memory_mb = 8) {
  fs::path dir = root / "paris";
  WriteFile(dir / "kata.toml", "id = \"paris\"\ntitle = \"Paris\"\nkind = \"sql\"\n"
                               "difficulty = 1\ntags = []\nsummary = \"s\"\n[limits]\n"
                               "time_ms = " + std::to_string(time_ms) + "\nmemory_mb = " +
                               std::to_string(memory_mb) + "\n");
  WriteFile(dir / "README.md", "# Paris\n");
  WriteFile(dir / "starter/query.sql", "SELECT 1;");
  WriteFile(dir / "solution/query.sql", "SELECT name FROM people WHERE city = 'Paris';");
  WriteFile(dir / "fixtures/schema.sql", "CREATE TABLE people (name TEXT, city TEXT);");
  WriteFile(dir / "fixtures/visible.sql",
            "-- hint: filter on city\nINSERT INTO people VALUES ('Ada', 'Paris'), ('Bob', 'Rome');");
  WriteFile(dir / "fixtures/hidden-secret.sql",
            std::string("-- case: a secret person\n-- points: 2\nINSERT INTO people VALUES ('") +
                kSecret + "', 'Paris'), ('Eve', NULL);");
  Result<KataSpec> spec = LoadKata(dir);
  REQUIRE(spec.ok());
  return *spec;
}

GradeResult Grade(const KataSpec& spec, const std::string& query) {
  static std::unique_ptr<Launcher> launcher = MakeProcessLauncher();
  sql::SqlGrader grader(*launcher, fs::path(KATA_HELPERS_DIR) / "kata-sql-runner");
  return grader.Grade(spec, query, nullptr);
}

struct Case {
  const char* what;
  std::string query;
  GradeStatus status;
  Verdict verdict;
  int score;
  const char* message_part = "";  // in the output (rejected) or the first test's message
};

TEST_CASE("queries get the right verdict, status and score", "[sql]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  const std::vector<Case> cases = {
      {"the reference answer", "SELECT name FROM people WHERE city = 'Paris'", GradeStatus::kPass,
       Verdict::kOk, 3},
      {"a correct answer written differently",
       "-- mine\nSELECT p.name AS who FROM people AS p WHERE p.city IN ('Paris');\n",
       GradeStatus::kPass, Verdict::kOk, 3},
      {"wrong rows", "SELECT name FROM people", GradeStatus::kFail, Verdict::kOk, 0,
       "Unexpected"},
      {"wrong column count", "SELECT name, city FROM people WHERE city = 'Paris'",
       GradeStatus::kFail, Verdict::kOk, 0, "expected 1 column"},
      {"two statements", "SELECT 1; SELECT 2;", GradeStatus::kError, Verdict::kCompileError, 0,
       "only one statement"},
      {"a write", "DELETE FROM people", GradeStatus::kError, Verdict::kCompileError, 0,
       "may only read"},
      {"a write hidden in a CTE", "WITH x AS (SELECT 1) INSERT INTO people SELECT 'a', 'b' FROM x",
       GradeStatus::kError, Verdict::kCompileError, 0, ""},
      {"ATTACH", "ATTACH DATABASE '/tmp/x.db' AS x", GradeStatus::kError, Verdict::kCompileError,
       0, "ATTACH"},
      {"a PRAGMA", "PRAGMA writable_schema = 1", GradeStatus::kError, Verdict::kCompileError, 0,
       "PRAGMA"},
      {"load_extension", "SELECT load_extension('/tmp/evil.so')", GradeStatus::kError,
       Verdict::kCompileError, 0, "load_extension"},
      {"a syntax error", "SELECT name\nFROM people WHER city = 'Paris'", GradeStatus::kError,
       Verdict::kCompileError, 0, "line 2"},
      {"an unknown table", "SELECT name FROM persons", GradeStatus::kError,
       Verdict::kCompileError, 0, "no such table"},
      {"an empty file", "-- nothing yet\n", GradeStatus::kError, Verdict::kCompileError, 0,
       "no query"},
      {"a runaway recursive CTE",
       "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c WHERE x < 0",
       GradeStatus::kFail, Verdict::kTimeLimit, 0, "longer than 300 ms"},
      {"a memory bomb", "SELECT length(zeroblob(0) || randomblob(50000000))", GradeStatus::kFail,
       Verdict::kMemoryLimit, 0, "memory"},
      {"a runtime error", "SELECT abs(-9223372036854775807 - 1) FROM people", GradeStatus::kFail,
       Verdict::kRuntimeError, 0, "integer overflow"},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.what) {
      GradeResult result = Grade(spec, c.query);
      CHECK(result.status == c.status);
      CHECK(VerdictName(result.verdict) == VerdictName(c.verdict));
      CHECK(result.score == c.score);
      CHECK(result.max_score == 3);
      REQUIRE(result.tests.size() == 2);
      std::string text = result.output + result.tests[0].message;
      CHECK_THAT(text, Catch::Contains(c.message_part));
    }
  }
}

TEST_CASE("no hidden row, value or error text reaches the feedback", "[sql]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  const std::vector<std::string> queries = {
      "SELECT name FROM people",                                   // wrong rows
      "SELECT name || '!' FROM people WHERE city = 'Paris'",       // wrong values
      // An error whose text would carry the hidden value.
      "SELECT CASE WHEN name LIKE 'Z%' THEN json_extract(name, '$') ELSE name END FROM people "
      "WHERE city = 'Paris'",
      "SELECT name FROM people WHERE city IS NULL",
  };
  for (const std::string& query : queries) {
    GradeResult result = Grade(spec, query);
    REQUIRE(result.tests.size() == 2);
    const TestResult& hidden = result.tests[1];
    CHECK(hidden.hidden);
    CHECK(hidden.status != TestStatus::kPass);
    CHECK_THAT(hidden.message, Catch::Contains("a secret person"));
    std::string everything = DumpJson(ToJson(result));
    CHECK_THAT(everything, !Catch::Contains(kSecret));
    CHECK_THAT(everything, !Catch::Contains("Eve"));
  }
}

TEST_CASE("visible feedback shows missing and unexpected rows and the hint", "[sql]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  GradeResult result = Grade(spec, "SELECT name FROM people WHERE city = 'Rome'");
  const TestResult& visible = result.tests[0];
  CHECK_THAT(visible.message, Catch::Contains("('Ada')"));
  CHECK_THAT(visible.message, Catch::Contains("('Bob')"));
  CHECK_THAT(visible.message, Catch::Contains("Hint: filter on city"));
}

TEST_CASE("after a time limit the other datasets are skipped, not waited for", "[sql]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path(), 200);
  GradeResult result = Grade(
      spec, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c "
            "WHERE x < 0");
  REQUIRE(result.tests.size() == 2);
  CHECK(result.tests[0].status == TestStatus::kError);
  CHECK(result.tests[1].status == TestStatus::kSkipped);
  CHECK(result.verdict == Verdict::kTimeLimit);
}

TEST_CASE("a kata whose reference fails is a sandbox_error naming the kata file", "[sql]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  WriteFile(spec.dir / "solution/query.sql", "SELECT nope FROM people");
  GradeResult result = Grade(spec, "SELECT name FROM people");
  CHECK(result.status == GradeStatus::kError);
  CHECK(result.verdict == Verdict::kSandboxError);
  CHECK_THAT(result.output, Catch::Contains("solution/query.sql"));
}

}  // namespace
}  // namespace kata

#include "fake_launcher.h"

namespace kata {
namespace {

struct RunnerCase {
  const char* what;
  RunOutcome outcome;
  Verdict verdict;
};

RunOutcome Outcome(RunOutcome::End end, int code_or_signal, std::string out = "",
                   bool truncated = false) {
  RunOutcome outcome;
  outcome.end = end;
  if (end == RunOutcome::End::kSignaled) {
    outcome.signal = code_or_signal;
  } else {
    outcome.exit_code = code_or_signal;
  }
  outcome.stdout_data = std::move(out);
  outcome.stdout_truncated = truncated;
  return outcome;
}

TEST_CASE("a query runner that dies or talks nonsense is a verdict, never a crash", "[sql]") {
  using End = RunOutcome::End;
  const std::vector<RunnerCase> cases = {
      {"killed at the wall-clock limit", Outcome(End::kWallTimeout, 0), Verdict::kTimeLimit},
      {"out of CPU time", Outcome(End::kSignaled, SIGXCPU), Verdict::kTimeLimit},
      {"crashed", Outcome(End::kSignaled, SIGSEGV), Verdict::kSandboxError},
      {"failed", Outcome(End::kExited, 2), Verdict::kSandboxError},
      {"printed nonsense", Outcome(End::kExited, 0, "{not json"), Verdict::kSandboxError},
      {"printed too much", Outcome(End::kExited, 0, "[", true), Verdict::kOutputLimit},
      {"reported too few runs", Outcome(End::kExited, 0, R"({"compile_error":"","runs":[]})"),
       Verdict::kSandboxError},
  };
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  for (const RunnerCase& c : cases) {
    DYNAMIC_SECTION(c.what) {
      testing::FakeLauncher launcher;
      launcher.outcome = c.outcome;
      sql::SqlGrader grader(launcher, "/fake/kata-sql-runner");
      GradeResult result = grader.Grade(spec, "SELECT name FROM people", nullptr);
      CHECK(VerdictName(result.verdict) == VerdictName(c.verdict));
      CHECK(result.status == GradeStatus::kError);
      CHECK(result.score == 0);
      // The child got the query on stdin and a work folder, and nothing of the kata.
      CHECK_THAT(launcher.last_spec.stdin_data, Catch::Contains("SELECT name FROM people"));
      CHECK_THAT(launcher.last_spec.stdin_data, !Catch::Contains(kSecret));
      CHECK(launcher.last_spec.work_folder != nullptr);
    }
  }
}

TEST_CASE("a runner that cannot be started is a sandbox_error", "[sql]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  std::unique_ptr<Launcher> launcher = MakeProcessLauncher();
  sql::SqlGrader grader(*launcher, "/nonexistent/kata-sql-runner");
  GradeResult result = grader.Grade(spec, "SELECT name FROM people", nullptr);
  CHECK(result.verdict == Verdict::kSandboxError);
  CHECK(result.status == GradeStatus::kError);
  CHECK_THAT(result.output, Catch::Contains("/nonexistent/kata-sql-runner"));
}

}  // namespace
}  // namespace kata

// End-to-end tests of the kata CLI: the built binary, run as a learner would, against the
// shipped katas (or temp copies of them), each test with its own store in a TempDir.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using kata::testing::CommandResult;
using kata::testing::RunKata;
using kata::testing::TempDir;
using kata::testing::WriteFile;

const fs::path kShipped = KATA_TEST_KATAS;
const std::string kBig = "recent-big-orders";          // ordered, 1 visible + 5 hidden datasets
const std::string kCounts = "order-counts-per-customer";

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::set<std::string> Keys(const json& object) {
  std::set<std::string> keys;
  for (const auto& item : object.items()) keys.insert(item.key());
  return keys;
}

// RunKata appends its env after the inherited one and getenv() takes the first match, so a
// KATA_HOME (or KATA_PATH...) in the developer's shell would win: drop those first.
void ForgetInheritedKataEnv() {
  for (const char* name : {"KATA_HOME", "KATA_PATH", "KATA_LEARNER", "NO_COLOR"}) unsetenv(name);
}

// A learner with a private store (KATA_HOME) and a folder of katas (--katas), no colours.
class Learner {
 public:
  explicit Learner(fs::path katas = kShipped) : katas_(std::move(katas)) {}
  // `as`: run as another learner on the same store.
  CommandResult Run(std::vector<std::string> args, const fs::path& cwd = {},
                    const std::string& as = "ada") const {
    ForgetInheritedKataEnv();
    args.insert(args.begin(), {"--katas", katas_.string()});
    return RunKata(
        args, {"KATA_HOME=" + home_.path().string(), "NO_COLOR=1", "KATA_LEARNER=" + as}, cwd);
  }

 private:
  TempDir home_;
  fs::path katas_;
};

json ParseJson(const CommandResult& result) {
  INFO("stdout: " << result.out << "\nstderr: " << result.err);
  json parsed = json::parse(result.out, nullptr, /*allow_exceptions=*/false);
  REQUIRE_FALSE(parsed.is_discarded());
  return parsed;
}

// `kata --json ...` failed with exit 2 and printed {"error": "..."} mentioning `part`.
void CheckJsonError(const CommandResult& result, const std::string& part) {
  CHECK(result.exit_code == 2);
  json error = ParseJson(result);
  REQUIRE(Keys(error) == std::set<std::string>{"error"});
  CHECK(Contains(error["error"].get<std::string>(), part));
}

fs::path Solution(const std::string& kata) { return kShipped / kata / "solution" / "query.sql"; }
fs::path Bad(const std::string& kata, const std::string& name) {
  return kShipped / kata / "bad" / name / "query.sql";
}

// `kata --json submit kata path`: the exit code and the parsed result.
std::pair<int, json> SubmitJson(const Learner& learner, const std::string& kata,
                                const fs::path& path) {
  CommandResult run = learner.Run({"--json", "submit", kata, path.string()});
  return {run.exit_code, ParseJson(run)};
}

// The result has exactly the BRIEF's keys, its totals add up and its status agrees.
void CheckResultShape(const json& result) {
  CHECK(Keys(result) == std::set<std::string>{"id", "kata", "status", "score", "max_score",
                                              "duration_ms", "verdict", "tests", "output"});
  CHECK((result["id"].is_string() && !result["id"].empty() && result["output"].is_string()));
  REQUIRE((result["tests"].is_array() && !result["tests"].empty()));
  int score = 0, max_score = 0;
  for (const json& test : result["tests"]) {
    CHECK(Keys(test) == std::set<std::string>{"name", "status", "score", "max_score", "message",
                                              "hidden", "duration_ms"});
    CHECK(std::set<json>{"pass", "fail", "error", "skipped"}.count(test["status"]) == 1);
    score += test["score"].get<int>();
    max_score += test["max_score"].get<int>();
  }
  CHECK((result["score"] == score && result["max_score"] == max_score));
  std::string status = result["status"];
  REQUIRE(std::set<std::string>{"pass", "fail", "error"}.count(status) == 1);
  if (status != "error") CHECK((status == "pass") == (score == max_score));
}

// A temp katas folder holding a copy of shipped kata `id` (as `as`, its kata.toml id renamed).
fs::path CopyKata(const fs::path& root, const std::string& id, const std::string& as = "") {
  fs::path target = root / (as.empty() ? id : as);
  fs::copy(kShipped / id, target, fs::copy_options::recursive);
  if (!as.empty()) {
    std::string toml = ReadText(target / "kata.toml");
    toml = std::regex_replace(toml, std::regex("(^|\n)id = \"[^\"]*\""), "$1id = \"" + as + "\"");
    WriteFile(target / "kata.toml", toml);
  }
  return target;
}

// What a kata's hidden datasets hold: their `-- case:` labels, and the quoted values of
// their rows that no visible dataset also holds (those must never reach a learner).
struct HiddenFacts {
  std::set<std::string> labels, secrets;
};
HiddenFacts ReadHiddenFacts(const std::string& kata) {
  HiddenFacts facts;
  std::set<std::string> visible;
  static const std::regex kCase(R"(^\s*--\s*case\s*:\s*(.*?)\s*$)"), kQuoted("'((?:[^']|'')+)'");
  for (const fs::directory_entry& entry : fs::directory_iterator(kShipped / kata / "fixtures")) {
    std::string stem = entry.path().stem().string();
    bool hidden = stem.rfind("hidden", 0) == 0;
    if (stem == "schema") continue;
    std::istringstream lines(ReadText(entry.path()));
    for (std::string line; std::getline(lines, line);) {
      std::smatch match;
      if (std::regex_match(line, match, kCase) && hidden) facts.labels.insert(match[1]);
      if (line.find("--") != std::string::npos && line.find("--") < line.find('(')) continue;
      for (std::sregex_iterator it(line.begin(), line.end(), kQuoted), end; it != end; ++it) {
        std::string value = std::regex_replace((*it)[1].str(), std::regex("''"), "'");
        (hidden ? facts.secrets : visible).insert(value);
      }
    }
  }
  for (const std::string& value : visible) facts.secrets.erase(value);
  return facts;
}

}  // namespace

TEST_CASE("kata --version prints the version and exits 0", "[cli]") {
  CommandResult run = Learner().Run({"--version"});
  CHECK(run.exit_code == 0);
  CHECK(std::regex_search(run.out, std::regex(R"(^kata \d+\.\d+\.\d+)")));
  CHECK(Contains(run.out, KATA_VERSION));
}

TEST_CASE("kata --help lists the verbs, submit --help its arguments, an unknown verb exits 2",
          "[cli]") {
  Learner learner;
  CommandResult help = learner.Run({"--help"});
  CHECK(help.exit_code == 0);
  for (const char* verb : {"list", "show", "fetch", "submit", "history", "feedback", "validate"}) {
    CHECK(Contains(help.out, verb));
  }
  CommandResult submit = learner.Run({"submit", "--help"});
  CHECK(submit.exit_code == 0);
  for (const char* part : {"ID", "PATH", "query.sql"}) CHECK(Contains(submit.out, part));
  CommandResult unknown = learner.Run({"frobnicate"});
  CHECK(unknown.exit_code == 2);
  CHECK(Contains(unknown.err, "--help"));
}

// Kata bugs (runner/cli.cpp): CLI11 parse errors bypass Fail(), so they print plain text on
// stderr even under --json, and an unknown verb is reported as "A subcommand is required".
TEST_CASE("usage errors name what was wrong and print a JSON error under --json",
          "[cli]") {
  Learner learner;
  CHECK(Contains(learner.Run({"frobnicate"}).err, "frobnicate"));
  CheckJsonError(learner.Run({"--json", "show"}), "ID");
  CheckJsonError(learner.Run({"--json", "list", "--difficulty", "9"}), "difficulty");
}

TEST_CASE("kata list shows the shipped katas and --json is an array sorted by id", "[cli]") {
  Learner learner;
  CommandResult text = learner.Run({"list"});
  CHECK(text.exit_code == 0);
  for (const std::string& part : {kBig, kCounts, std::string("Big orders of March 2026")}) {
    CHECK(Contains(text.out, part));
  }
  CHECK_FALSE(Contains(text.out, "\x1b["));  // NO_COLOR, and not a tty

  CommandResult run = learner.Run({"list", "--json"});
  CHECK(run.exit_code == 0);
  json list = ParseJson(run);
  REQUIRE(list.is_array());
  std::vector<std::string> ids;
  for (const json& kata : list) {
    for (const char* field : {"id", "title", "kind", "difficulty", "tags", "summary"}) {
      CHECK(kata.contains(field));
    }
    CHECK((kata["title"].is_string() && kata["summary"].is_string() && kata["tags"].is_array()));
    CHECK(std::set<json>{"sql", "schema", "http"}.count(kata["kind"]) == 1);
    CHECK((kata["difficulty"] >= 1 && kata["difficulty"] <= 5));
    ids.push_back(kata["id"]);
  }
  CHECK(std::is_sorted(ids.begin(), ids.end()));
  CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
  CHECK(std::count(ids.begin(), ids.end(), kCounts) == 1);
  auto big = std::find(ids.begin(), ids.end(), kBig);
  REQUIRE(big != ids.end());
  const json& entry = list[big - ids.begin()];
  CHECK((entry["title"] == "Big orders of March 2026" && entry["kind"] == "sql"));
  CHECK(entry["difficulty"] == 1);
}

TEST_CASE("kata list filters by --kind, --tag and --difficulty", "[cli]") {
  Learner learner;
  json all = ParseJson(learner.Run({"list", "--json"}));
  auto listed = [&](std::vector<std::string> filter) {
    filter.insert(filter.begin(), {"list", "--json"});
    CommandResult run = learner.Run(filter);
    CHECK(run.exit_code == 0);
    std::vector<std::string> ids;
    for (const json& kata : ParseJson(run)) ids.push_back(kata["id"]);
    return ids;
  };
  auto expected = [&](const std::function<bool(const json&)>& keep) {
    std::vector<std::string> ids;
    for (const json& kata : all) if (keep(kata)) ids.push_back(kata["id"]);
    return ids;
  };
  // "tie-breaker" is a tag of recent-big-orders (and maybe others); "null" of several.
  std::vector<std::string> tie_breakers = expected([](const json& kata) {
    return std::find(kata["tags"].begin(), kata["tags"].end(), "tie-breaker") != kata["tags"].end();
  });
  CHECK(std::count(tie_breakers.begin(), tie_breakers.end(), kBig) == 1);
  CHECK(listed({"--tag", "tie-breaker"}) == tie_breakers);
  std::vector<std::string> with_null = expected([](const json& kata) {
    return std::find(kata["tags"].begin(), kata["tags"].end(), "null") != kata["tags"].end();
  });
  CHECK(std::count(with_null.begin(), with_null.end(), kCounts) == 1);
  CHECK(listed({"--tag", "null"}) == with_null);
  CHECK(listed({"--tag", "no-such-tag"}).empty());

  std::vector<std::string> easy = expected([](const json& k) { return k["difficulty"] == 1; });
  CHECK(std::count(easy.begin(), easy.end(), kBig) == 1);
  CHECK(easy.size() < all.size());
  CHECK(listed({"--difficulty", "1"}) == easy);
  CHECK(listed({"--tag", "tie-breaker", "--difficulty", "1"}) == std::vector<std::string>{kBig});
  for (std::string kind : {"sql", "http"}) {
    CHECK(listed({"--kind", kind}) == expected([&](const json& k) { return k["kind"] == kind; }));
  }

  CommandResult text = learner.Run({"list", "--tag", "tie-breaker"});
  CHECK(Contains(text.out, kBig));
  CHECK_FALSE(Contains(text.out, kCounts));
}

TEST_CASE("a malformed kata is left out of list with one warning and naming it exits 2",
          "[cli]") {
  TempDir katas;
  CopyKata(katas.path(), kBig);
  fs::path broken = CopyKata(katas.path(), kCounts, "broken");
  WriteFile(broken / "kata.toml", std::regex_replace(ReadText(broken / "kata.toml"),
                                                    std::regex("difficulty = \\d"),
                                                    "difficulty = \"hard\""));
  Learner learner(katas.path());

  for (bool as_json : {false, true}) {
    CommandResult list = learner.Run(as_json ? std::vector<std::string>{"list", "--json"}
                                             : std::vector<std::string>{"list"});
    INFO("json: " << as_json << "\nstdout: " << list.out << "\nstderr: " << list.err);
    CHECK(list.exit_code == 0);
    CHECK(Contains(list.out, kBig));
    CHECK_FALSE(Contains(list.out, "broken"));
    for (const char* part : {"kata.toml", "difficulty", "hard"}) CHECK(Contains(list.err, part));
    std::regex warning("warning");
    CHECK(std::distance(std::sregex_iterator(list.err.begin(), list.err.end(), warning),
                        std::sregex_iterator()) == 1);
    if (as_json) CHECK(ParseJson(list).size() == 1);
  }

  CommandResult show = learner.Run({"show", "broken"});
  CHECK((show.exit_code == 2 && show.out.empty()));
  CHECK(Contains(show.err, (broken / "kata.toml").string()));
  CHECK(Contains(show.err, "`difficulty`"));
  CheckJsonError(learner.Run({"--json", "show", "broken"}), "difficulty");
  CHECK(learner.Run({"submit", "broken", Solution(kCounts).string()}).exit_code == 2);
}

TEST_CASE("an unknown kata id exits 2 and says so", "[cli]") {
  Learner learner;
  CommandResult show = learner.Run({"show", "nope"});
  CHECK((show.exit_code == 2 && Contains(show.err, "unknown kata 'nope'")));
  CHECK(Contains(show.err, "kata list"));
  CheckJsonError(learner.Run({"--json", "show", "nope"}), "unknown kata");
  CheckJsonError(learner.Run({"--json", "submit", "nope", Solution(kBig).string()}),
                 "unknown kata");
  CHECK(learner.Run({"fetch", "nope"}).exit_code == 2);
}

TEST_CASE("kata show prints the statement and what to submit", "[cli]") {
  CommandResult run = Learner().Run({"show", kBig});
  CHECK(run.exit_code == 0);
  CHECK(Contains(run.out, ReadText(kShipped / kBig / "README.md")));
  CHECK((Contains(run.out, "query.sql") && Contains(run.out, "kata submit " + kBig)));
  CHECK_FALSE(Contains(run.out, ReadText(Solution(kBig))));
}

TEST_CASE("kata fetch writes README.md and the starter, overwrites only with --force", "[cli]") {
  Learner learner;
  TempDir work;
  fs::path dir = work.path() / "mine";
  std::string readme = ReadText(kShipped / kBig / "README.md");
  std::string starter = ReadText(kShipped / kBig / "starter" / "query.sql");

  CHECK(learner.Run({"fetch", kBig, dir.string()}).exit_code == 0);
  CHECK(ReadText(dir / "README.md") == readme);
  CHECK(ReadText(dir / "query.sql") == starter);

  // The learner's work: README edited, query.sql gone. A plain fetch must touch neither.
  WriteFile(dir / "README.md", "my notes");
  fs::remove(dir / "query.sql");
  CommandResult again = learner.Run({"fetch", kBig, dir.string()});
  CHECK(again.exit_code == 2);
  CHECK((Contains(again.err, (dir / "README.md").string()) && Contains(again.err, "--force")));
  CHECK((ReadText(dir / "README.md") == "my notes" && !fs::exists(dir / "query.sql")));

  CHECK(learner.Run({"fetch", kBig, dir.string(), "--force"}).exit_code == 0);
  CHECK(ReadText(dir / "README.md") == readme);
  CHECK(ReadText(dir / "query.sql") == starter);

  CHECK(learner.Run({"fetch", kCounts}, work.path()).exit_code == 0);  // no DIR: ./ID
  CHECK(fs::is_regular_file(work.path() / kCounts / "README.md"));
}

TEST_CASE("kata fetch --starter picks another starter the kata ships", "[cli]") {
  Learner learner;
  TempDir work;
  fs::path dir = work.path() / "echo";
  CHECK(learner.Run({"fetch", "health-and-echo", dir.string(), "--starter", "node"}).exit_code == 0);
  CHECK(ReadText(dir / "server.js") ==
        ReadText(kShipped / "health-and-echo" / "starter-node" / "server.js"));
  CHECK(Contains(ReadText(dir / "Procfile"), "node"));
  CommandResult unknown =
      learner.Run({"fetch", "health-and-echo", (work.path() / "x").string(), "--starter", "cobol"});
  CHECK(unknown.exit_code == 2);
  CHECK(Contains(unknown.err, "it has: node"));
  CHECK_FALSE(fs::exists(work.path() / "x"));
}

TEST_CASE("the reference solution exits 0 with full marks and every bad one exits 1",
          "[cli]") {
  Learner learner;
  std::string kata = GENERATE(as<std::string>(), "recent-big-orders", "order-counts-per-customer");
  auto [code, result] = SubmitJson(learner, kata, Solution(kata));
  CHECK(code == 0);
  CheckResultShape(result);
  CHECK((result["kata"] == kata && result["status"] == "pass" && result["verdict"] == "ok"));
  CHECK(result["max_score"] > 0);
  CommandResult text = learner.Run({"submit", kata, Solution(kata).string()});
  CHECK((text.exit_code == 0 && Contains(text.out, "PASS")));

  for (const fs::directory_entry& bad : fs::directory_iterator(kShipped / kata / "bad")) {
    INFO(bad.path());
    auto [bad_code, bad_result] = SubmitJson(learner, kata, bad.path() / "query.sql");
    CHECK(bad_code == 1);
    CheckResultShape(bad_result);
    CHECK((bad_result["status"] == "fail" && bad_result["score"] < bad_result["max_score"]));
  }
}

TEST_CASE("a submission that is not one read-only query is a compile_error", "[cli]") {
  struct Case {
    const char *what, *sql, *says;
  };
  Case c = GENERATE(values<Case>({
      {"two statements", "SELECT 1;\nSELECT 2;\n", "only one statement"},
      {"an INSERT", "INSERT INTO orders VALUES (9, 'x', '2026-03-01', 'paid', 1);", "only read"},
      {"a DELETE", "DELETE FROM orders;", "only read"},
      {"a read then a write", "SELECT 1; DELETE FROM orders;", "only one statement"},
      {"ATTACH", "ATTACH DATABASE '/tmp/other.db' AS other;", "ATTACH"},
      {"a PRAGMA", "PRAGMA journal_mode = DELETE;", "PRAGMA"},
      {"a syntax error", "SELECT id,\n  FROM orders;", "line 2, column 3"},
      {"an empty file", "", "no query"},
      {"only a comment", "-- TODO\n", "no query"},
  }));
  INFO(c.what);
  TempDir work;
  WriteFile(work.path() / "query.sql", c.sql);
  auto [code, result] = SubmitJson(Learner(), kBig, work.path() / "query.sql");
  CHECK(code == 1);
  CheckResultShape(result);
  CHECK((result["status"] == "error" && result["verdict"] == "compile_error"));
  CHECK(Contains(result["output"].get<std::string>(), c.says));
  for (const json& test : result["tests"]) CHECK(test["status"] == "skipped");
}

// Kata bug (graders/sql/query_runner.cpp CheckQuery): for "incomplete input" SQLite gives no
// error offset, so the message says nothing about where the query ends.
TEST_CASE("a query cut short says where", "[cli]") {
  TempDir work;
  WriteFile(work.path() / "query.sql", "SELECT id FROM orders WHERE");
  auto [code, result] = SubmitJson(Learner(), kBig, work.path() / "query.sql");
  CHECK((code == 1 && result["verdict"] == "compile_error"));
  CHECK(Contains(result["output"].get<std::string>(), "line 1"));
}

TEST_CASE("a missing PATH exits 2 naming it, and stores nothing", "[cli]") {
  Learner learner;
  TempDir work;
  fs::path missing = work.path() / "nowhere" / "query.sql";
  CommandResult run = learner.Run({"submit", kBig, missing.string()});
  CHECK((run.exit_code == 2 && Contains(run.err, missing.string())));
  CheckJsonError(learner.Run({"--json", "submit", kBig, missing.string()}), missing.string());
  CHECK(ParseJson(learner.Run({"--json", "history"})).empty());
}

TEST_CASE("PATH may be a folder holding exactly one .sql file or left out for the cwd",
          "[cli]") {
  Learner learner;
  TempDir work;
  fs::copy_file(Solution(kBig), work.path() / "answer.sql");
  WriteFile(work.path() / "notes.txt", "not sql");
  auto [code, result] = SubmitJson(learner, kBig, work.path());
  CHECK((code == 0 && result["status"] == "pass"));
  CHECK(learner.Run({"submit", kBig}, work.path()).exit_code == 0);

  fs::copy_file(Solution(kBig), work.path() / "other.sql");
  CommandResult two = learner.Run({"submit", kBig, work.path().string()});
  CHECK((two.exit_code == 2 && Contains(two.err, "2 .sql files")));
  TempDir empty;
  CommandResult none = learner.Run({"submit", kBig, empty.path().string()});
  CHECK((none.exit_code == 2 && Contains(none.err, "no .sql file")));
}

TEST_CASE("feedback on hidden datasets names the case but shows no hidden data", "[cli]") {
  struct Case {
    const char* kata;
    const char* bad;  // a bad/ solution, or nullptr for the query below
  };
  Case c = GENERATE(values<Case>({
      {"recent-big-orders", "amount-strictly-greater"},
      {"recent-big-orders", "no-tie-breaker"},
      {"order-counts-per-customer", "group-by-name-merges-customers"},
      {"recent-big-orders", nullptr},
  }));
  // Errors on hidden rows only (ids > 100), with an SQLite message that quotes a name.
  TempDir work;
  WriteFile(work.path() / "query.sql",
            "SELECT id, customer_name, placed_on,\n"
            "       CASE WHEN id > 100 THEN json_extract('{}', customer_name) ELSE total END\n"
            "FROM orders WHERE placed_on BETWEEN '2026-03-01' AND '2026-03-31'\n"
            "  AND status IN ('paid', 'shipped') AND total >= 500\n"
            "ORDER BY placed_on DESC, total DESC, id;\n");
  std::string query = c.bad ? Bad(c.kata, c.bad).string() : (work.path() / "query.sql").string();
  INFO(query);
  HiddenFacts hidden = ReadHiddenFacts(c.kata);
  REQUIRE(hidden.secrets.size() > 5);

  Learner learner;
  auto [code, result] = SubmitJson(learner, c.kata, query);
  CHECK(code == 1);
  CheckResultShape(result);
  std::set<std::string> names;
  int failed = 0;
  for (const json& test : result["tests"]) {
    if (!test["hidden"].get<bool>()) continue;
    std::string name = test["name"], message = test["message"];
    INFO(name << ": " << message);
    names.insert(name);
    if (test["status"] == "pass") continue;
    ++failed;
    CHECK(Contains(message, "\"" + name + "\""));
    CHECK_FALSE(Contains(message, "('"));
    CHECK_FALSE(std::regex_search(message, std::regex(R"(\(\s*-?\d+(\.\d+)?\s*,)")));
    for (const std::string& value : hidden.secrets) CHECK_FALSE(Contains(message, value));
  }
  CHECK(failed >= 1);
  CHECK(names == hidden.labels);
  std::string output = result["output"];
  CommandResult text = learner.Run({"submit", c.kata, query});
  CHECK(text.exit_code == 1);
  for (const std::string& value : hidden.secrets) {
    CHECK_FALSE(Contains(output, value));
    CHECK_FALSE(Contains(text.out + text.err, value));
  }
}

TEST_CASE("history lists the submissions newest first and feedback reprints them", "[cli]") {
  Learner learner;
  auto [bad_code, bad] = SubmitJson(learner, kBig, Bad(kBig, "amount-strictly-greater"));
  auto [good_code, good] = SubmitJson(learner, kBig, Solution(kBig));
  REQUIRE((bad_code == 1 && good_code == 0));
  std::string bad_id = bad["id"], good_id = good["id"];
  CHECK(bad_id != good_id);

  CommandResult history = learner.Run({"history"});
  CHECK(history.exit_code == 0);
  CHECK((Contains(history.out, bad_id) && Contains(history.out, good_id)));
  json listed = ParseJson(learner.Run({"--json", "history", kBig}));
  REQUIRE(listed.size() == 2);
  CHECK((listed[0]["id"] == good_id && listed[1]["id"] == bad_id));
  CHECK((listed[1]["score"] == bad["score"] && listed[1]["status"] == "fail"));
  CommandResult other_kata = learner.Run({"history", kCounts});
  CHECK(other_kata.exit_code == 0);
  CHECK_FALSE((Contains(other_kata.out, bad_id) || Contains(other_kata.out, good_id)));

  CommandResult again = learner.Run({"feedback", bad_id});
  CHECK((again.exit_code == 0 && Contains(again.out, "FAIL")));
  CHECK(Contains(again.out, std::to_string(bad["score"].get<int>()) + "/" +
                                std::to_string(bad["max_score"].get<int>())));
  CHECK(Contains(again.out, bad["tests"][2]["name"].get<std::string>()));
  CHECK(ParseJson(learner.Run({"--json", "feedback", bad_id})) == bad);
  CHECK(ParseJson(learner.Run({"--json", "feedback", good_id})) == good);

  CommandResult nope = learner.Run({"feedback", "nope"});
  CHECK((nope.exit_code == 2 && Contains(nope.err, "kata history")));
  CheckJsonError(learner.Run({"--json", "feedback", "nope"}), "nope");
  // Another learner on the same store sees neither the submission nor the history.
  CHECK(learner.Run({"feedback", good_id}, {}, "bob").exit_code == 2);
  CHECK_FALSE(Contains(learner.Run({"history"}, {}, "bob").out, good_id));
}

TEST_CASE("kata list reports the best score and solved after full marks", "[cli]") {
  Learner learner;
  auto entry = [&](const std::string& id) {
    json list = ParseJson(learner.Run({"list", "--json"}));
    return *std::find_if(list.begin(), list.end(), [&](const json& k) { return k["id"] == id; });
  };
  CHECK((entry(kBig)["solved"] == false && entry(kBig)["best_score"].is_null()));

  auto [bad_code, bad] = SubmitJson(learner, kBig, Bad(kBig, "amount-strictly-greater"));
  REQUIRE(bad_code == 1);
  CHECK((entry(kBig)["solved"] == false && entry(kBig)["best_score"] == bad["score"]));

  auto [good_code, good] = SubmitJson(learner, kBig, Solution(kBig));
  REQUIRE(good_code == 0);
  CHECK((entry(kBig)["solved"] == true && entry(kBig)["best_score"] == good["max_score"]));
  CHECK(entry(kCounts)["solved"] == false);
  CHECK(Contains(learner.Run({"list"}).out, "solved"));
}

TEST_CASE("a runaway recursive CTE gets time_limit and the grader returns", "[cli]") {
  TempDir katas;
  fs::path kata = CopyKata(katas.path(), kBig);
  WriteFile(kata / "kata.toml", ReadText(kata / "kata.toml") + "\n[limits]\ntime_ms = 200\n");
  TempDir work;
  // WHERE x < 0: no row ever comes back, or the row limit (output_limit) would stop it first.
  WriteFile(work.path() / "query.sql",
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)\n"
            "SELECT x, x, x, x FROM c WHERE x < 0;\n");
  auto start = std::chrono::steady_clock::now();
  auto [code, result] = SubmitJson(Learner(katas.path()), kBig, work.path() / "query.sql");
  auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(code == 1);
  CheckResultShape(result);
  CHECK((result["verdict"] == "time_limit" && result["status"] == "fail"));
  CHECK((result["score"] == 0 && result["tests"][0]["status"] == "error"));
  CHECK(Contains(result["tests"][0]["message"].get<std::string>(), "200 ms"));
  // Stopped by the kata's limit, well before the sandbox's wall clock (6 x 200 ms + 5 s).
  CHECK(elapsed < std::chrono::seconds(5));
}

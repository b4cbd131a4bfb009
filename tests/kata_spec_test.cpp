// Loading katas: a valid kata loads with its defaults; each malformed one is rejected with
// a message naming the file, the field and what was expected.
#include <catch2/catch.hpp>

#include "runner/catalogue.h"
#include "runner/kata_spec.h"
#include "test_support.h"

namespace kata {
namespace {

using testing::TempDir;
using testing::WriteFile;
namespace fs = std::filesystem;

const char* kToml = R"(id = "demo"
title = "Demo"
kind = "sql"
difficulty = 2
tags = ["select"]
summary = "A demo kata."
)";

// A minimal valid sql kata in root/demo.
void WriteValidKata(const fs::path& dir) {
  WriteFile(dir / "kata.toml", kToml);
  WriteFile(dir / "README.md", "# Demo\n");
  WriteFile(dir / "starter/query.sql", "SELECT 1;\n");
  WriteFile(dir / "solution/query.sql", "SELECT x FROM t;\n");
  WriteFile(dir / "fixtures/schema.sql", "CREATE TABLE t (x INTEGER);\n");
  WriteFile(dir / "fixtures/visible.sql", "INSERT INTO t VALUES (1);\n");
  WriteFile(dir / "fixtures/hidden-empty.sql", "-- case: no rows\n-- points: 2\n-- hint: h\n");
  WriteFile(dir / "bad/wrong/query.sql", "SELECT 2;\n");
  WriteFile(dir / "bad/wrong/EXPECT", "# the visible one\nvisible\nno rows\n");
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

TEST_CASE("a valid sql kata loads with its datasets, probes and defaults", "[loader]") {
  TempDir temp;
  WriteValidKata(temp.path() / "demo");
  Result<KataSpec> spec = LoadKata(temp.path() / "demo");
  REQUIRE(spec.ok());
  CHECK(spec->id == "demo");
  CHECK(spec->kind == KataKind::kSql);
  CHECK(spec->limits.time_ms == 2000);
  CHECK_FALSE(spec->grading.ordered);
  REQUIRE(spec->datasets.size() == 2);
  CHECK(spec->datasets[0].label == "example data");  // visible first
  CHECK_FALSE(spec->datasets[0].hidden);
  CHECK(spec->datasets[1].label == "no rows");
  CHECK(spec->datasets[1].points == 2);
  CHECK(spec->datasets[1].hint == "h");
  CHECK(spec->MaxScore() == 3);
  REQUIRE(spec->bad.size() == 1);
  CHECK(spec->bad[0].expect == std::vector<std::string>{"visible", "no rows"});
}

struct Breakage {
  const char* what;
  std::string file;     // relative to the kata folder; empty content deletes it
  std::string content;
  std::vector<std::string> message_parts;
};

TEST_CASE("malformed katas are rejected with the file, the field and what was expected",
          "[loader]") {
  const std::vector<Breakage> cases = {
      {"invalid TOML", "kata.toml", "id = \"demo\n", {"kata.toml:", "not valid TOML"}},
      {"difficulty is text", "kata.toml", Replace(kToml, "difficulty = 2", "difficulty = \"hard\""),
       {"kata.toml:4", "`difficulty`", "integer from 1 to 5", "\"hard\""}},
      {"difficulty out of range", "kata.toml", Replace(kToml, "difficulty = 2", "difficulty = 9"),
       {"`difficulty`", "from 1 to 5", "9"}},
      {"title missing", "kata.toml", Replace(kToml, "title = \"Demo\"\n", ""),
       {"kata.toml", "`title` is missing", "a string"}},
      {"unknown kind", "kata.toml", Replace(kToml, "kind = \"sql\"", "kind = \"rest\""),
       {"`kind`", "\"sql\", \"schema\" or \"http\"", "rest"}},
      {"id differs from folder", "kata.toml", Replace(kToml, "id = \"demo\"", "id = \"other\""),
       {"`id`", "\"other\"", "folder is \"demo\""}},
      {"tags not an array", "kata.toml", Replace(kToml, "tags = [\"select\"]", "tags = \"select\""),
       {"`tags`", "array of strings"}},
      {"ordered not a boolean", "kata.toml", std::string(kToml) + "[grading]\nordered = \"yes\"\n",
       {"`grading.ordered`", "true or false"}},
      {"time limit too small", "kata.toml", std::string(kToml) + "[limits]\ntime_ms = 1\n",
       {"`limits.time_ms`", "from 10"}},
      {"no README", "README.md", "", {"README.md", "missing", "statement"}},
      {"no solution", "solution/query.sql", "", {"solution/query.sql", "missing"}},
      {"no starter", "starter/query.sql", "", {"starter/query.sql", "missing"}},
      {"hidden dataset without a case label", "fixtures/hidden-empty.sql", "INSERT INTO t VALUES (2);\n",
       {"hidden-empty.sql:1", "-- case: LABEL"}},
      {"bad points", "fixtures/visible.sql", "-- points: lots\n", {"visible.sql:1", "points"}},
      {"EXPECT names no probe", "bad/wrong/EXPECT", "hidden-nothing\n",
       {"bad/wrong/EXPECT:1", "\"hidden-nothing\" names no probe"}},
      {"EXPECT missing", "bad/wrong/EXPECT", "", {"bad/wrong/EXPECT", "missing"}},
      {"bad solution without a query", "bad/wrong/query.sql", "", {"bad/wrong/query.sql", "missing"}},
  };
  for (const Breakage& breakage : cases) {
    DYNAMIC_SECTION(breakage.what) {
      TempDir temp;
      fs::path dir = temp.path() / "demo";
      WriteValidKata(dir);
      if (breakage.content.empty()) {
        fs::remove(dir / breakage.file);
      } else {
        WriteFile(dir / breakage.file, breakage.content);
      }
      Result<KataSpec> spec = LoadKata(dir);
      REQUIRE_FALSE(spec.ok());
      for (const std::string& part : breakage.message_parts) {
        CHECK_THAT(spec.status().message(), Catch::Contains(part));
      }
    }
  }
}

TEST_CASE("one malformed kata never hides the others from the catalogue", "[loader]") {
  TempDir temp;
  WriteValidKata(temp.path() / "demo");
  WriteValidKata(temp.path() / "broken");  // its id says "demo": a mismatch
  Catalogue catalogue = Catalogue::Load({temp.path()});
  REQUIRE(catalogue.katas().size() == 1);
  CHECK(catalogue.katas()[0].id == "demo");
  REQUIRE(catalogue.problems().size() == 1);
  CHECK_THAT(catalogue.problems()[0].message(), Catch::Contains("broken"));

  Result<KataSpec> broken = catalogue.Find("broken");
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.status().code() == Status::Code::kInvalidArgument);
  Result<KataSpec> unknown = catalogue.Find("nope");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().code() == Status::Code::kNotFound);
  CHECK_THAT(unknown.status().message(), Catch::Contains("kata list"));
}

}  // namespace
}  // namespace kata

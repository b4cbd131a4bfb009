// The lint pass of kata validate: each finding names the file (and line) and the fix; a
// kata as kata new writes it has none.
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>

#include "runner/lint.h"
#include "runner/scaffold.h"
#include "test_support.h"

namespace kata {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void Replace(const fs::path& path, const std::string& from, const std::string& to) {
  std::string text = Read(path);
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  testing::WriteFile(path, text.replace(at, from.size(), to));
}

std::string Findings(const fs::path& dir) {
  Result<KataSpec> spec = LoadKata(dir);
  REQUIRE(spec.ok());
  std::string text;
  for (const std::string& finding : LintKata(*spec)) text += finding + "\n";
  return text;
}

TEST_CASE("a kata as kata new writes it has no lint findings", "[lint]") {
  testing::TempDir temp;
  for (KataKind kind : {KataKind::kSql, KataKind::kSchema, KataKind::kHttp}) {
    std::string id = "clean-" + KindName(kind);
    REQUIRE(ScaffoldKata(kind, id, temp.path()).ok());
    CHECK(Findings(temp.path() / id).empty());
  }
}

TEST_CASE("lint finds what a reader would", "[lint]") {
  testing::TempDir temp;
  REQUIRE(ScaffoldKata(KataKind::kSql, "q", temp.path()).ok());
  REQUIRE(ScaffoldKata(KataKind::kSchema, "s", temp.path()).ok());
  REQUIRE(ScaffoldKata(KataKind::kHttp, "h", temp.path()).ok());
  fs::path q = temp.path() / "q", s = temp.path() / "s", h = temp.path() / "h";

  SECTION("a table the sql statement never names") {
    testing::WriteFile(q / "README.md", "# Q\nWrite a query.\n");
    CHECK_THAT(Findings(q), Catch::Contains("README.md: the statement never names the table products"));
  }
  SECTION("a hidden value quoted in the statement") {
    std::ofstream(q / "README.md", std::ios::app) << "\nFor instance a Kettle.\n";
    CHECK_THAT(Findings(q), Catch::Contains("hidden-exactly-ten.sql:4: the hidden value 'Kettle'"));
  }
  SECTION("a dataset that does not load") {
    std::ofstream(q / "fixtures/visible.sql", std::ios::app) << "INSERT INTO nowhere VALUES (1);\n";
    CHECK_THAT(Findings(q), Catch::Contains("visible.sql: does not load"));
  }
  SECTION("a name a schema probe checks that the statement never gives") {
    Replace(s / "README.md", "`email` (required, unique)", "an address (required, unique)");
    CHECK_THAT(Findings(s), Catch::Contains("a probe checks email but the statement never names it"));
  }
  SECTION("an endpoint the http probes use that the statement never names") {
    testing::WriteFile(h / "README.md", "# H\nBuild an API.\n");
    std::string findings = Findings(h);
    CHECK_THAT(findings, Catch::Contains("the probes request /notes"));
    CHECK_THAT(findings, Catch::Contains("database probes read the table notes"));
  }
}

}  // namespace
}  // namespace kata

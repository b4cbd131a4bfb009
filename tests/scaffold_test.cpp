// kata new: every kind's scaffold is a complete kata that kata validate passes as generated.
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "runner/scaffold.h"
#include "runner/validate.h"
#include "test_support.h"

namespace kata {
namespace {

TEST_CASE("kata new writes a kata of each kind that validates as generated", "[scaffold]") {
  std::unique_ptr<Launcher> launcher = MakeSandboxLauncher();
  GraderContext context{launcher.get(), KATA_HELPERS_DIR, {}};
  for (KataKind kind : {KataKind::kSql, KataKind::kSchema, KataKind::kHttp}) {
    DYNAMIC_SECTION(KindName(kind)) {
      testing::TempDir temp;
      std::string id = "my-" + KindName(kind) + "-kata";
      Result<std::vector<std::filesystem::path>> written = ScaffoldKata(kind, id, temp.path());
      REQUIRE(written.ok());
      Result<KataSpec> spec = LoadKata(temp.path() / id);
      REQUIRE(spec.ok());
      CHECK(spec->kind == kind);
      CHECK(spec->id == id);
      CHECK_FALSE(spec->bad.empty());
      ValidationReport report = ValidateKata(temp.path() / id, context);
      INFO(fmt::format("{}", fmt::join(report.problems, "\n")));
      CHECK(report.valid());
    }
  }
}

TEST_CASE("kata new refuses a bad id and an existing folder", "[scaffold]") {
  testing::TempDir temp;
  CHECK_FALSE(ScaffoldKata(KataKind::kSql, "Bad Id", temp.path()).ok());
  REQUIRE(ScaffoldKata(KataKind::kSql, "twice", temp.path()).ok());
  Result<std::vector<std::filesystem::path>> again = ScaffoldKata(KataKind::kSql, "twice", temp.path());
  REQUIRE_FALSE(again.ok());
  CHECK_THAT(again.status().message(), Catch::Contains("already exists"));
}

}  // namespace
}  // namespace kata

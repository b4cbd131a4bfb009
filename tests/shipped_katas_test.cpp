// Every shipped kata is valid: its reference scores full marks and each bad/ solution fails
// the probes its EXPECT names.
#include <catch2/catch.hpp>

#include "runner/catalogue.h"
#include "runner/validate.h"

#include <fmt/format.h>
#include <algorithm>

namespace kata {
namespace {

namespace fs = std::filesystem;

TEST_CASE("every shipped kata passes kata validate", "[katas]") {
  std::vector<fs::path> dirs;
  for (const fs::directory_entry& entry : fs::directory_iterator(KATA_TEST_KATAS)) {
    if (fs::exists(entry.path() / "kata.toml")) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(dirs.size() >= 8);
  // The sandbox where the machine has one, as `kata validate` uses.
  std::unique_ptr<Launcher> launcher = MakeSandboxLauncher();
  GraderContext context{launcher.get(), KATA_HELPERS_DIR, {KATA_TEST_KATAS}};
  for (const fs::path& dir : dirs) {
    DYNAMIC_SECTION(dir.filename().string()) {
      ValidationReport report = ValidateKata(dir, context);
      INFO(fmt::format("{}", fmt::join(report.problems, "\n")));
      CHECK(report.valid());
    }
  }
}

TEST_CASE("the shipped catalogue has eight sql, six schema and eight http katas, none malformed",
          "[katas]") {
  Catalogue catalogue = Catalogue::Load({KATA_TEST_KATAS});
  CHECK(catalogue.problems().empty());
  size_t sql = 0, schema = 0, http = 0;
  for (const KataSpec& spec : catalogue.katas()) {
    sql += spec.kind == KataKind::kSql ? 1 : 0;
    schema += spec.kind == KataKind::kSchema ? 1 : 0;
    http += spec.kind == KataKind::kHttp ? 1 : 0;
  }
  CHECK(sql >= 8);
  CHECK(schema >= 6);
  CHECK(http >= 8);
}

}  // namespace
}  // namespace kata

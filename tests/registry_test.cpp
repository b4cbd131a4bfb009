// kata add / remove: instructors' katas in the store, with versions; a kata that lets a bad
// solution through is refused, naming the probe and the solution.
#include <catch2/catch.hpp>
#include <fstream>

#include "runner/kata_registry.h"
#include "runner/scaffold.h"
#include "runner/submission.h"
#include "test_support.h"

namespace kata {
namespace {

namespace fs = std::filesystem;

struct Fixture {
  testing::TempDir home, authoring;
  std::unique_ptr<Store> store;
  std::unique_ptr<Launcher> launcher = MakeSandboxLauncher();
  GraderContext context{launcher.get(), KATA_HELPERS_DIR, {}};

  Fixture() {
    Result<std::unique_ptr<Store>> opened = OpenSqliteStore(home.path());
    REQUIRE(opened.ok());
    store = std::move(*opened);
  }
  fs::path NewKata(const std::string& id) {
    REQUIRE(ScaffoldKata(KataKind::kSql, id, authoring.path()).ok());
    testing::FinishScaffold(authoring.path() / id);
    return authoring.path() / id;
  }
  std::vector<StoredKataFolder> Stored() {
    Result<std::vector<StoredKataFolder>> folders = StoredKataFolders(*store, home.path());
    REQUIRE(folders.ok());
    return *folders;
  }
};

TEST_CASE("an added kata is served like a bundled one, and re-adding makes a new version",
          "[registry]") {
  Fixture f;
  fs::path dir = f.NewKata("our-kata");
  Result<AddedKata> first = AddKataFolder(*f.store, dir, f.context);
  REQUIRE(first.ok());
  CHECK(first->version == 1);

  std::ofstream(dir / "README.md", std::ios::app) << "\nVersion two.\n";
  Result<AddedKata> second = AddKataFolder(*f.store, dir, f.context);
  REQUIRE(second.ok());
  CHECK(second->version == 2);

  Catalogue catalogue = Catalogue::Load({}, f.Stored());
  REQUIRE(catalogue.katas().size() == 1);
  const KataSpec& spec = catalogue.katas()[0];
  CHECK(spec.id == "our-kata");
  CHECK(spec.version == 2);
  CHECK_THAT(spec.statement, Catch::Contains("Version two."));

  // A submission keeps the version it was graded against.
  std::unique_ptr<Grader> grader = MakeGrader(spec.kind, f.context);
  Result<GradeResult> graded = SubmitAndGrade(
      *f.store, *grader, spec, SubmittedFile{"query.sql", "SELECT name, price FROM products WHERE price > 10"},
      "ann", nullptr);
  REQUIRE(graded.ok());
  CHECK(graded->status == GradeStatus::kPass);
  CHECK(f.store->GetSubmission(graded->id)->kata_version == 2);

  // Removed: gone from the catalogue, its submission kept.
  REQUIRE(f.store->RemoveKata("our-kata").ok());
  CHECK(f.Stored().empty());
  CHECK(f.store->GetSubmission(graded->id).ok());
  CHECK_FALSE(f.store->RemoveKata("our-kata").ok());
}

TEST_CASE("a store-held kata with a bundled kata's id wins and says so", "[registry]") {
  Fixture f;
  fs::path bundled_root = f.authoring.path() / "bundled";
  REQUIRE(ScaffoldKata(KataKind::kSql, "shared-id", bundled_root).ok());
  testing::FinishScaffold(bundled_root / "shared-id");
  fs::path mine = f.NewKata("shared-id");
  std::ofstream(mine / "README.md", std::ios::app) << "\nThe instructor's own.\n";
  REQUIRE(AddKataFolder(*f.store, mine, f.context)->version == 1);
  Catalogue catalogue = Catalogue::Load({bundled_root}, f.Stored());
  REQUIRE(catalogue.katas().size() == 1);
  CHECK(catalogue.katas()[0].replaces_bundled);
  CHECK_THAT(catalogue.katas()[0].statement, Catch::Contains("The instructor's own."));
  Result<KataSpec> one = Catalogue::LoadOne({bundled_root}, "shared-id", f.Stored());
  REQUIRE(one.ok());
  CHECK(one->version == 1);
}

TEST_CASE("a kata whose probes let a bad solution pass is refused, naming both", "[registry]") {
  Fixture f;
  fs::path dir = f.NewKata("too-weak");
  // The hidden dataset that catches ">=" is gone: the bad solution now passes.
  fs::remove(dir / "fixtures/hidden-exactly-ten.sql");
  std::ofstream(dir / "bad/at-least-instead-of-more/EXPECT") << "the example from the statement\n";
  Result<AddedKata> added = AddKataFolder(*f.store, dir, f.context);
  REQUIRE(added.ok());
  CHECK(added->version == 0);
  REQUIRE_FALSE(added->report.problems.empty());
  std::string problems = added->report.problems.front();
  CHECK_THAT(problems, Catch::Contains("at-least-instead-of-more"));
  CHECK_THAT(problems, Catch::Contains("the example from the statement"));
  CHECK(f.Stored().empty());
}

TEST_CASE("kata add refuses a scaffold's TODOs that validate only warns about", "[registry]") {
  Fixture f;
  REQUIRE(ScaffoldKata(KataKind::kSql, "raw", f.authoring.path()).ok());
  ValidationReport report = ValidateKata(f.authoring.path() / "raw", f.context);
  CHECK(report.valid());
  REQUIRE_FALSE(report.warnings.empty());
  CHECK_THAT(report.warnings.front(), Catch::Contains("kata.toml:2: a TODO"));
  Result<AddedKata> added = AddKataFolder(*f.store, f.authoring.path() / "raw", f.context);
  REQUIRE(added.ok());
  CHECK(added->version == 0);
}

TEST_CASE("a bad solution that is rejected before it runs proves nothing", "[registry]") {
  Fixture f;
  fs::path dir = f.NewKata("typo-bad");
  testing::WriteFile(dir / "bad/at-least-instead-of-more/query.sql", "SELEC name FROM products;");
  ValidationReport report = ValidateKata(dir, f.context);
  CHECK_FALSE(report.valid());
  REQUIRE_FALSE(report.problems.empty());
  CHECK_THAT(report.problems.front(), Catch::Contains("is rejected before it runs"));
}

TEST_CASE("kata add and remove on the command line", "[registry][cli]") {
  Fixture f;
  fs::path dir = f.NewKata("cli-kata");
  std::vector<std::string> env = {"KATA_HOME=" + f.home.path().string(), "NO_COLOR=1",
                                  "KATA_PATH=" + (f.authoring.path() / "none").string()};
  testing::CommandResult added = testing::RunKata({"add", dir.string()}, env);
  CHECK(added.exit_code == 0);
  CHECK_THAT(added.out, Catch::Contains("version 1"));
  testing::CommandResult unchanged = testing::RunKata({"add", dir.string()}, env);
  CHECK(unchanged.exit_code == 2);
  CHECK_THAT(unchanged.err, Catch::Contains("already stored with these very files"));
  testing::CommandResult listed = testing::RunKata({"list"}, env);
  CHECK_THAT(listed.out, Catch::Contains("cli-kata"));
  CHECK_THAT(listed.out, Catch::Contains("(added, v1)"));
  CHECK(testing::RunKata({"show", "cli-kata"}, env).exit_code == 0);
  CHECK(testing::RunKata({"remove", "cli-kata"}, env).exit_code == 0);
  CHECK(testing::RunKata({"show", "cli-kata"}, env).exit_code == 2);
  CHECK(testing::RunKata({"remove", "cli-kata"}, env).exit_code == 2);
  fs::remove(dir / "README.md");
  testing::CommandResult refused = testing::RunKata({"add", dir.string()}, env);
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("README.md"));
}

}  // namespace
}  // namespace kata

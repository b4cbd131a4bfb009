// The store: submissions and results survive a round trip and a reopen; migrations run once.
#include <catch2/catch.hpp>

#include "runner/sqlite.h"
#include "runner/store.h"
#include "test_support.h"

namespace kata {
namespace {

GradeResult SampleResult(int score) {
  GradeResult result;
  result.kata = "demo";
  result.verdict = Verdict::kOk;
  result.tests.push_back({"example data", score == 2 ? TestStatus::kPass : TestStatus::kFail,
                          score == 2 ? 1 : 0, 1, "msg 'quoted' ünïcode", false, 3});
  result.tests.push_back({"ties", TestStatus::kPass, 1, 1, "Passed.", true, 4});
  result.output = "out";
  result.duration_ms = 12;
  result.Finish(true);
  return result;
}

TEST_CASE("a submission and its result round-trip through the store", "[store]") {
  testing::TempDir home;
  std::string id;
  {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(home.path());
    REQUIRE(store.ok());
    SubmissionRecord record{"", "demo", "ada", 0, "", "query.sql", "SELECT 1;", std::nullopt};
    REQUIRE((*store)->AddSubmission(record).ok());
    id = record.id;
    REQUIRE_FALSE(id.empty());
    // Stored before grading: it is there, running, with its source.
    Result<SubmissionRecord> pending = (*store)->GetSubmission(id);
    REQUIRE(pending.ok());
    CHECK(pending->state == "running");
    CHECK(pending->source == "SELECT 1;");
    CHECK_FALSE(pending->result);

    GradeResult result = SampleResult(1);
    result.id = id;
    REQUIRE((*store)->SaveResult(id, result).ok());
  }
  // A reopened store (migrations already applied) returns the same result.
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(home.path());
  REQUIRE(store.ok());
  Result<SubmissionRecord> done = (*store)->GetSubmission(id);
  REQUIRE(done.ok());
  CHECK(done->state == "done");
  REQUIRE(done->result);
  CHECK(ToJson(*done->result) == [&] {
    GradeResult expected = SampleResult(1);
    expected.id = id;
    return ToJson(expected);
  }());
  CHECK_FALSE((*store)->GetSubmission("nope").ok());
  CHECK_FALSE((*store)->SaveResult("nope", SampleResult(1)).ok());
}

TEST_CASE("history is per learner and kata, newest first; best scores per kata", "[store]") {
  testing::TempDir home;
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(home.path());
  REQUIRE(store.ok());
  std::vector<std::string> ids;
  for (int score : {1, 2}) {
    SubmissionRecord record{"", "demo", "ada", 0, "", "query.sql", "q", std::nullopt};
    REQUIRE((*store)->AddSubmission(record).ok());
    REQUIRE((*store)->SaveResult(record.id, SampleResult(score)).ok());
    ids.push_back(record.id);
  }
  SubmissionRecord other{"", "other", "grace", 0, "", "query.sql", "q", std::nullopt};
  REQUIRE((*store)->AddSubmission(other).ok());

  Result<std::vector<SubmissionRecord>> history = (*store)->History("ada", "");
  REQUIRE(history.ok());
  REQUIRE(history->size() == 2);
  CHECK(history->front().created_ms >= history->back().created_ms);
  CHECK((*store)->History("ada", "other")->empty());
  CHECK((*store)->History("grace", "other")->size() == 1);

  Result<std::map<std::string, BestScore>> best = (*store)->BestScores("ada");
  REQUIRE(best.ok());
  REQUIRE(best->count("demo"));
  CHECK(best->at("demo").score == 2);
  CHECK(best->at("demo").solved);
  CHECK((*store)->BestScores("grace")->empty());  // not graded yet
}

TEST_CASE("the store is in WAL mode at the latest schema version", "[store]") {
  testing::TempDir home;
  REQUIRE(OpenSqliteStore(home.path()).ok());
  Result<Database> db = Database::Open((home.path() / "kata.db").string(), SQLITE_OPEN_READONLY);
  REQUIRE(db.ok());
  Result<Statement> mode = db->Prepare("PRAGMA journal_mode");
  REQUIRE(mode.ok());
  REQUIRE(mode->Step());
  CHECK(mode->Text(0) == "wal");
  Result<Statement> version = db->Prepare("PRAGMA user_version");
  REQUIRE(version.ok());
  REQUIRE(version->Step());
  CHECK(version->Integer(0) == StoreSchemaVersion());
}

TEST_CASE("an unwritable store home is a clear error", "[store]") {
  testing::TempDir home;
  testing::WriteFile(home.path() / "file", "x");
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(home.path() / "file" / "sub");
  REQUIRE_FALSE(store.ok());
  CHECK_THAT(store.status().message(), Catch::Contains("KATA_HOME"));
}

}  // namespace
}  // namespace kata

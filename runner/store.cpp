// SQLite implementation of the store, with versioned migrations.
#include "runner/store.h"

#include <fmt/format.h>

#include <chrono>
#include <random>

#include "runner/sqlite.h"

namespace kata {
namespace fs = std::filesystem;
namespace {

// Each entry moves the schema one version up; never edit a shipped one, append.
const std::vector<std::string> kMigrations = {
    R"sql(
    CREATE TABLE submissions (
      id TEXT PRIMARY KEY,
      kata TEXT NOT NULL,
      learner TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done')),
      file_name TEXT NOT NULL,
      source BLOB NOT NULL,
      status TEXT,
      score INTEGER,
      max_score INTEGER,
      result TEXT
    );
    CREATE INDEX submissions_by_learner ON submissions (learner, kata, created_ms);
    )sql",
    R"sql(
    CREATE TABLE katas (
      id TEXT NOT NULL,
      version INTEGER NOT NULL,
      archive BLOB NOT NULL,
      added_ms INTEGER NOT NULL,
      removed INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (id, version)
    );
    ALTER TABLE submissions ADD COLUMN kata_version INTEGER NOT NULL DEFAULT 0;
    )sql",
    R"sql(
    ALTER TABLE submissions ADD COLUMN claimed_by TEXT;
    CREATE INDEX submissions_queue ON submissions (state, created_ms);
    CREATE TABLE learners (
      name TEXT PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      created_ms INTEGER NOT NULL,
      revoked INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    )sql",
    R"sql(
    ALTER TABLE katas ADD COLUMN digest TEXT NOT NULL DEFAULT '';
    )sql",
};

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string NewId() {
  static thread_local std::mt19937_64 random(std::random_device{}());
  return fmt::format("{:010x}", random() & 0xffffffffffULL);
}

class SqliteStore : public Store {
 public:
  explicit SqliteStore(Database db) : db_(std::move(db)) {}

  Status Migrate() {
    KATA_RETURN_IF_ERROR(db_.Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"));
    Result<Statement> version = db_.Prepare("PRAGMA user_version");
    if (!version.ok()) return version.status();
    version->Step();
    int current = static_cast<int>(version->Integer(0));
    if (current > static_cast<int>(kMigrations.size())) {
      return Status::Internal(fmt::format(
          "the store has schema version {} but this kata knows only up to {}; upgrade kata",
          current, kMigrations.size()));
    }
    for (size_t next = current; next < kMigrations.size(); ++next) {
      KATA_RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
      Status applied = db_.Exec(kMigrations[next]);
      if (applied.ok()) applied = db_.Exec(fmt::format("PRAGMA user_version = {}", next + 1));
      if (!applied.ok()) {
        (void)db_.Exec("ROLLBACK");
        return Status::Internal(fmt::format("store migration {} failed: {}", next + 1,
                                            applied.message()));
      }
      KATA_RETURN_IF_ERROR(db_.Exec("COMMIT"));
    }
    return Status::Ok();
  }

  Status AddSubmission(SubmissionRecord& record) override {
    record.state = "running";
    return Insert(record);
  }

  Status EnqueueSubmission(SubmissionRecord& record) override {
    record.state = "queued";
    return Insert(record);
  }

  Result<std::optional<SubmissionRecord>> ClaimNext(const std::string& worker) override {
    Result<Statement> claim = db_.Prepare(
        "UPDATE submissions SET state = 'running', claimed_by = ? WHERE id = (SELECT id FROM "
        "submissions WHERE state = 'queued' ORDER BY created_ms, rowid LIMIT 1) RETURNING id");
    if (!claim.ok()) return claim.status();
    claim->Bind(1, worker);
    if (!claim->Step()) {
      if (!claim->status().ok()) return claim->status();
      return std::optional<SubmissionRecord>();
    }
    std::string id = claim->Text(0);
    claim->Step();  // finish the statement before reading
    Result<SubmissionRecord> record = GetSubmission(id);
    if (!record.ok()) return record.status();
    return std::optional<SubmissionRecord>(std::move(*record));
  }

  Result<int> Requeue(const std::string& claimer_prefix) override {
    Result<Statement> update = db_.Prepare(
        "UPDATE submissions SET state = 'queued', claimed_by = NULL WHERE state = 'running' "
        "AND claimed_by IS NOT NULL AND substr(claimed_by, 1, length(?1)) = ?1");
    if (!update.ok()) return update.status();
    update->Bind(1, claimer_prefix).Step();
    if (!update->status().ok()) return update->status();
    return sqlite3_changes(db_.get());
  }

  Result<std::vector<SubmissionRecord>> Submissions(const std::string& kata,
                                                   const std::string& learner) override {
    return Query("WHERE (?1 = '' OR kata = ?1) AND (?2 = '' OR learner = ?2) "
                 "ORDER BY created_ms DESC LIMIT 1000",
                 {kata, learner});
  }

  Result<std::vector<std::tuple<std::string, std::string, BestScore>>> Scores() override {
    Result<Statement> select = db_.Prepare(
        "SELECT learner, kata, MAX(score), MAX(max_score) FROM submissions WHERE state = 'done' "
        "AND status != 'error' GROUP BY learner, kata ORDER BY learner, kata");
    if (!select.ok()) return select.status();
    std::vector<std::tuple<std::string, std::string, BestScore>> scores;
    while (select->Step()) {
      BestScore best{static_cast<int>(select->Integer(2)), static_cast<int>(select->Integer(3)),
                     false};
      best.solved = best.max_score > 0 && best.score == best.max_score;
      scores.emplace_back(select->Text(0), select->Text(1), best);
    }
    if (!select->status().ok()) return select->status();
    return scores;
  }

  Status AddLearner(const std::string& name, const std::string& token_hash) override {
    Result<Statement> insert = db_.Prepare(
        "INSERT INTO learners (name, token_hash, created_ms) VALUES (?, ?, ?) ON CONFLICT (name) "
        "DO UPDATE SET token_hash = excluded.token_hash, revoked = 0");
    if (!insert.ok()) return insert.status();
    insert->Bind(1, name).Bind(2, token_hash).Bind(3, NowMs()).Step();
    return insert->status();
  }

  Status RevokeLearner(const std::string& name) override {
    Result<Statement> update = db_.Prepare("UPDATE learners SET revoked = 1 WHERE name = ?");
    if (!update.ok()) return update.status();
    update->Bind(1, name).Step();
    if (update->status().ok() && sqlite3_changes(db_.get()) == 0) {
      return Status::NotFound(fmt::format("no learner '{}'; kata learner add NAME makes one", name));
    }
    return update->status();
  }

  Result<std::optional<std::string>> LearnerByToken(const std::string& token_hash) override {
    return One("SELECT name FROM learners WHERE token_hash = ? AND revoked = 0", token_hash);
  }

  Result<std::optional<std::string>> Setting(const std::string& key) override {
    return One("SELECT value FROM settings WHERE key = ?", key);
  }

  Status SetSetting(const std::string& key, const std::string& value) override {
    Result<Statement> upsert = db_.Prepare(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
        "excluded.value");
    if (!upsert.ok()) return upsert.status();
    upsert->Bind(1, key).Bind(2, value).Step();
    return upsert->status();
  }

 private:
  Result<std::optional<std::string>> One(const std::string& sql, const std::string& param) {
    Result<Statement> select = db_.Prepare(sql);
    if (!select.ok()) return select.status();
    select->Bind(1, param);
    if (select->Step()) return std::optional<std::string>(select->Text(0));
    if (!select->status().ok()) return select->status();
    return std::optional<std::string>();
  }

  Status Insert(SubmissionRecord& record) {
    record.id = NewId();
    record.created_ms = NowMs();
    Result<Statement> insert = db_.Prepare(
        "INSERT INTO submissions (id, kata, learner, created_ms, state, file_name, source, "
        "kata_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert.ok()) return insert.status();
    insert->Bind(1, record.id).Bind(2, record.kata).Bind(3, record.learner);
    insert->Bind(4, record.created_ms).Bind(5, record.state).Bind(6, record.file_name);
    insert->BindBlob(7, record.source).Bind(8, int64_t{record.kata_version});
    insert->Step();
    return insert->status();
  }

public:
  Status SaveResult(const std::string& id, const GradeResult& result) override {
    Result<Statement> update = db_.Prepare(
        "UPDATE submissions SET state = 'done', status = ?, score = ?, max_score = ?, "
        "result = ? WHERE id = ?");
    if (!update.ok()) return update.status();
    update->Bind(1, GradeStatusName(result.status)).Bind(2, int64_t{result.score});
    update->Bind(3, int64_t{result.max_score}).Bind(4, DumpJson(ToJson(result))).Bind(5, id);
    update->Step();
    if (update->status().ok() && sqlite3_changes(db_.get()) != 1) {
      return Status::NotFound(fmt::format("no submission {} in the store", id));
    }
    return update->status();
  }

  Result<SubmissionRecord> GetSubmission(const std::string& id) override {
    Result<std::vector<SubmissionRecord>> found = Query("WHERE id = ?", {id});
    if (!found.ok()) return found.status();
    if (found->empty()) {
      return Status::NotFound(fmt::format(
          "no submission '{}'; run `kata history` to see your submissions' ids", id));
    }
    return std::move(found->front());
  }

  Result<std::vector<SubmissionRecord>> History(const std::string& learner,
                                                const std::string& kata) override {
    if (kata.empty()) return Query("WHERE learner = ? ORDER BY created_ms DESC", {learner});
    return Query("WHERE learner = ? AND kata = ? ORDER BY created_ms DESC", {learner, kata});
  }

  Result<std::map<std::string, BestScore>> BestScores(const std::string& learner) override {
    Result<Statement> select = db_.Prepare(
        "SELECT kata, MAX(score), MAX(max_score) FROM submissions "
        "WHERE learner = ? AND state = 'done' AND status != 'error' GROUP BY kata");
    if (!select.ok()) return select.status();
    select->Bind(1, learner);
    std::map<std::string, BestScore> best;
    while (select->Step()) {
      BestScore score{static_cast<int>(select->Integer(1)),
                      static_cast<int>(select->Integer(2)), false};
      score.solved = score.max_score > 0 && score.score == score.max_score;
      best[select->Text(0)] = score;
    }
    if (!select->status().ok()) return select->status();
    return best;
  }

  Result<std::string> KataDigest(const std::string& id) override {
    Result<std::optional<std::string>> digest = One(
        "SELECT digest FROM katas WHERE id = ? ORDER BY version DESC LIMIT 1", id);
    if (!digest.ok()) return digest.status();
    return digest->value_or("");
  }

  Result<int> AddKata(const std::string& id, const std::string& archive,
                      const std::string& digest) override {
    KATA_RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
    Result<Statement> next = db_.Prepare("SELECT coalesce(max(version), 0) + 1 FROM katas WHERE id = ?");
    if (!next.ok()) {
      (void)db_.Exec("ROLLBACK");
      return next.status();
    }
    next->Bind(1, id).Step();
    int version = static_cast<int>(next->Integer(0));
    Result<Statement> insert = db_.Prepare(
        "INSERT INTO katas (id, version, archive, added_ms, digest) VALUES (?, ?, ?, ?, ?)");
    if (!insert.ok()) {
      (void)db_.Exec("ROLLBACK");
      return insert.status();
    }
    insert->Bind(1, id).Bind(2, int64_t{version}).BindBlob(3, archive).Bind(4, NowMs());
    insert->Bind(5, digest);
    insert->Step();
    // A kata added again is shown again.
    Status shown = insert->status();
    if (shown.ok()) {
      Result<Statement> show = db_.Prepare("UPDATE katas SET removed = 0 WHERE id = ?");
      shown = show.ok() ? (show->Bind(1, id).Step(), show->status()) : show.status();
    }
    if (!shown.ok()) {
      (void)db_.Exec("ROLLBACK");
      return shown;
    }
    KATA_RETURN_IF_ERROR(db_.Exec("COMMIT"));
    return version;
  }

  Status RemoveKata(const std::string& id) override {
    Result<Statement> update = db_.Prepare("UPDATE katas SET removed = 1 WHERE id = ? AND removed = 0");
    if (!update.ok()) return update.status();
    update->Bind(1, id).Step();
    if (update->status().ok() && sqlite3_changes(db_.get()) == 0) {
      return Status::NotFound(fmt::format(
          "no kata '{}' was added to this store; kata remove hides only katas added with kata add",
          id));
    }
    return update->status();
  }

  Result<std::vector<StoredKata>> StoredKatas() override {
    Result<Statement> select = db_.Prepare(
        "SELECT id, version, archive, added_ms FROM katas AS k WHERE removed = 0 AND version = "
        "(SELECT max(version) FROM katas WHERE id = k.id) ORDER BY id");
    if (!select.ok()) return select.status();
    std::vector<StoredKata> katas;
    while (select->Step()) {
      katas.push_back(StoredKata{select->Text(0), static_cast<int>(select->Integer(1)),
                                 select->Blob(2), select->Integer(3)});
    }
    if (!select->status().ok()) return select->status();
    return katas;
  }

 private:
  Result<std::vector<SubmissionRecord>> Query(const std::string& where,
                                              const std::vector<std::string>& params) {
    Result<Statement> select = db_.Prepare(
        "SELECT id, kata, learner, created_ms, state, file_name, source, result, kata_version "
        "FROM submissions " + where);
    if (!select.ok()) return select.status();
    for (size_t i = 0; i < params.size(); ++i) select->Bind(static_cast<int>(i + 1), params[i]);
    std::vector<SubmissionRecord> records;
    while (select->Step()) {
      SubmissionRecord record{select->Text(0), select->Text(1), select->Text(2),
                              select->Integer(3), select->Text(4), select->Text(5),
                              select->Blob(6), std::nullopt,
                              static_cast<int>(select->Integer(8))};
      if (!select->IsNull(7)) {
        nlohmann::json json = nlohmann::json::parse(select->Text(7), nullptr, false);
        Result<GradeResult> result = GradeResultFromJson(json);
        if (!result.ok()) return result.status();
        record.result = std::move(*result);
      }
      records.push_back(std::move(record));
    }
    if (!select->status().ok()) return select->status();
    return records;
  }

  Database db_;
};

}  // namespace

int StoreSchemaVersion() { return static_cast<int>(kMigrations.size()); }

Result<std::unique_ptr<Store>> OpenSqliteStore(const fs::path& home) {
  std::error_code error;
  fs::create_directories(home, error);
  if (error) {
    return Status::Internal(fmt::format("cannot create the store folder {}: {}; set KATA_HOME "
                                        "to a writable folder",
                                        home.string(), error.message()));
  }
  fs::path file = home / "kata.db";
  Result<Database> db = Database::Open(
      file.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW);
  if (!db.ok()) return db.status();
  sqlite3_busy_timeout(db->get(), 5000);
  auto store = std::make_unique<SqliteStore>(std::move(*db));
  Status migrated = store->Migrate();
  if (!migrated.ok()) {
    return Status::Internal(fmt::format("store {}: {}", file.string(), migrated.message()));
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace kata

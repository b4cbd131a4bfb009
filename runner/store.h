// The store: submissions, their sources and results, in SQLite (WAL) under KATA_HOME.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "runner/result.h"
#include "runner/status.h"

namespace kata {

struct SubmissionRecord {
  std::string id;
  std::string kata;
  std::string learner;
  int64_t created_ms = 0;   // unix time in milliseconds
  std::string state;        // queued | running | done
  std::string file_name;    // e.g. query.sql
  std::string source;       // what the learner submitted
  std::optional<GradeResult> result;
  int kata_version = 0;     // the store-held version graded against; 0: a kata folder
};

// A kata an instructor added: its whole folder, packed.
struct StoredKata {
  std::string id;
  int version = 0;
  std::string archive;
  int64_t added_ms = 0;
};

struct BestScore {
  int score = 0;
  int max_score = 0;
  bool solved = false;
};

// Thread-compatible: one Store per thread (SQLite connections are not shared).
class Store {
 public:
  virtual ~Store() = default;
  // Records a new submission in state "running" before it is graded; fills record.id.
  virtual Status AddSubmission(SubmissionRecord& record) = 0;
  // Stores the result and moves the submission to state "done".
  virtual Status SaveResult(const std::string& id, const GradeResult& result) = 0;
  virtual Result<SubmissionRecord> GetSubmission(const std::string& id) = 0;
  // Newest first; all katas when kata is empty.
  virtual Result<std::vector<SubmissionRecord>> History(const std::string& learner,
                                                        const std::string& kata) = 0;
  // The learner's best score per kata id.
  virtual Result<std::map<std::string, BestScore>> BestScores(const std::string& learner) = 0;

  // Stores a new version of kata id (1 for the first); returns the version.
  virtual Result<int> AddKata(const std::string& id, const std::string& archive,
                              const std::string& digest = "") = 0;
  // The digest stored with kata id's newest version ("" when none).
  virtual Result<std::string> KataDigest(const std::string& id) = 0;
  // Hides every version of kata id from learners; its submissions stay. NotFound if none.
  virtual Status RemoveKata(const std::string& id) = 0;
  // The newest version of each kata not removed, sorted by id.
  virtual Result<std::vector<StoredKata>> StoredKatas() = 0;

  // --- The grading queue (kata serve) ---
  // Records a submission in state "queued"; fills record.id.
  virtual Status EnqueueSubmission(SubmissionRecord& record) = 0;
  // Atomically takes the oldest queued submission for worker (state "running").
  virtual Result<std::optional<SubmissionRecord>> ClaimNext(const std::string& worker) = 0;
  // Puts back in the queue what claimers whose ids start with prefix left running (a
  // server that died, or is handing back work). Returns how many.
  virtual Result<int> Requeue(const std::string& claimer_prefix) = 0;
  // All learners' submissions (kata and learner filters may be empty), newest first.
  virtual Result<std::vector<SubmissionRecord>> Submissions(const std::string& kata,
                                                           const std::string& learner) = 0;
  // Best score per learner and kata.
  virtual Result<std::vector<std::tuple<std::string, std::string, BestScore>>> Scores() = 0;

  // --- Learners and their API tokens (stored as SHA-256 hashes) ---
  virtual Status AddLearner(const std::string& name, const std::string& token_hash) = 0;
  virtual Status RevokeLearner(const std::string& name) = 0;
  // The learner holding this token hash, if any and not revoked.
  virtual Result<std::optional<std::string>> LearnerByToken(const std::string& token_hash) = 0;
  virtual Result<std::optional<std::string>> Setting(const std::string& key) = 0;
  virtual Status SetSetting(const std::string& key, const std::string& value) = 0;
};

// Opens (creating and migrating as needed) $home/kata.db.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& home);

// The schema version OpenSqliteStore migrates to.
int StoreSchemaVersion();

}  // namespace kata

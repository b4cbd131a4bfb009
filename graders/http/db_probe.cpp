// Copies the server's database out of the work folder and queries the copy.
#include "graders/http/db_probe.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include "graders/schema/schema_checks.h"

namespace kata::http {
namespace {

constexpr size_t kMaxDatabaseBytes = 64 << 20;

}  // namespace

std::string RunDatabaseProbe(const WorkFolder& work, const std::string& database_file,
                             const std::string& sql, const std::string& expected) {
  Result<std::string> main_file = work.ReadFile(database_file, kMaxDatabaseBytes);
  if (!main_file.ok()) {
    return fmt::format("the database file is missing or not a plain file ({})",
                       main_file.status().message());
  }
  Result<std::unique_ptr<WorkFolder>> copy = WorkFolder::Create();
  if (!copy.ok()) return copy.status().message();
  Status written = (*copy)->WriteFile(database_file, *main_file);
  // Rows not yet checkpointed live in the WAL; a stale -shm is rebuilt by SQLite.
  Result<std::string> wal = work.ReadFile(database_file + "-wal", kMaxDatabaseBytes);
  if (written.ok() && wal.ok()) written = (*copy)->WriteFile(database_file + "-wal", *wal);
  if (!written.ok()) return written.message();

  sqlite3* db = nullptr;
  std::string path = ((*copy)->path() / database_file).string();
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, nullptr) !=
      SQLITE_OK) {
    std::string error = sqlite3_errmsg(db);
    sqlite3_close_v2(db);
    return fmt::format("the database cannot be opened: {}", error);
  }
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_exec(db, "PRAGMA query_only = ON", nullptr, nullptr, nullptr);
  std::string found = schema::CompareQuery(db, sql, expected);
  sqlite3_close_v2(db);
  return found;
}

}  // namespace kata::http

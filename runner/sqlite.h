// A thin RAII layer over the SQLite C API, with errors as Status values.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <string>

#include "runner/status.h"

namespace kata {

// One prepared statement. Not thread-safe; owned by one caller.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt, &sqlite3_finalize) {}

  Statement& Bind(int index, const std::string& text);
  Statement& Bind(int index, int64_t number);
  Statement& BindBlob(int index, const std::string& bytes);
  Statement& BindNull(int index);
  // Steps once: true when a row is ready, false when done; error in status().
  bool Step();
  const Status& status() const { return status_; }

  std::string Text(int column) const;
  std::string Blob(int column) const;
  int64_t Integer(int column) const;
  bool IsNull(int column) const;
  sqlite3_stmt* get() const { return stmt_.get(); }

 private:
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt_;
  Status status_ = Status::Ok();
};

// One connection. Not thread-safe; owned by one caller.
class Database {
 public:
  static Result<Database> Open(const std::string& path, int flags);

  Status Exec(const std::string& sql);
  Result<Statement> Prepare(const std::string& sql);
  std::string ErrorMessage() const { return sqlite3_errmsg(db_.get()); }
  sqlite3* get() const { return db_.get(); }

 private:
  explicit Database(sqlite3* db) : db_(db, &sqlite3_close_v2) {}
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> db_;
};

}  // namespace kata

// Runs a learner's query on each dataset: read-only connections, an authorizer that
// allows reading only, a progress handler for the time limit and a hard heap limit.
#include "graders/sql/query_runner.h"
#include "graders/sql/sql_text.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <cctype>
#include <iterator>
#include <set>

namespace kata::sql {
using Clock = std::chrono::steady_clock;

nlohmann::json ToJson(const QueryRequest& request) {
  return {{"query", request.query},       {"datasets", request.datasets},
          {"time_ms", request.time_ms},   {"heap_bytes", request.heap_bytes},
          {"max_rows", request.max_rows}};
}

QueryRequest QueryRequestFromJson(const nlohmann::json& json) {
  QueryRequest request;
  request.query = json.at("query").get<std::string>();
  request.datasets = json.at("datasets").get<std::vector<std::string>>();
  request.time_ms = json.at("time_ms").get<int>();
  request.heap_bytes = json.at("heap_bytes").get<int64_t>();
  request.max_rows = json.at("max_rows").get<size_t>();
  return request;
}

nlohmann::json ToJson(const QueryResponse& response) {
  nlohmann::json runs = nlohmann::json::array();
  for (const QueryRun& run : response.runs) {
    nlohmann::json rows = nlohmann::json::array();
    for (const Row& row : run.result.rows) {
      nlohmann::json values = nlohmann::json::array();
      for (const Value& value : row) values.push_back(ValueToJson(value));
      rows.push_back(std::move(values));
    }
    runs.push_back({{"columns", run.result.columns},
                    {"rows", std::move(rows)},
                    {"error_kind", run.error_kind},
                    {"error_message", run.error_message},
                    {"duration_ms", run.duration_ms}});
  }
  return {{"compile_error", response.compile_error}, {"runs", std::move(runs)}};
}

QueryResponse QueryResponseFromJson(const nlohmann::json& json) {
  QueryResponse response;
  response.compile_error = json.at("compile_error").get<std::string>();
  for (const nlohmann::json& item : json.at("runs")) {
    QueryRun run;
    run.result.columns = item.at("columns").get<std::vector<std::string>>();
    for (const nlohmann::json& values : item.at("rows")) {
      Row row;
      for (const nlohmann::json& value : values) row.push_back(ValueFromJson(value));
      run.result.rows.push_back(std::move(row));
    }
    run.error_kind = item.at("error_kind").get<std::string>();
    run.error_message = item.at("error_message").get<std::string>();
    run.duration_ms = item.at("duration_ms").get<int64_t>();
    response.runs.push_back(std::move(run));
  }
  return response;
}

namespace {

// What the authorizer refused, to explain a rejected query in the learner's terms.
struct Guard {
  std::string denied;
  Clock::time_point deadline;
  bool deadline_hit = false;
};

// Reading is all a kata query may do: ATTACH, load_extension, writes, transactions and
// PRAGMAs (but a few read-only ones) are denied.
int Authorize(void* data, int action, const char* arg1, const char* arg2, const char*,
              const char*) {
  static const std::set<std::string> kReadOnlyPragmas = {
      "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list"};
  Guard& guard = *static_cast<Guard*>(data);
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_FUNCTION:
      if (arg2 && std::string(arg2) == "load_extension") {
        guard.denied = "load_extension() is not allowed in a kata query";
        return SQLITE_DENY;
      }
      return SQLITE_OK;
    case SQLITE_PRAGMA:
      if (arg1 && kReadOnlyPragmas.count(arg1)) return SQLITE_OK;
      guard.denied = fmt::format("PRAGMA {} is not allowed in a kata query", arg1 ? arg1 : "");
      return SQLITE_DENY;
    case SQLITE_UPDATE:
      // Preparing a table-valued pragma (pragma_table_info) asks this of the schema
      // table; the connection is read-only whatever is answered here.
      if (arg1 && (std::string(arg1) == "sqlite_master" || std::string(arg1) == "sqlite_schema")) {
        return SQLITE_OK;
      }
      guard.denied = "the query may only read: writes, schema changes and transactions are "
                     "not allowed";
      return SQLITE_DENY;
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
      guard.denied = "ATTACH and DETACH are not allowed: a kata query reads only its dataset";
      return SQLITE_DENY;
    default:
      guard.denied = "the query may only read: writes, schema changes and transactions are "
                     "not allowed";
      return SQLITE_DENY;
  }
}

int OnProgress(void* data) {
  Guard& guard = *static_cast<Guard*>(data);
  if (Clock::now() < guard.deadline) return 0;
  guard.deadline_hit = true;
  return 1;  // interrupts the statement with SQLITE_INTERRUPT
}

struct Connection {
  sqlite3* db = nullptr;
  ~Connection() { sqlite3_close_v2(db); }
};

// Opens a dataset read-only, hardened against anything in its schema.
std::string OpenDataset(const std::string& file, Guard& guard, Connection& connection) {
  int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW;
  if (sqlite3_open_v2(file.c_str(), &connection.db, flags, nullptr) != SQLITE_OK) {
    return fmt::format("cannot open dataset: {}", sqlite3_errmsg(connection.db));
  }
  sqlite3* db = connection.db;
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100000);
  sqlite3_set_authorizer(db, Authorize, &guard);
  sqlite3_progress_handler(db, 1000, OnProgress, &guard);
  return "";
}

// Why sql is not one read-only query, or "" when it is. stmt is prepared on success.
std::string CheckQuery(sqlite3* db, const std::string& sql, Guard& guard, sqlite3_stmt** stmt) {
  size_t start = SkipBlank(sql, 0, true);
  if (start == sql.size()) return "the file holds no query; write one SELECT statement";
  const char* tail = nullptr;
  int code = sqlite3_prepare_v2(db, sql.c_str() + start, static_cast<int>(sql.size() - start),
                                stmt, &tail);
  if (code != SQLITE_OK) {
    if (!guard.denied.empty()) return guard.denied;
    int offset = sqlite3_error_offset(db);
    std::string where;
    if (offset >= 0) {
      where = " (at " + LineAndColumn(sql, start + static_cast<size_t>(offset)) + ")";
    } else if (sqlite3_errcode(db) == SQLITE_ERROR &&
               std::string(sqlite3_errmsg(db)) == "incomplete input") {
      where = " (the query ends too early, at " + LineAndColumn(sql, sql.size()) +
              "; is a clause or a closing parenthesis missing?)";
    }
    return fmt::format("SQLite cannot prepare the query: {}{}", sqlite3_errmsg(db), where);
  }
  size_t rest = SkipBlank(sql, static_cast<size_t>(tail - sql.c_str()), true);
  if (rest < sql.size()) {
    return fmt::format("only one statement is allowed, but a second one starts at {}; remove "
                       "it or merge the two into one query",
                       LineAndColumn(sql, rest));
  }
  std::string word = FirstWord(sql, start);
  if (word != "SELECT" && word != "WITH" && word != "VALUES") {
    return fmt::format("a kata query starts with SELECT, WITH or VALUES; this one starts with "
                       "{}",
                       word.empty() ? sql.substr(start, 10) : word);
  }
  if (!sqlite3_stmt_readonly(*stmt)) {
    return "the query would change the database; a kata query may only read";
  }
  return "";
}

QueryRun RunOne(sqlite3* db, sqlite3_stmt* stmt, Guard& guard, const QueryRequest& request) {
  QueryRun run;
  Clock::time_point start = Clock::now();
  guard.deadline = start + std::chrono::milliseconds(request.time_ms);
  guard.deadline_hit = false;
  int columns = sqlite3_column_count(stmt);
  for (int i = 0; i < columns; ++i) run.result.columns.push_back(sqlite3_column_name(stmt, i));
  int code;
  while ((code = sqlite3_step(stmt)) == SQLITE_ROW) {
    if (run.result.rows.size() >= request.max_rows) {
      run.error_kind = "output_limit";
      run.error_message = fmt::format("the query returned more than {} rows", request.max_rows);
      break;
    }
    Row row;
    for (int i = 0; i < columns; ++i) row.push_back(ReadColumn(stmt, i));
    run.result.rows.push_back(std::move(row));
  }
  if (run.error_kind.empty() && code != SQLITE_DONE) {
    if (guard.deadline_hit) {
      run.error_kind = "time_limit";
      run.error_message = fmt::format("the query ran longer than {} ms", request.time_ms);
    } else if ((code & 0xff) == SQLITE_NOMEM) {
      run.error_kind = "memory_limit";
      run.error_message = "the query needed more memory than the kata allows";
    } else {
      run.error_kind = "runtime_error";
      run.error_message = sqlite3_errmsg(db);
    }
    run.result.rows.clear();
  }
  run.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start)
                        .count();
  return run;
}

}  // namespace

QueryResponse RunQueries(const QueryRequest& request) {
  sqlite3_hard_heap_limit64(request.heap_bytes);
  QueryResponse response;
  for (size_t i = 0; i < request.datasets.size(); ++i) {
    Guard guard;
    guard.deadline = Clock::now() + std::chrono::milliseconds(request.time_ms);
    Connection connection;
    std::string error = OpenDataset(request.datasets[i], guard, connection);
    sqlite3_stmt* stmt = nullptr;
    if (error.empty()) error = CheckQuery(connection.db, request.query, guard, &stmt);
    if (!error.empty()) {
      sqlite3_finalize(stmt);
      if (i == 0) {
        response.compile_error = error;
        response.runs.clear();
        return response;
      }
      response.runs.push_back(QueryRun{{}, "runtime_error", error, 0});
      continue;
    }
    response.runs.push_back(RunOne(connection.db, stmt, guard, request));
    sqlite3_finalize(stmt);
    if (response.runs.back().error_kind == "time_limit") {
      // A query that ran out of time once would on the rest too: do not make the
      // learner wait for each of them.
      while (response.runs.size() < request.datasets.size()) {
        response.runs.push_back(QueryRun{{}, "skipped", "", 0});
      }
      break;
    }
  }
  return response;
}

}  // namespace kata::sql

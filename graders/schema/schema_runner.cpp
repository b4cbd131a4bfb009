// Applies DDL statement by statement under an authorizer that allows only CREATE TABLE,
// INDEX, VIEW and TRIGGER, then runs each probe in a savepoint that is rolled back.
#include "graders/schema/schema_runner.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <set>

#include "graders/schema/schema_checks.h"
#include "graders/sql/sql_text.h"

namespace kata::schema {
using Clock = std::chrono::steady_clock;

nlohmann::json ToJson(const SchemaRequest& request) {
  return {{"mode", "schema"},
          {"ddl", request.ddl},
          {"probes", ToJson(request.probes)},
          {"time_ms", request.time_ms},
          {"heap_bytes", request.heap_bytes}};
}

SchemaRequest SchemaRequestFromJson(const nlohmann::json& json) {
  return SchemaRequest{json.at("ddl").get<std::string>(), ProbesFromJson(json.at("probes")),
                       json.at("time_ms").get<int>(), json.at("heap_bytes").get<int64_t>()};
}

nlohmann::json ToJson(const SchemaResponse& response) {
  nlohmann::json results = nlohmann::json::array();
  for (const ProbeOutcome& result : response.results) {
    results.push_back({{"passed", result.passed},
                       {"observed", result.observed},
                       {"duration_ms", result.duration_ms}});
  }
  return {{"compile_error", response.compile_error}, {"results", std::move(results)}};
}

SchemaResponse SchemaResponseFromJson(const nlohmann::json& json) {
  SchemaResponse response;
  response.compile_error = json.at("compile_error").get<std::string>();
  for (const nlohmann::json& item : json.at("results")) {
    response.results.push_back(ProbeOutcome{item.at("passed").get<bool>(),
                                            item.at("observed").get<std::string>(),
                                            item.at("duration_ms").get<int64_t>()});
  }
  return response;
}

namespace {

struct Guard {
  bool ddl_phase = true;
  std::string denied;
  Clock::time_point deadline;
};

bool IsSchemaTable(const char* name) {
  static const std::set<std::string> kInternal = {"sqlite_master", "sqlite_schema",
                                                  "sqlite_sequence", "sqlite_temp_master"};
  return name && kInternal.count(name);
}

// While the DDL is applied: CREATE TABLE, INDEX, VIEW and TRIGGER (and the schema writes
// they make) only. Afterwards the probes, written by the kata's author, may do anything
// but attach databases or load extensions.
int Authorize(void* data, int action, const char* arg1, const char* arg2, const char* database,
              const char*) {
  Guard& guard = *static_cast<Guard*>(data);
  if (action == SQLITE_ATTACH || action == SQLITE_DETACH ||
      (action == SQLITE_FUNCTION && arg2 && std::string(arg2) == "load_extension")) {
    guard.denied = "ATTACH, DETACH and load_extension() are not allowed";
    return SQLITE_DENY;
  }
  if (!guard.ddl_phase) return SQLITE_OK;
  if (database && std::string(database) != "main") {
    guard.denied = "schema.sql may only create objects in the main database (no TEMP objects, "
                   "no other databases)";
    return SQLITE_DENY;
  }
  switch (action) {
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_INDEX:
    case SQLITE_CREATE_VIEW:
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_READ:
    case SQLITE_SELECT:
    case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE:
    case SQLITE_REINDEX:  // CREATE INDEX asks for it
      return SQLITE_OK;
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
      if (IsSchemaTable(arg1)) return SQLITE_OK;
      guard.denied = "schema.sql may only create tables, indexes, views and triggers: "
                     "INSERT, UPDATE and DELETE belong in triggers, not at the top level";
      return SQLITE_DENY;
    case SQLITE_PRAGMA:
      guard.denied = fmt::format("PRAGMA {} is not allowed in schema.sql (kata turns foreign "
                                 "keys on itself)",
                                 arg1 ? arg1 : "");
      return SQLITE_DENY;
    default:
      guard.denied = "schema.sql may only create tables, indexes, views and triggers (no DROP, "
                     "ALTER, TEMP or virtual tables)";
      return SQLITE_DENY;
  }
}

int OnProgress(void* data) {
  return Clock::now() >= static_cast<Guard*>(data)->deadline ? 1 : 0;
}

// "" when every statement of ddl is an allowed CREATE and runs; else why not.
std::string ApplyDdl(sqlite3* db, const std::string& ddl, Guard& guard) {
  size_t position = sql::SkipBlank(ddl, 0, true);
  if (position == ddl.size()) {
    return "schema.sql holds no statement; write CREATE TABLE statements";
  }
  while (position < ddl.size()) {
    std::string where = sql::LineAndColumn(ddl, position);
    std::string first = sql::FirstWord(ddl, position), second = sql::SecondWord(ddl, position);
    static const std::set<std::string> kCreatable = {"TABLE", "INDEX", "UNIQUE", "VIEW",
                                                     "TRIGGER"};
    if (first != "CREATE" || !kCreatable.count(second)) {
      return fmt::format("{}: schema.sql may only hold CREATE TABLE, CREATE INDEX, CREATE VIEW "
                         "and CREATE TRIGGER statements; this one starts with {} {}",
                         where, first.empty() ? ddl.substr(position, 12) : first, second);
    }
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    guard.denied.clear();
    int code = sqlite3_prepare_v2(db, ddl.c_str() + position,
                                  static_cast<int>(ddl.size() - position), &stmt, &tail);
    if (code != SQLITE_OK) {
      int offset = sqlite3_error_offset(db);
      std::string at = offset >= 0 ? sql::LineAndColumn(ddl, position + static_cast<size_t>(offset))
                                   : where;
      std::string message = guard.denied.empty() ? sqlite3_errmsg(db) : guard.denied;
      sqlite3_finalize(stmt);
      return fmt::format("{}: {}", at, message);
    }
    code = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (code != SQLITE_DONE) return fmt::format("{}: {}", where, sqlite3_errmsg(db));
    position = sql::SkipBlank(ddl, static_cast<size_t>(tail - ddl.c_str()), true);
  }
  return "";
}

ProbeOutcome RunProbe(sqlite3* db, const Probe& probe, Guard& guard, int time_ms) {
  ProbeOutcome outcome;
  Clock::time_point start = Clock::now();
  guard.deadline = start + std::chrono::milliseconds(time_ms);
  Execute(db, "SAVEPOINT probe");
  for (const Step& step : probe.steps) {
    if (step.setup) {
      std::string error = Execute(db, step.sql);
      if (sqlite3_get_autocommit(db)) Execute(db, "SAVEPOINT probe");
      if (!error.empty()) {
        outcome.observed = fmt::format("preparing the probe failed: `{}` was rejected: {}",
                                       step.sql, error);
        break;
      }
      continue;
    }
    outcome.observed = RunCheck(db, step.check);
    // RAISE(ROLLBACK) in a learner's trigger ends the whole transaction: open the savepoint
    // again, so nothing this probe does afterwards outlives it.
    if (sqlite3_get_autocommit(db)) Execute(db, "SAVEPOINT probe");
    if (!outcome.observed.empty()) {
      outcome.observed = fmt::format("`{}`: {}", step.check.text, outcome.observed);
      break;
    }
  }
  if (Clock::now() >= guard.deadline) {
    outcome.observed = fmt::format("the probe ran longer than {} ms and was stopped (a trigger "
                                   "that never ends?)",
                                   time_ms);
  }
  outcome.passed = outcome.observed.empty();
  Execute(db, "ROLLBACK TO probe");
  Execute(db, "RELEASE probe");
  outcome.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  return outcome;
}

}  // namespace

SchemaResponse RunSchema(const SchemaRequest& request) {
  sqlite3_hard_heap_limit64(request.heap_bytes);
  SchemaResponse response;
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW;
  if (sqlite3_open_v2("schema.db", &db, flags, nullptr) != SQLITE_OK) {
    response.compile_error = fmt::format("cannot create the database: {}", sqlite3_errmsg(db));
    sqlite3_close_v2(db);
    return response;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
  Execute(db, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = MEMORY");
  Guard guard;
  guard.deadline = Clock::now() + std::chrono::milliseconds(request.time_ms);
  sqlite3_set_authorizer(db, Authorize, &guard);
  sqlite3_progress_handler(db, 1000, OnProgress, &guard);
  response.compile_error = ApplyDdl(db, request.ddl, guard);
  if (response.compile_error.empty()) {
    guard.ddl_phase = false;
    for (const Probe& probe : request.probes) {
      response.results.push_back(RunProbe(db, probe, guard, request.time_ms));
    }
  }
  sqlite3_close_v2(db);
  return response;
}

}  // namespace kata::schema

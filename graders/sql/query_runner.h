// The query runner: the code that runs a learner's query, in a child process of its own
// (kata-sql-runner). The grader sends a QueryRequest on the child's stdin and reads a
// QueryResponse from its stdout; only dataset databases in the child's work folder are
// ever opened, read-only.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "graders/sql/value.h"

namespace kata::sql {

struct QueryRequest {
  std::string query;
  std::vector<std::string> datasets;  // database file names, relative to the cwd
  int time_ms = 2000;                 // per dataset
  int64_t heap_bytes = 64LL << 20;    // SQLite's hard heap limit
  size_t max_rows = 10000;
};

struct QueryRun {
  ResultSet result;
  // "" when the query ran; else time_limit | memory_limit | output_limit | runtime_error,
  // or skipped (not run after a time_limit on an earlier dataset).
  std::string error_kind;
  std::string error_message;  // SQLite's words; the grader keeps hidden ones to itself
  int64_t duration_ms = 0;
};

struct QueryResponse {
  std::string compile_error;  // non-empty when the query was rejected before running
  std::vector<QueryRun> runs; // one per dataset, in order
};

nlohmann::json ToJson(const QueryRequest& request);
QueryRequest QueryRequestFromJson(const nlohmann::json& json);  // throws on bad shape
nlohmann::json ToJson(const QueryResponse& response);
QueryResponse QueryResponseFromJson(const nlohmann::json& json);  // throws on bad shape

// Runs the request; what kata-sql-runner does.
QueryResponse RunQueries(const QueryRequest& request);

}  // namespace kata::sql

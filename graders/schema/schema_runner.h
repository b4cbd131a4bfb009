// The schema runner: applies a learner's DDL to a fresh database and runs the kata's
// probes on it, inside the sandbox (kata-sql-runner in schema mode). The database the
// learner's DDL built is never opened by the grader.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "graders/schema/schema_probes.h"

namespace kata::schema {

struct SchemaRequest {
  std::string ddl;
  std::vector<Probe> probes;
  int time_ms = 2000;               // per probe, and for the DDL
  int64_t heap_bytes = 64LL << 20;  // SQLite's hard heap limit
};

struct ProbeOutcome {
  bool passed = false;
  std::string observed;  // why it failed, in the learner's terms
  int64_t duration_ms = 0;
};

struct SchemaResponse {
  std::string compile_error;  // the DDL was rejected
  std::vector<ProbeOutcome> results;
};

nlohmann::json ToJson(const SchemaRequest& request);
SchemaRequest SchemaRequestFromJson(const nlohmann::json& json);  // throws on a bad shape
nlohmann::json ToJson(const SchemaResponse& response);
SchemaResponse SchemaResponseFromJson(const nlohmann::json& json);  // throws on a bad shape

// Runs the request in the current folder (creates schema.db there).
SchemaResponse RunSchema(const SchemaRequest& request);

}  // namespace kata::schema

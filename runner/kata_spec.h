// KataSpec: the one description of a kata, loaded from katas/ID/ (see docs/katas.md).
// Every field has a documented default; CLI flags only override it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "graders/http/http_probes.h"
#include "graders/schema/schema_probes.h"
#include "runner/status.h"

namespace kata {

enum class KataKind { kSql, kSchema, kHttp };
std::string KindName(KataKind kind);

struct GradingOptions {
  bool ordered = false;     // sql: rows must come in the reference's order
  bool names = false;       // sql: column names must equal the reference's
  double tolerance = 1e-6;  // sql: reals equal within this, absolute or relative
};

struct Limits {
  int time_ms = 2000;     // per dataset (sql), per probe (schema), per request (http)
  int memory_mb = 64;     // SQLite's heap (sql, schema); the server's floor is 512 (http)
  int startup_ms = 5000;  // http: until the server must accept connections
};

// One dataset of an sql kata: schema.sql + this file builds the database a probe runs on.
struct Dataset {
  std::string stem;    // file name without .sql, e.g. "hidden-ties"
  std::string label;   // the probe's name: "-- case:" or "example data"
  std::string hint;    // "-- hint:", shown when the probe fails
  int points = 1;      // "-- points:"
  bool hidden = false; // the file name starts with "hidden"
  std::string sql;     // the file's text
};

// A known-wrong solution and the probes it must fail.
struct BadSolution {
  std::string name;
  std::filesystem::path dir;
  std::vector<std::string> expect;  // probe names or dataset stems, from EXPECT
};

// One probe of any kind, as results and EXPECT files name it.
struct ProbeInfo {
  std::string name;                  // as the result's test is named
  std::vector<std::string> aliases;  // what an EXPECT line may say (the name included)
  int points = 1;
  bool hidden = false;
};

struct KataSpec {
  std::string id;
  std::string title;
  KataKind kind = KataKind::kSql;
  int difficulty = 1;
  std::vector<std::string> tags;
  std::string summary;
  GradingOptions grading;
  Limits limits;

  std::filesystem::path dir;
  int version = 0;                // the store-held version; 0: a kata folder (bundled)
  bool replaces_bundled = false;  // a store-held kata with the id of a bundled one
  std::string statement;   // README.md
  std::string schema_sql;  // fixtures/schema.sql, may be empty
  std::string seed_sql;    // http: fixtures/seed.sql, may be empty
  std::vector<Dataset> datasets;            // sql
  std::vector<schema::Probe> schema_probes; // schema: probes.txt
  std::vector<http::Probe> http_probes;     // http: probes.http
  std::vector<BadSolution> bad;

  // The file a learner submits and fetch writes: "query.sql" for sql katas.
  std::string SubmissionFileName() const;
  // The probes in grading order: an sql kata's datasets, a schema kata's probes.
  std::vector<ProbeInfo> Probes() const;
  int MaxScore() const;
};

// Loads and checks the kata in dir. On failure the Status names the file, the field and
// what was expected.
Result<KataSpec> LoadKata(const std::filesystem::path& dir);

// Reads a whole file; NotFound or InvalidArgument naming the path when it cannot.
Result<std::string> ReadTextFile(const std::filesystem::path& path);

}  // namespace kata

// The probes of a schema kata (probes.txt, see docs/katas.md): parsed once by the loader,
// sent as JSON to the runner that applies the learner's DDL inside the sandbox.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runner/status.h"

namespace kata::schema {

struct Check {
  enum class Kind {
    kTable, kColumn, kNotNull, kPrimaryKey, kForeignKey, kUnique, kDefault, kIndexFor,
    kAccepts, kRejects, kQuery,
  };
  Kind kind = Kind::kTable;
  std::string table;
  std::string column;
  std::vector<std::string> columns;         // primary key, unique, foreign key (from)
  std::string parent;                       // foreign key: the referenced table
  std::vector<std::string> parent_columns;  // foreign key: its columns
  std::string on_delete, on_update;         // foreign key actions, upper case; "" = any
  std::string affinity;                     // column: INTEGER, TEXT, REAL, NUMERIC, BLOB; "" = any
  std::string value;                        // default: the expected expression; "" = any
  std::string sql;                          // index for, accepts, rejects, query
  std::string constraint;                   // rejects: not null, unique, …; "" = any
  std::string expected;                     // query: a VALUES list, or "none"
  std::string text;                         // the check as written, for messages
};

struct Step {
  bool setup = false;  // a setup statement, else a check
  std::string sql;     // setup
  Check check;
};

struct Probe {
  std::string name;
  int points = 1;
  std::string hint;
  bool hidden = false;
  std::vector<Step> steps;
};

// Parses probes.txt; errors name file:line and what was expected.
Result<std::vector<Probe>> ParseProbes(const std::string& text, const std::string& file);

nlohmann::json ToJson(const std::vector<Probe>& probes);
std::vector<Probe> ProbesFromJson(const nlohmann::json& json);  // throws on a bad shape

}  // namespace kata::schema

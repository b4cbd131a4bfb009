// The probes of an http kata (probes.http, close to Hurl; see docs/katas.md): requests
// with expected status, captures and asserts, database queries, and restarts.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "runner/status.h"

namespace kata::http {

// What an assert or a capture looks at in a response.
struct Query {
  enum class Kind { kStatus, kHeader, kBody, kJsonPath };
  Kind kind = Kind::kStatus;
  std::string argument;  // the header name or the JSONPath
  std::string text;      // as written
};

struct Predicate {
  enum class Kind {
    kEquals, kNotEquals, kExists, kNotExists, kContains, kMatches, kCountEquals,
    kIsString, kIsInteger, kIsNumber, kIsBoolean, kIsList, kIsObject, kIsNull,
  };
  Kind kind = Kind::kExists;
  nlohmann::json value;  // == / != / contains / matches / count ==
  std::string text;      // as written
};

struct Assert {
  Query query;
  Predicate predicate;
  std::string text;  // the whole line
};

struct Capture {
  std::string name;
  Query query;
};

struct Request {
  std::string method;
  std::string path;  // may hold {{captures}}
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct Probe {
  std::string name;
  int points = 1;
  std::string hint;
  bool hidden = false;
  bool restart = false;             // restart the server before this probe
  std::optional<Request> request;   // an HTTP probe
  int expected_status = -1;         // -1: any
  std::vector<Capture> captures;
  std::vector<Assert> asserts;
  std::string sql;                  // a database probe
  std::string sql_expected;         // "VALUES …" or "none"

  // The captures ({{name}}) this probe's request, headers, body and SQL use.
  std::set<std::string> Uses() const;
};

// Parses probes.http; errors name file:line and what was expected.
Result<std::vector<Probe>> ParseProbes(const std::string& text, const std::string& file);

}  // namespace kata::http

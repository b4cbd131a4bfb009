// Evaluating a probe's queries, asserts and captures on an HTTP response.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "graders/http/http_probes.h"

namespace kata::http {

struct Response {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header of that name (case-insensitively), if any.
  std::optional<std::string> Header(const std::string& name) const;
};

// The value a query selects: a JSON number for status, a string for a header or the body,
// the selected JSON for a JSONPath. nullopt (and why) when there is none.
std::optional<nlohmann::json> Evaluate(const Query& query, const Response& response,
                                       std::string& why);

// "" when the assert holds; else what was found instead.
std::string CheckAssert(const Assert& check, const Response& response);

// The request with every {{name}} in its path, headers and body replaced.
Request Substituted(const Request& request, const std::map<std::string, std::string>& captures);

// "" when response has the probe's status and passes all its asserts (then its captures
// are recorded); else what was found instead.
std::string CheckResponse(const Probe& probe, const Response& response,
                          std::map<std::string, std::string>& captures);

// Replaces each {{name}} in text by its capture.
std::string Substitute(const std::string& text, const std::map<std::string, std::string>& captures);

// How a captured value is substituted: strings as they are, other JSON as written.
std::string CaptureText(const nlohmann::json& value);

// Evaluates a JSONPath subset ($, .key, ['key'], [index]) on json; nullopt when the path
// does not exist.
std::optional<nlohmann::json> JsonPath(const nlohmann::json& json, const std::string& path);

}  // namespace kata::http

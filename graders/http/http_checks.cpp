// Queries, predicates and captures over HTTP responses.
#include "graders/http/http_checks.h"

#include <fmt/format.h>

#include <cctype>
#include <regex>
#include "runner/text.h"

namespace kata::http {
namespace {

std::string Shown(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return text.size() > 200 ? text.substr(0, 200) + "…" : text;
}

// Numbers compare by value (1 == 1.0); everything else as JSON.
bool SameJson(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  return a == b;
}

}  // namespace

std::optional<std::string> Response::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (Lower(key) == Lower(name)) return value;
  }
  return std::nullopt;
}

std::optional<nlohmann::json> JsonPath(const nlohmann::json& json, const std::string& path) {
  if (path.empty() || path[0] != '$') return std::nullopt;
  const nlohmann::json* current = &json;
  size_t i = 1;
  while (i < path.size()) {
    std::string key;
    std::optional<size_t> index;
    if (path[i] == '.') {
      size_t end = path.find_first_of(".[", i + 1);
      key = path.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
      i = end == std::string::npos ? path.size() : end;
    } else if (path.compare(i, 2, "['") == 0) {
      size_t end = path.find("']", i + 2);
      if (end == std::string::npos) return std::nullopt;
      key = path.substr(i + 2, end - i - 2);
      i = end + 2;
    } else if (path[i] == '[') {
      size_t end = path.find(']', i);
      if (end == std::string::npos) return std::nullopt;
      std::string digits = path.substr(i + 1, end - i - 1);
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
      }
      index = std::stoul(digits);
      i = end + 1;
    } else {
      return std::nullopt;
    }
    if (index) {
      if (!current->is_array() || *index >= current->size()) return std::nullopt;
      current = &(*current)[*index];
    } else {
      if (!current->is_object() || !current->contains(key)) return std::nullopt;
      current = &(*current)[key];
    }
  }
  return *current;
}

std::optional<nlohmann::json> Evaluate(const Query& query, const Response& response,
                                       std::string& why) {
  switch (query.kind) {
    case Query::Kind::kStatus: return response.status;
    case Query::Kind::kBody: return response.body;
    case Query::Kind::kHeader: {
      std::optional<std::string> value = response.Header(query.argument);
      if (!value) why = fmt::format("there is no {} header", query.argument);
      return value ? std::optional<nlohmann::json>(*value) : std::nullopt;
    }
    case Query::Kind::kJsonPath: {
      nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
      if (body.is_discarded()) {
        why = "the body is not JSON";
        return std::nullopt;
      }
      std::optional<nlohmann::json> value = JsonPath(body, query.argument);
      if (!value) why = fmt::format("the body has nothing at {}", query.argument);
      return value;
    }
  }
  return std::nullopt;
}

std::string CheckAssert(const Assert& check, const Response& response) {
  using Kind = Predicate::Kind;
  std::string why;
  std::optional<nlohmann::json> value = Evaluate(check.query, response, why);
  const Predicate& p = check.predicate;
  if (p.kind == Kind::kNotExists) return value ? fmt::format("found {}", Shown(*value)) : "";
  if (!value) return why;
  switch (p.kind) {
    case Kind::kExists: return "";
    case Kind::kEquals:
      return SameJson(*value, p.value) ? "" : fmt::format("found {}", Shown(*value));
    case Kind::kNotEquals:
      return SameJson(*value, p.value) ? fmt::format("found {}", Shown(*value)) : "";
    case Kind::kContains: {
      std::string needle = p.value.get<std::string>();
      if (value->is_string()) {
        return value->get<std::string>().find(needle) != std::string::npos
                   ? ""
                   : fmt::format("found {}", Shown(*value));
      }
      if (value->is_array()) {
        for (const nlohmann::json& item : *value) {
          if (item == p.value) return "";
        }
      }
      return fmt::format("found {}", Shown(*value));
    }
    case Kind::kMatches:
      if (!value->is_string()) return fmt::format("found {}, not a string", Shown(*value));
      return std::regex_search(value->get<std::string>(), std::regex(p.value.get<std::string>()))
                 ? ""
                 : fmt::format("found {}", Shown(*value));
    case Kind::kCountEquals:
      if (!value->is_array()) return fmt::format("found {}, not a list", Shown(*value));
      return value->size() == p.value.get<size_t>()
                 ? ""
                 : fmt::format("found a list of {}", value->size());
    case Kind::kIsString: return value->is_string() ? "" : fmt::format("found {}", Shown(*value));
    case Kind::kIsInteger:
      return value->is_number_integer() ? "" : fmt::format("found {}", Shown(*value));
    case Kind::kIsNumber: return value->is_number() ? "" : fmt::format("found {}", Shown(*value));
    case Kind::kIsBoolean: return value->is_boolean() ? "" : fmt::format("found {}", Shown(*value));
    case Kind::kIsList: return value->is_array() ? "" : fmt::format("found {}", Shown(*value));
    case Kind::kIsObject: return value->is_object() ? "" : fmt::format("found {}", Shown(*value));
    case Kind::kIsNull: return value->is_null() ? "" : fmt::format("found {}", Shown(*value));
    case Kind::kNotExists: return "";
  }
  return "unknown predicate";
}

std::string Substitute(const std::string& text,
                       const std::map<std::string, std::string>& captures) {
  static const std::regex kPlaceholder(R"(\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\})");
  std::string out;
  std::sregex_iterator it(text.begin(), text.end(), kPlaceholder), end;
  size_t last = 0;
  for (; it != end; ++it) {
    out += text.substr(last, static_cast<size_t>(it->position()) - last);
    auto found = captures.find((*it)[1]);
    out += found != captures.end() ? found->second : it->str();
    last = static_cast<size_t>(it->position() + it->length());
  }
  return out + text.substr(last);
}

Request Substituted(const Request& request, const std::map<std::string, std::string>& captures) {
  Request out = request;
  out.path = Substitute(out.path, captures);
  out.body = Substitute(out.body, captures);
  for (auto& [name, value] : out.headers) value = Substitute(value, captures);
  return out;
}

std::string CheckResponse(const Probe& probe, const Response& response,
                          std::map<std::string, std::string>& captures) {
  if (probe.expected_status >= 0 && response.status != probe.expected_status) {
    return fmt::format("expected HTTP {}, got HTTP {}", probe.expected_status, response.status);
  }
  for (const Assert& check : probe.asserts) {
    std::string found = CheckAssert(check, response);
    if (!found.empty()) return fmt::format("`{}`: {}", check.text, found);
  }
  for (const Capture& capture : probe.captures) {
    std::string why;
    std::optional<nlohmann::json> value = Evaluate(capture.query, response, why);
    if (!value) {
      return fmt::format("could not capture {} ({} {}): {}", capture.name, capture.query.text,
                         capture.query.argument, why);
    }
    captures[capture.name] = CaptureText(*value);
  }
  return "";
}

std::string CaptureText(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace kata::http

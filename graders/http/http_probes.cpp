// Parses probes.http.
#include "graders/http/http_probes.h"

#include <fmt/format.h>

#include <regex>
#include <sstream>
#include "runner/text.h"

namespace kata::http {
namespace {

// "header \"Location\"", "jsonpath \"$.id\"", "status", "body"; the rest of the line after
// the query is returned in rest.
bool ParseQuery(const std::string& text, Query& query, std::string& rest) {
  static const std::regex kQuery(R"re(^(status|body|header\s+"([^"]+)"|jsonpath\s+"([^"]+)")\s*(.*)$)re");
  std::smatch m;
  if (!std::regex_match(text, m, kQuery)) return false;
  std::string word = m[1];
  if (word == "status") {
    query.kind = Query::Kind::kStatus;
  } else if (word == "body") {
    query.kind = Query::Kind::kBody;
  } else if (m[2].matched) {
    query.kind = Query::Kind::kHeader;
    query.argument = m[2];
  } else {
    query.kind = Query::Kind::kJsonPath;
    query.argument = m[3];
  }
  query.text = word;
  rest = Trim(m[4]);
  return true;
}

bool ParseValue(const std::string& text, nlohmann::json& value) {
  value = nlohmann::json::parse(text, nullptr, false);
  return !value.is_discarded();
}

bool ParsePredicate(const std::string& text, Predicate& predicate) {
  using Kind = Predicate::Kind;
  predicate.text = text;
  static const std::vector<std::pair<const char*, Kind>> kTypes = {
      {"isString", Kind::kIsString},   {"isInteger", Kind::kIsInteger},
      {"isNumber", Kind::kIsNumber},   {"isBoolean", Kind::kIsBoolean},
      {"isList", Kind::kIsList},       {"isObject", Kind::kIsObject},
      {"isNull", Kind::kIsNull},       {"exists", Kind::kExists},
      {"not exists", Kind::kNotExists}};
  for (const auto& [word, kind] : kTypes) {
    if (text == word) {
      predicate.kind = kind;
      return true;
    }
  }
  static const std::regex kBinary(R"(^(==|!=|contains|matches|count\s*==)\s+(.+)$)");
  std::smatch m;
  if (!std::regex_match(text, m, kBinary)) return false;
  std::string op = m[1];
  if (!ParseValue(Trim(m[2]), predicate.value)) return false;
  if (op == "==") {
    predicate.kind = Kind::kEquals;
  } else if (op == "!=") {
    predicate.kind = Kind::kNotEquals;
  } else if (op == "contains") {
    predicate.kind = Kind::kContains;
    return predicate.value.is_string();
  } else if (op == "matches") {
    predicate.kind = Kind::kMatches;
    if (!predicate.value.is_string()) return false;
    try {
      std::regex check(predicate.value.get<std::string>());
    } catch (const std::regex_error&) {
      return false;
    }
  } else {
    predicate.kind = Kind::kCountEquals;
    return predicate.value.is_number_integer();
  }
  return true;
}

enum class Section { kMeta, kHeaders, kJsonBody, kRawBody, kAfterStatus, kCaptures, kAsserts };

}  // namespace

std::set<std::string> Probe::Uses() const {
  std::string text = sql;
  if (request) {
    text += request->path + request->body;
    for (const auto& [name, value] : request->headers) text += value;
  }
  std::set<std::string> uses;
  static const std::regex kPlaceholder(R"(\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\})");
  for (std::sregex_iterator it(text.begin(), text.end(), kPlaceholder), end; it != end; ++it) {
    uses.insert((*it)[1]);
  }
  return uses;
}

Result<std::vector<Probe>> ParseProbes(const std::string& text, const std::string& file) {
  std::vector<Probe> probes;
  std::set<std::string> names;
  std::istringstream lines(text);
  std::string raw;
  int number = 0;
  Section section = Section::kMeta;
  auto fail = [&](const std::string& what) {
    return Status::InvalidArgument(fmt::format("{}:{}: {}", file, number, what));
  };
  static const std::regex kMeta(R"(^(probe|points|hint|hidden|sql)\s*:\s*(.*)$)");
  static const std::regex kRequest(R"(^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)$)");
  static const std::regex kHeader(R"(^([A-Za-z0-9-]+)\s*:\s*(.*)$)");
  static const std::regex kStatus(R"(^HTTP\s+(\*|[1-5][0-9][0-9])$)");
  static const std::regex kCapture(R"(^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.+)$)");
  while (std::getline(lines, raw)) {
    ++number;
    std::string line = Trim(raw);
    if (section == Section::kRawBody) {
      if (line == "```") {
        section = Section::kHeaders;
      } else {
        Request& request = *probes.back().request;
        request.body += (request.body.empty() ? "" : "\n") + raw;
      }
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    std::smatch m;
    if (std::regex_match(line, m, kMeta) && (section == Section::kMeta || m[1] == "probe")) {
      std::string key = m[1], value = Trim(m[2]);
      if (key == "probe") {
        if (!probes.empty() && probes.back().request && probes.back().expected_status == -2) {
          return fail("the request before this probe has no `HTTP STATUS` line");
        }
        if (value.empty()) return fail("`probe:` needs a name");
        if (!names.insert(value).second) return fail(fmt::format("a second probe named \"{}\"", value));
        probes.push_back(Probe{});
        probes.back().name = value;
        section = Section::kMeta;
        continue;
      }
      if (probes.empty()) return fail(fmt::format("`{}:` before the first `probe:`", key));
      Probe& probe = probes.back();
      if (key == "points") {
        if (!std::regex_match(value, std::regex("[1-9][0-9]{0,2}"))) {
          return fail("`points:` expected a whole number from 1 to 999");
        }
        probe.points = std::stoi(value);
      } else if (key == "hint") {
        probe.hint = value;
      } else if (key == "hidden") {
        if (value != "true" && value != "false") return fail("`hidden:` expected true or false");
        probe.hidden = value == "true";
      } else {
        size_t arrow = value.rfind("=>");
        if (arrow == std::string::npos) return fail("`sql:` expected QUERY => VALUES (…) or => none");
        probe.sql = Trim(value.substr(0, arrow));
        probe.sql_expected = Trim(value.substr(arrow + 2));
      }
      continue;
    }
    if (probes.empty()) return fail("expected `probe: NAME` first");
    Probe& probe = probes.back();
    if (section == Section::kMeta) {
      if (line == "restart") {
        probe.restart = true;
      } else if (std::regex_match(line, m, kRequest)) {
        if (probe.request) return fail("a probe sends one request; start another probe");
        if (m[2].str()[0] != '/' && m[2].str().rfind("{{", 0) != 0) {
          return fail("the request path must start with /");
        }
        probe.request = Request{m[1], m[2], {}, ""};
        probe.expected_status = -2;  // not given yet
        section = Section::kHeaders;
      } else {
        return fail("expected `points:`, `hint:`, `hidden:`, `sql:`, `restart` or a request "
                    "line such as `GET /path`");
      }
      continue;
    }
    if (section == Section::kHeaders || section == Section::kJsonBody) {
      if (std::regex_match(line, m, kStatus)) {
        probe.expected_status = m[1] == "*" ? -1 : std::stoi(m[1]);
        section = Section::kAfterStatus;
      } else if (section == Section::kJsonBody) {
        probe.request->body += "\n" + raw;
      } else if (line == "```") {
        section = Section::kRawBody;
      } else if (line[0] == '{' || line[0] == '[') {
        probe.request->body = raw;
        section = Section::kJsonBody;
      } else if (std::regex_match(line, m, kHeader) && probe.request->body.empty()) {
        probe.request->headers.emplace_back(m[1], Trim(m[2]));
      } else {
        return fail("expected a header `Name: value`, a body, or `HTTP STATUS`");
      }
      continue;
    }
    if (line == "[Captures]") {
      section = Section::kCaptures;
    } else if (line == "[Asserts]") {
      section = Section::kAsserts;
    } else if (section == Section::kCaptures) {
      Capture capture;
      std::string rest;
      if (!std::regex_match(line, m, kCapture) || !ParseQuery(Trim(m[2]), capture.query, rest) ||
          !rest.empty()) {
        return fail("a capture is `NAME: QUERY`, e.g. `id: jsonpath \"$.id\"`");
      }
      capture.name = m[1];
      probe.captures.push_back(std::move(capture));
    } else if (section == Section::kAsserts) {
      Assert check;
      check.text = line;
      std::string rest;
      if (!ParseQuery(line, check.query, rest) || !ParsePredicate(rest, check.predicate)) {
        return fail("an assert is `QUERY PREDICATE`, e.g. `jsonpath \"$.id\" isInteger` or "
                    "`header \"Location\" matches \"^/todos/\"` (see docs/katas.md)");
      }
      probe.asserts.push_back(std::move(check));
    } else {
      return fail("expected `[Captures]`, `[Asserts]`, their lines, or the next `probe:`");
    }
  }
  if (section == Section::kRawBody) return fail("a ``` body is not closed");
  for (Probe& probe : probes) {
    if (probe.request && probe.expected_status == -2) {
      return Status::InvalidArgument(fmt::format(
          "{}: probe \"{}\" has a request but no `HTTP STATUS` line", file, probe.name));
    }
    if (probe.hint.empty() || (!probe.request && probe.sql.empty())) {
      return Status::InvalidArgument(fmt::format(
          "{}: probe \"{}\" needs a `hint:` and a request or an `sql:` line", file, probe.name));
    }
  }
  if (probes.empty()) {
    return Status::InvalidArgument(fmt::format("{}: no probe; start one with `probe: NAME`", file));
  }
  return probes;
}

}  // namespace kata::http

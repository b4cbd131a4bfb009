// Parses probes.txt and moves probes to and from JSON.
#include "graders/schema/schema_probes.h"

#include <fmt/format.h>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>
#include "runner/text.h"

namespace kata::schema {
namespace {

std::vector<std::string> Columns(const std::string& list) {
  std::vector<std::string> columns;
  std::istringstream parts(list);
  std::string part;
  while (std::getline(parts, part, ',')) columns.push_back(Trim(part));
  return columns;
}

// "SQL => VALUES …" / "SQL => none": the split at the last " => ".
bool SplitQuery(const std::string& rest, Check& check) {
  size_t arrow = rest.rfind("=>");
  if (arrow == std::string::npos) return false;
  check.sql = Trim(rest.substr(0, arrow));
  check.expected = Trim(rest.substr(arrow + 2));
  std::string upper = Upper(check.expected);
  return !check.sql.empty() && (upper == "NONE" || upper.rfind("VALUES", 0) == 0);
}

const char* kIdent = R"(([A-Za-z_][A-Za-z0-9_]*))";

// Parses the text after "check:"; an empty string on success, else what was expected.
std::string ParseCheck(const std::string& text, Check& check) {
  using Kind = Check::Kind;
  check.text = text;
  std::smatch m;
  const std::string id = kIdent;
  static const std::regex kTable("^table\\s+" + id + "$", std::regex::icase);
  static const std::regex kColumn("^column\\s+" + id + "\\." + id +
                                      "(?:\\s+(INTEGER|TEXT|REAL|NUMERIC|BLOB))?$",
                                  std::regex::icase);
  static const std::regex kNotNull("^not\\s+null\\s+" + id + "\\." + id + "$", std::regex::icase);
  static const std::regex kKey("^(primary\\s+key|unique)\\s+" + id + "\\s*\\(([^)]*)\\)$",
                               std::regex::icase);
  static const std::regex kForeign(
      "^foreign\\s+key\\s+" + id + "\\s*\\(([^)]*)\\)\\s*->\\s*" + id +
          "\\s*\\(([^)]*)\\)((?:\\s+on\\s+(?:delete|update)\\s+(?:cascade|set\\s+null|set\\s+"
          "default|restrict|no\\s+action))*)$",
      std::regex::icase);
  static const std::regex kAction("on\\s+(delete|update)\\s+(cascade|set\\s+null|set\\s+default|"
                                  "restrict|no\\s+action)",
                                  std::regex::icase);
  static const std::regex kDefault("^default\\s+" + id + "\\." + id + "(?:\\s*=\\s*(.+))?$",
                                   std::regex::icase);
  static const std::regex kStatement(
      "^(index\\s+for|accepts|rejects(?:\\s+(not\\s+null|unique|primary\\s+key|foreign\\s+key|"
      "check|trigger|datatype))?|query)\\s*:\\s*(.+)$",
      std::regex::icase);
  auto normal = [](std::string words) {
    return std::regex_replace(Upper(words), std::regex("\\s+"), " ");
  };
  if (std::regex_match(text, m, kTable)) {
    check.kind = Kind::kTable;
    check.table = m[1];
  } else if (std::regex_match(text, m, kColumn)) {
    check.kind = Kind::kColumn;
    check.table = m[1];
    check.column = m[2];
    check.affinity = Upper(m[3]);
  } else if (std::regex_match(text, m, kNotNull)) {
    check.kind = Kind::kNotNull;
    check.table = m[1];
    check.column = m[2];
  } else if (std::regex_match(text, m, kKey)) {
    check.kind = normal(m[1]) == "UNIQUE" ? Kind::kUnique : Kind::kPrimaryKey;
    check.table = m[2];
    check.columns = Columns(m[3]);
  } else if (std::regex_match(text, m, kForeign)) {
    check.kind = Kind::kForeignKey;
    check.table = m[1];
    check.columns = Columns(m[2]);
    check.parent = m[3];
    check.parent_columns = Columns(m[4]);
    std::string actions = m[5];
    for (std::sregex_iterator it(actions.begin(), actions.end(), kAction), end; it != end; ++it) {
      (normal((*it)[1]) == "DELETE" ? check.on_delete : check.on_update) = normal((*it)[2]);
    }
    if (check.columns.size() != check.parent_columns.size()) {
      return "a foreign key with as many columns on each side";
    }
  } else if (std::regex_match(text, m, kDefault)) {
    check.kind = Kind::kDefault;
    check.table = m[1];
    check.column = m[2];
    check.value = Trim(m[3]);
  } else if (std::regex_match(text, m, kStatement)) {
    std::string verb = normal(m[1]);
    std::string rest = Trim(m[3]);
    if (verb == "INDEX FOR") {
      check.kind = Kind::kIndexFor;
      check.sql = rest;
    } else if (verb == "ACCEPTS") {
      check.kind = Kind::kAccepts;
      check.sql = rest;
    } else if (verb == "QUERY") {
      check.kind = Kind::kQuery;
      if (!SplitQuery(rest, check)) return "query: SQL => VALUES (…), (…) or query: SQL => none";
    } else {
      check.kind = Kind::kRejects;
      check.sql = rest;
      check.constraint = m[2].matched ? std::regex_replace(
                                            std::string(m[2]), std::regex("\\s+"), " ")
                                      : "";
      std::transform(check.constraint.begin(), check.constraint.end(), check.constraint.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    }
  } else {
    return "one of: table T, column T.C [AFFINITY], not null T.C, primary key T(C, …), "
           "foreign key T(C, …) -> P(D, …) [on delete ACTION] [on update ACTION], unique "
           "T(C, …), default T.C [= EXPR], index for: SQL, accepts: SQL, rejects [KIND]: SQL, "
           "query: SQL => VALUES (…)";
  }
  return "";
}

}  // namespace

Result<std::vector<Probe>> ParseProbes(const std::string& text, const std::string& file) {
  std::vector<Probe> probes;
  std::set<std::string> names;
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  static const std::regex kLine(R"(^(probe|points|hint|hidden|setup|check)\s*:\s*(.*)$)");
  auto fail = [&](const std::string& what) {
    return Status::InvalidArgument(fmt::format("{}:{}: {}", file, number, what));
  };
  while (std::getline(lines, line)) {
    ++number;
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    std::smatch m;
    if (!std::regex_match(line, m, kLine)) {
      return fail("expected `probe:`, `points:`, `hint:`, `hidden:`, `setup:` or `check:`");
    }
    std::string key = m[1], value = Trim(m[2]);
    if (key == "probe") {
      if (value.empty()) return fail("`probe:` needs a name");
      if (!names.insert(value).second) return fail(fmt::format("a second probe named \"{}\"", value));
      probes.push_back(Probe{value, 1, "", false, {}});
      continue;
    }
    if (probes.empty()) return fail(fmt::format("`{}:` before the first `probe:`", key));
    Probe& probe = probes.back();
    if (key == "points") {
      if (!std::regex_match(value, std::regex("[1-9][0-9]{0,2}"))) {
        return fail(fmt::format("`points:` expected a whole number from 1 to 999, got \"{}\"", value));
      }
      probe.points = std::stoi(value);
    } else if (key == "hint") {
      probe.hint = value;
    } else if (key == "hidden") {
      if (value != "true" && value != "false") return fail("`hidden:` expected true or false");
      probe.hidden = value == "true";
    } else if (key == "setup") {
      if (value.empty()) return fail("`setup:` needs an SQL statement");
      probe.steps.push_back(Step{true, value, Check{}});
    } else {
      Step step;
      std::string expected = ParseCheck(value, step.check);
      if (!expected.empty()) return fail(fmt::format("`check: {}`: expected {}", value, expected));
      probe.steps.push_back(std::move(step));
    }
  }
  for (const Probe& probe : probes) {
    bool has_check = std::any_of(probe.steps.begin(), probe.steps.end(),
                                 [](const Step& step) { return !step.setup; });
    if (!has_check || probe.hint.empty()) {
      return Status::InvalidArgument(fmt::format(
          "{}: probe \"{}\" needs at least one `check:` and a `hint:` that says how to fix it",
          file, probe.name));
    }
  }
  if (probes.empty()) {
    return Status::InvalidArgument(fmt::format("{}: no probe; start one with `probe: NAME`", file));
  }
  return probes;
}

nlohmann::json ToJson(const std::vector<Probe>& probes) {
  nlohmann::json list = nlohmann::json::array();
  for (const Probe& probe : probes) {
    nlohmann::json steps = nlohmann::json::array();
    for (const Step& step : probe.steps) {
      const Check& c = step.check;
      steps.push_back({{"setup", step.setup},
                       {"sql", step.sql},
                       {"kind", static_cast<int>(c.kind)},
                       {"table", c.table},
                       {"column", c.column},
                       {"columns", c.columns},
                       {"parent", c.parent},
                       {"parent_columns", c.parent_columns},
                       {"on_delete", c.on_delete},
                       {"on_update", c.on_update},
                       {"affinity", c.affinity},
                       {"value", c.value},
                       {"check_sql", c.sql},
                       {"constraint", c.constraint},
                       {"expected", c.expected},
                       {"text", c.text}});
    }
    list.push_back({{"name", probe.name}, {"steps", std::move(steps)}});
  }
  return list;
}

std::vector<Probe> ProbesFromJson(const nlohmann::json& json) {
  std::vector<Probe> probes;
  for (const nlohmann::json& item : json) {
    Probe probe;
    probe.name = item.at("name").get<std::string>();
    for (const nlohmann::json& s : item.at("steps")) {
      Step step;
      step.setup = s.at("setup").get<bool>();
      step.sql = s.at("sql").get<std::string>();
      Check& c = step.check;
      c.kind = static_cast<Check::Kind>(s.at("kind").get<int>());
      c.table = s.at("table").get<std::string>();
      c.column = s.at("column").get<std::string>();
      c.columns = s.at("columns").get<std::vector<std::string>>();
      c.parent = s.at("parent").get<std::string>();
      c.parent_columns = s.at("parent_columns").get<std::vector<std::string>>();
      c.on_delete = s.at("on_delete").get<std::string>();
      c.on_update = s.at("on_update").get<std::string>();
      c.affinity = s.at("affinity").get<std::string>();
      c.value = s.at("value").get<std::string>();
      c.sql = s.at("check_sql").get<std::string>();
      c.constraint = s.at("constraint").get<std::string>();
      c.expected = s.at("expected").get<std::string>();
      c.text = s.at("text").get<std::string>();
      probe.steps.push_back(std::move(step));
    }
    probes.push_back(std::move(probe));
  }
  return probes;
}

}  // namespace kata::schema

// Lint checks on a loaded kata.
#include "runner/lint.h"

#include <fmt/format.h>

#include <regex>
#include <set>
#include <sstream>

#include "runner/sqlite.h"
#include "runner/text.h"

namespace kata {
namespace fs = std::filesystem;
namespace {

bool Mentions(const std::string& statement, const std::string& name) {
  return Lower(statement).find(Lower(name)) != std::string::npos;
}

std::set<std::string> TablesCreatedBy(const std::string& sql) {
  static const std::regex kCreate(
      R"(create\s+table\s+(?:if\s+not\s+exists\s+)?["`\[]?([A-Za-z_][A-Za-z0-9_]*))",
      std::regex::icase);
  std::set<std::string> tables;
  for (std::sregex_iterator it(sql.begin(), sql.end(), kCreate), end; it != end; ++it) {
    tables.insert((*it)[1]);
  }
  return tables;
}

// Quoted string literals of at least 4 characters, with the line they are on.
std::vector<std::pair<std::string, int>> Literals(const std::string& sql) {
  std::vector<std::pair<std::string, int>> found;
  static const std::regex kLiteral(R"('((?:[^']|'')*)')");
  std::istringstream lines(sql);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.rfind("--", 0) == 0) continue;
    for (std::sregex_iterator it(line.begin(), line.end(), kLiteral), end; it != end; ++it) {
      std::string text = (*it)[1];
      if (text.size() >= 4) found.emplace_back(text, number);
    }
  }
  return found;
}

void LintSql(const KataSpec& spec, std::vector<std::string>& problems) {
  std::string readme = (spec.dir / "README.md").string();
  for (const std::string& table : TablesCreatedBy(spec.schema_sql)) {
    if (!Mentions(spec.statement, table)) {
      problems.push_back(fmt::format(
          "{}: the statement never names the table {} that fixtures/schema.sql creates; "
          "describe it (its columns too) so a learner can write the query",
          readme, table));
    }
  }
  // Values that only hidden datasets hold must not appear in the statement. Values the
  // reference query names (a date range, a status) are the contract, not hidden data.
  std::string visible = spec.schema_sql;
  for (const Dataset& dataset : spec.datasets) {
    if (!dataset.hidden) visible += dataset.sql;
  }
  Result<std::string> solution = ReadTextFile(spec.dir / "solution" / spec.SubmissionFileName());
  if (solution.ok()) visible += *solution;
  std::set<std::string> reported;
  for (const Dataset& dataset : spec.datasets) {
    Result<Database> db = Database::Open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    Status loaded = db.ok() ? db->Exec(spec.schema_sql) : db.status();
    if (loaded.ok()) loaded = db->Exec(dataset.sql);
    if (!loaded.ok()) {
      problems.push_back(fmt::format("{}: does not load after fixtures/schema.sql: {}; fix the SQL",
                                     (spec.dir / "fixtures" / (dataset.stem + ".sql")).string(),
                                     loaded.message()));
    }
    if (!dataset.hidden) continue;
    for (const auto& [literal, line] : Literals(dataset.sql)) {
      if (visible.find("'" + literal + "'") == std::string::npos &&
          spec.statement.find(literal) != std::string::npos && reported.insert(literal).second) {
        problems.push_back(fmt::format(
            "{}:{}: the hidden value '{}' is quoted in README.md; hidden data must stay "
            "hidden: describe the kind of case instead",
            (spec.dir / "fixtures" / (dataset.stem + ".sql")).string(), line, literal));
      }
    }
  }
}

void LintSchema(const KataSpec& spec, std::vector<std::string>& problems) {
  std::set<std::string> named;
  for (const schema::Probe& probe : spec.schema_probes) {
    for (const schema::Step& step : probe.steps) {
      if (step.setup) continue;
      const schema::Check& check = step.check;
      if (!check.table.empty()) named.insert(check.table);
      if (!check.parent.empty()) named.insert(check.parent);
      if (!check.column.empty()) named.insert(check.column);
      for (const std::string& column : check.columns) named.insert(column);
    }
  }
  for (const std::string& name : named) {
    if (!Mentions(spec.statement, name)) {
      problems.push_back(fmt::format(
          "{}: a probe checks {} but the statement never names it; the statement must fix every "
          "name the probes rely on",
          (spec.dir / "README.md").string(), name));
    }
  }
}

void LintHttp(const KataSpec& spec, std::vector<std::string>& problems) {
  std::set<std::string> resources;
  for (const http::Probe& probe : spec.http_probes) {
    // A probe of an unknown path expects 404: that path is not part of the API.
    if (!probe.request || probe.expected_status == 404) continue;
    static const std::regex kFirst(R"(^/([A-Za-z0-9_-]+))");
    std::smatch m;
    if (std::regex_search(probe.request->path, m, kFirst)) resources.insert("/" + m[1].str());
  }
  for (const std::string& resource : resources) {
    if (!Mentions(spec.statement, resource)) {
      problems.push_back(fmt::format(
          "{}: the probes request {} but the statement never names it; document every endpoint "
          "the probes use",
          (spec.dir / "README.md").string(), resource));
    }
  }
  for (const std::string& table : TablesCreatedBy(spec.schema_sql)) {
    bool probed = false;
    for (const http::Probe& probe : spec.http_probes) {
      probed = probed || Mentions(probe.sql, table);
    }
    if (probed && !Mentions(spec.statement, table)) {
      problems.push_back(fmt::format(
          "{}: database probes read the table {} but the statement never names it",
          (spec.dir / "README.md").string(), table));
    }
  }
}

}  // namespace

std::vector<std::string> LintTodos(const KataSpec& spec) {
  std::vector<std::string> problems;
  for (const char* file : {"kata.toml", "README.md"}) {
    Result<std::string> text = ReadTextFile(spec.dir / file);
    if (!text.ok()) continue;
    std::istringstream lines(*text);
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number) {
      if (line.find("TODO") != std::string::npos) {
        problems.push_back(fmt::format("{}:{}: a TODO left from kata new; replace it with the "
                                       "kata's own text",
                                       (spec.dir / file).string(), number));
        break;
      }
    }
  }
  return problems;
}

std::vector<std::string> LintKata(const KataSpec& spec) {
  std::vector<std::string> problems;
  if (spec.MaxScore() <= 0) {
    problems.push_back(fmt::format("{}: no probe gives points; a kata needs at least one probe",
                                   spec.dir.string()));
  }
  switch (spec.kind) {
    case KataKind::kSql: LintSql(spec, problems); break;
    case KataKind::kSchema: LintSchema(spec, problems); break;
    case KataKind::kHttp: LintHttp(spec, problems); break;
  }
  return problems;
}

}  // namespace kata

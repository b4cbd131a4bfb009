// Structural checks by introspection (pragma_table_xinfo, pragma_foreign_key_list,
// pragma_index_list/index_info, EXPLAIN QUERY PLAN) and behavioural checks by running
// statements and reading SQLite's extended error codes.
#include "graders/schema/schema_checks.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "graders/sql/compare.h"
#include "graders/sql/value.h"
#include "runner/text.h"

namespace kata::schema {
namespace {

// Rows of a query with text parameters, as text (NULL as "").
std::vector<std::vector<std::string>> Rows(sqlite3* db, const std::string& sql,
                                           const std::vector<std::string>& params = {}) {
  std::vector<std::vector<std::string>> rows;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) return rows;
  for (size_t i = 0; i < params.size(); ++i) {
    sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].c_str(), -1, SQLITE_TRANSIENT);
  }
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      const unsigned char* text = sqlite3_column_text(stmt, c);
      row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  return rows;
}

std::string Join(const std::vector<std::string>& items) {
  std::string text;
  for (size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + items[i];
  return text;
}

bool SameNames(std::vector<std::string> a, std::vector<std::string> b, bool ordered) {
  for (auto* list : {&a, &b}) {
    for (std::string& name : *list) name = Lower(name);
    if (!ordered) std::sort(list->begin(), list->end());
  }
  return a == b;
}

bool TableExists(sqlite3* db, const std::string& table) {
  return !Rows(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE",
               {table})
              .empty();
}

struct Column {
  std::string name, type, default_value;
  bool not_null = false;
  int pk = 0;
};

std::vector<Column> ColumnsOf(sqlite3* db, const std::string& table) {
  std::vector<Column> columns;
  for (auto& row : Rows(db,
                        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?) "
                        "WHERE hidden = 0",
                        {table})) {
    columns.push_back(Column{row[0], row[1], row[3], row[2] == "1", std::stoi(row[4])});
  }
  return columns;
}

const Column* FindColumn(const std::vector<Column>& columns, const std::string& name) {
  for (const Column& column : columns) {
    if (Lower(column.name) == Lower(name)) return &column;
  }
  return nullptr;
}

std::vector<std::string> PrimaryKey(const std::vector<Column>& columns) {
  std::vector<const Column*> keyed;
  for (const Column& column : columns) {
    if (column.pk > 0) keyed.push_back(&column);
  }
  std::sort(keyed.begin(), keyed.end(), [](auto* a, auto* b) { return a->pk < b->pk; });
  std::vector<std::string> names;
  for (const Column* column : keyed) names.push_back(column->name);
  return names;
}

// SQLite's type affinity rules (datatype3.html, section 3.1).
std::string Affinity(const std::string& declared) {
  std::string type = Upper(declared);
  if (type.find("INT") != std::string::npos) return "INTEGER";
  if (type.find("CHAR") != std::string::npos || type.find("CLOB") != std::string::npos ||
      type.find("TEXT") != std::string::npos) {
    return "TEXT";
  }
  if (type.empty() || type.find("BLOB") != std::string::npos) return "BLOB";
  if (type.find("REAL") != std::string::npos || type.find("FLOA") != std::string::npos ||
      type.find("DOUB") != std::string::npos) {
    return "REAL";
  }
  return "NUMERIC";
}

std::string MissingTable(const std::string& table) {
  return fmt::format("there is no table {}", table);
}

std::string CheckColumn(sqlite3* db, const Check& check) {
  std::vector<Column> columns = ColumnsOf(db, check.table);
  const Column* column = FindColumn(columns, check.column);
  if (!column) {
    std::vector<std::string> names;
    for (const Column& c : columns) names.push_back(c.name);
    return fmt::format("{} has no column {} (its columns: {})", check.table, check.column,
                       Join(names));
  }
  if (check.kind == Check::Kind::kNotNull) {
    bool rowid_alias = column->pk == 1 && Upper(column->type) == "INTEGER" &&
                       PrimaryKey(columns).size() == 1;
    return column->not_null || rowid_alias
               ? ""
               : fmt::format("{}.{} accepts NULL (it is not declared NOT NULL)", check.table,
                             column->name);
  }
  if (check.kind == Check::Kind::kDefault) {
    if (column->default_value.empty()) {
      return fmt::format("{}.{} has no DEFAULT", check.table, column->name);
    }
    auto normal = [](std::string text) {
      text = Lower(text);
      while (text.size() > 1 && text.front() == '(' && text.back() == ')') {
        text = text.substr(1, text.size() - 2);
      }
      text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
      return text;
    };
    if (!check.value.empty() && normal(column->default_value) != normal(check.value)) {
      return fmt::format("{}.{} defaults to {}, expected {}", check.table, column->name,
                         column->default_value, check.value);
    }
    return "";
  }
  if (!check.affinity.empty() && Affinity(column->type) != check.affinity) {
    return fmt::format("{}.{} is declared {} ({} affinity), expected {} affinity", check.table,
                       column->name, column->type.empty() ? "without a type" : column->type,
                       Affinity(column->type), check.affinity);
  }
  return "";
}

std::string CheckPrimaryKey(sqlite3* db, const Check& check) {
  std::vector<std::string> key = PrimaryKey(ColumnsOf(db, check.table));
  if (SameNames(key, check.columns, false)) return "";
  if (key.empty()) return fmt::format("{} has no PRIMARY KEY", check.table);
  return fmt::format("{}'s primary key is ({}), expected ({})", check.table, Join(key),
                     Join(check.columns));
}

std::string CheckUnique(sqlite3* db, const Check& check) {
  if (SameNames(PrimaryKey(ColumnsOf(db, check.table)), check.columns, false)) return "";
  for (auto& index : Rows(db, "SELECT name FROM pragma_index_list(?) WHERE \"unique\" = 1",
                          {check.table})) {
    std::vector<std::string> covered;
    for (auto& row : Rows(db, "SELECT name FROM pragma_index_info(?) ORDER BY seqno", {index[0]})) {
      covered.push_back(row[0]);
    }
    if (SameNames(covered, check.columns, false)) return "";
  }
  return fmt::format("nothing makes ({}) unique in {}: no UNIQUE constraint, unique index or "
                     "primary key covers exactly these columns",
                     Join(check.columns), check.table);
}

struct ForeignKey {
  std::string parent, on_update, on_delete;
  std::vector<std::string> from, to;
};

std::string Describe(const ForeignKey& key) {
  return fmt::format("({}) -> {}({}) ON DELETE {} ON UPDATE {}", Join(key.from), key.parent,
                     Join(key.to), key.on_delete, key.on_update);
}

std::string CheckForeignKey(sqlite3* db, const Check& check) {
  std::map<std::string, ForeignKey> keys;
  for (auto& row : Rows(db,
                        "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete "
                        "FROM pragma_foreign_key_list(?) ORDER BY id, seq",
                        {check.table})) {
    ForeignKey& key = keys[row[0]];
    key.parent = row[1];
    key.from.push_back(row[2]);
    key.to.push_back(row[3]);
    key.on_update = row[4];
    key.on_delete = row[5];
  }
  std::vector<std::string> found;
  for (auto& [id, key] : keys) {
    // A key written REFERENCES parent (no columns) refers to the parent's primary key.
    if (std::all_of(key.to.begin(), key.to.end(), [](auto& c) { return c.empty(); })) {
      key.to = PrimaryKey(ColumnsOf(db, key.parent));
    }
    found.push_back(Describe(key));
    if (Lower(key.parent) != Lower(check.parent) || !SameNames(key.from, check.columns, true) ||
        !SameNames(key.to, check.parent_columns, true)) {
      continue;
    }
    if (!check.on_delete.empty() && key.on_delete != check.on_delete) {
      return fmt::format("{}({}) -> {}({}) has ON DELETE {}, expected ON DELETE {}", check.table,
                         Join(key.from), key.parent, Join(key.to), key.on_delete,
                         check.on_delete);
    }
    if (!check.on_update.empty() && key.on_update != check.on_update) {
      return fmt::format("{}({}) -> {}({}) has ON UPDATE {}, expected ON UPDATE {}", check.table,
                         Join(key.from), key.parent, Join(key.to), key.on_update,
                         check.on_update);
    }
    return "";
  }
  return fmt::format("{} has no foreign key ({}) -> {}({}); its foreign keys: {}", check.table,
                     Join(check.columns), check.parent, Join(check.parent_columns),
                     found.empty() ? "none" : Join(found));
}

std::string CheckIndexFor(sqlite3* db, const Check& check) {
  auto plan = Rows(db, "EXPLAIN QUERY PLAN " + check.sql);
  if (plan.empty()) {
    return fmt::format("the query does not run on this schema: {}", sqlite3_errmsg(db));
  }
  bool search = false, scan = false;
  std::vector<std::string> lines;
  for (auto& row : plan) {
    const std::string& detail = row.back();
    lines.push_back(detail);
    if (detail.rfind("SEARCH", 0) == 0 && (detail.find("INDEX") != std::string::npos ||
                                          detail.find("PRIMARY KEY") != std::string::npos)) {
      search = true;
    }
    if (detail.rfind("SCAN", 0) == 0 && detail.find("CONSTANT ROW") == std::string::npos) {
      scan = true;
    }
  }
  if (search && !scan) return "";
  return fmt::format("SQLite's plan for it scans instead of searching an index: {}", Join(lines));
}

const char* ConstraintKind(int code) {
  switch (code) {
    case SQLITE_CONSTRAINT_NOTNULL: return "not null";
    case SQLITE_CONSTRAINT_UNIQUE: return "unique";
    case SQLITE_CONSTRAINT_PRIMARYKEY: return "primary key";
    case SQLITE_CONSTRAINT_ROWID: return "primary key";
    case SQLITE_CONSTRAINT_FOREIGNKEY: return "foreign key";
    case SQLITE_CONSTRAINT_CHECK: return "check";
    case SQLITE_CONSTRAINT_TRIGGER: return "trigger";
    case SQLITE_CONSTRAINT_DATATYPE: return "datatype";
    default: return nullptr;
  }
}

std::string CheckRejects(sqlite3* db, const Check& check) {
  int code = SQLITE_OK;
  std::string error = Execute(db, check.sql, &code);
  if (error.empty()) return "it succeeded, but it must be rejected";
  const char* kind = ConstraintKind(code);
  // SQLite reports a delete refused by ON DELETE RESTRICT with the trigger code.
  if (code == SQLITE_CONSTRAINT_TRIGGER && error == "FOREIGN KEY constraint failed") {
    kind = "foreign key";
  }
  if ((code & 0xff) != SQLITE_CONSTRAINT) {
    return fmt::format("it failed, but not because of a constraint: {}", error);
  }
  if (!kind) kind = "other";
  if (!check.constraint.empty() && check.constraint != kind) {
    return fmt::format("it was rejected by a {} constraint, not by a {} constraint ({})",
                       Upper(kind), Upper(check.constraint), error);
  }
  return "";
}

std::string RowsText(const std::vector<sql::Row>& rows) {
  if (rows.empty()) return "no rows";
  std::string text;
  for (size_t i = 0; i < rows.size() && i < 3; ++i) text += (i ? ", " : "") + sql::RowToSql(rows[i]);
  return rows.size() > 3 ? text + fmt::format(" … ({} rows)", rows.size()) : text;
}

bool Query(sqlite3* db, const std::string& sql_text, sql::ResultSet& out, std::string& error) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql_text.c_str(), -1, &stmt, nullptr) != SQLITE_OK || !stmt) {
    error = sqlite3_errmsg(db);
    return false;
  }
  int columns = sqlite3_column_count(stmt);
  for (int i = 0; i < columns; ++i) out.columns.push_back(sqlite3_column_name(stmt, i));
  int code;
  while ((code = sqlite3_step(stmt)) == SQLITE_ROW) {
    sql::Row row;
    for (int i = 0; i < columns; ++i) row.push_back(sql::ReadColumn(stmt, i));
    out.rows.push_back(std::move(row));
  }
  if (code != SQLITE_DONE) error = sqlite3_errmsg(db);
  sqlite3_finalize(stmt);
  return code == SQLITE_DONE;
}

}  // namespace

std::string CompareQuery(sqlite3* db, const std::string& sql_text, const std::string& expected_rows) {
  sql::ResultSet actual, expected;
  std::string error;
  if (!Query(db, sql_text, actual, error)) return fmt::format("the query failed: {}", error);
  if (Upper(expected_rows) == "NONE") {
    expected.columns = actual.columns;
  } else if (!Query(db, expected_rows, expected, error)) {
    return fmt::format("the probe's expected rows do not parse: {}", error);
  }
  sql::Comparison comparison = sql::CompareResults(expected, actual, GradingOptions{});
  if (comparison.equal) return "";
  if (!comparison.column_problem.empty()) return "the query's " + comparison.column_problem;
  return fmt::format("it returned {}; expected {}", RowsText(actual.rows), RowsText(expected.rows));
}

std::string Execute(sqlite3* db, const std::string& sql_text, int* code) {
  char* message = nullptr;
  int result = sqlite3_exec(db, sql_text.c_str(), nullptr, nullptr, &message);
  if (code) *code = sqlite3_extended_errcode(db);
  std::string error = result == SQLITE_OK ? "" : (message ? message : sqlite3_errmsg(db));
  sqlite3_free(message);
  return error;
}

std::string RunCheck(sqlite3* db, const Check& check) {
  using Kind = Check::Kind;
  bool needs_table = check.kind != Kind::kIndexFor && check.kind != Kind::kAccepts &&
                     check.kind != Kind::kRejects && check.kind != Kind::kQuery;
  if (needs_table && !TableExists(db, check.table)) return MissingTable(check.table);
  switch (check.kind) {
    case Kind::kTable: return "";
    case Kind::kColumn:
    case Kind::kNotNull:
    case Kind::kDefault: return CheckColumn(db, check);
    case Kind::kPrimaryKey: return CheckPrimaryKey(db, check);
    case Kind::kUnique: return CheckUnique(db, check);
    case Kind::kForeignKey:
      if (!TableExists(db, check.parent)) return MissingTable(check.parent);
      return CheckForeignKey(db, check);
    case Kind::kIndexFor: return CheckIndexFor(db, check);
    case Kind::kAccepts: {
      std::string error = Execute(db, check.sql);
      return error.empty() ? "" : fmt::format("it was rejected: {}", error);
    }
    case Kind::kRejects: return CheckRejects(db, check);
    case Kind::kQuery: return CompareQuery(db, check.sql, check.expected);
  }
  return "unknown check";
}

}  // namespace kata::schema

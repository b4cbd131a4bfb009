// SQL values and result sets as the grader compares them, with their JSON wire form
// (how the query runner child reports rows to the grader).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kata::sql {

struct Value {
  enum class Type { kNull, kInteger, kReal, kText, kBlob };
  Type type = Type::kNull;
  int64_t integer = 0;
  double real = 0;
  std::string text;  // text, or the raw bytes of a blob

  static Value Null() { return Value{}; }
  static Value Integer(int64_t v) { return Value{Type::kInteger, v, 0, {}}; }
  static Value Real(double v) { return Value{Type::kReal, 0, v, {}}; }
  static Value Text(std::string v) { return Value{Type::kText, 0, 0, std::move(v)}; }
  static Value Blob(std::string v) { return Value{Type::kBlob, 0, 0, std::move(v)}; }
};

using Row = std::vector<Value>;

struct ResultSet {
  std::vector<std::string> columns;
  std::vector<Row> rows;
};

// Reads column i of the current row of stmt.
Value ReadColumn(sqlite3_stmt* stmt, int i);

// As a learner would write it in SQL: NULL, 42, 3.5, 'it''s', X'00ff'.
std::string ToSqlLiteral(const Value& value);
// ('Ada', 3, NULL)
std::string RowToSql(const Row& row);

nlohmann::json ValueToJson(const Value& value);
// Inverse of ValueToJson; unknown shapes become NULL.
Value ValueFromJson(const nlohmann::json& json);

}  // namespace kata::sql

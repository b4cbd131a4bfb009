// Conversions of SQL values: from SQLite, to SQL literals, to and from JSON.
#include "graders/sql/value.h"

#include <fmt/format.h>

namespace kata::sql {

Value ReadColumn(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER: return Value::Integer(sqlite3_column_int64(stmt, i));
    case SQLITE_FLOAT: return Value::Real(sqlite3_column_double(stmt, i));
    case SQLITE_TEXT: {
      const char* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
      return Value::Text(std::string(text, sqlite3_column_bytes(stmt, i)));
    }
    case SQLITE_BLOB: {
      const char* blob = static_cast<const char*>(sqlite3_column_blob(stmt, i));
      return Value::Blob(std::string(blob ? blob : "", sqlite3_column_bytes(stmt, i)));
    }
    default: return Value::Null();
  }
}

std::string ToSqlLiteral(const Value& value) {
  switch (value.type) {
    case Value::Type::kNull: return "NULL";
    case Value::Type::kInteger: return std::to_string(value.integer);
    case Value::Type::kReal: {
      std::string text = fmt::format("{}", value.real);
      if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
      return text;
    }
    case Value::Type::kText: {
      std::string quoted = "'";
      for (char c : value.text) {
        quoted += c;
        if (c == '\'') quoted += '\'';
      }
      return quoted + "'";
    }
    case Value::Type::kBlob: {
      std::string hex = "X'";
      for (unsigned char c : value.text) hex += fmt::format("{:02x}", c);
      return hex + "'";
    }
  }
  return "NULL";
}

std::string RowToSql(const Row& row) {
  std::string text = "(";
  for (size_t i = 0; i < row.size(); ++i) {
    if (i) text += ", ";
    text += ToSqlLiteral(row[i]);
  }
  return text + ")";
}

nlohmann::json ValueToJson(const Value& value) {
  switch (value.type) {
    case Value::Type::kNull: return nullptr;
    case Value::Type::kInteger: return value.integer;
    case Value::Type::kReal: return value.real;
    case Value::Type::kText: return value.text;
    case Value::Type::kBlob: {
      std::string hex;
      for (unsigned char c : value.text) hex += fmt::format("{:02x}", c);
      return {{"blob", hex}};
    }
  }
  return nullptr;
}

Value ValueFromJson(const nlohmann::json& json) {
  if (json.is_number_integer()) return Value::Integer(json.get<int64_t>());
  if (json.is_number_float()) return Value::Real(json.get<double>());
  if (json.is_string()) return Value::Text(json.get<std::string>());
  if (json.is_object() && json.contains("blob") && json["blob"].is_string()) {
    const std::string& hex = json["blob"].get_ref<const std::string&>();
    std::string bytes;
    for (size_t i = 0; i + 1 < hex.size(); i += 2) {
      bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    }
    return Value::Blob(bytes);
  }
  return Value::Null();
}

}  // namespace kata::sql

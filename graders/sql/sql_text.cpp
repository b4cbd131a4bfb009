// Reading SQL text: blanks, comments, positions and keywords.
#include "graders/sql/sql_text.h"

#include <fmt/format.h>

#include <cctype>

namespace kata::sql {

// Skips whitespace and SQL comments from position i.
size_t SkipBlank(const std::string& sql, size_t i, bool semicolons) {
  while (i < sql.size()) {
    if (std::isspace(static_cast<unsigned char>(sql[i])) || (semicolons && sql[i] == ';')) {
      ++i;
    } else if (sql.compare(i, 2, "--") == 0) {
      size_t end = sql.find('\n', i);
      i = end == std::string::npos ? sql.size() : end + 1;
    } else if (sql.compare(i, 2, "/*") == 0) {
      size_t end = sql.find("*/", i + 2);
      i = end == std::string::npos ? sql.size() : end + 2;
    } else {
      break;
    }
  }
  return i;
}

std::string LineAndColumn(const std::string& sql, size_t offset) {
  int line = 1, column = 1;
  for (size_t i = 0; i < offset && i < sql.size(); ++i) {
    if (sql[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return fmt::format("line {}, column {}", line, column);
}

std::string FirstWord(const std::string& sql, size_t from) {
  std::string word;
  for (size_t i = from; i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])); ++i) {
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i])));
  }
  return word;
}

std::string SecondWord(const std::string& sql, size_t from) {
  size_t end = from;
  while (end < sql.size() && std::isalpha(static_cast<unsigned char>(sql[end]))) ++end;
  return FirstWord(sql, SkipBlank(sql, end, false));
}

}  // namespace kata::sql

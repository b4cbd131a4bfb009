// Terminal output: colours and layouts.
#include "runner/terminal.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <sstream>

namespace kata {
namespace {

size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  bool escape = false;
  for (unsigned char c : text) {
    if (c == 0x1b) escape = true;
    if (escape) {
      if (c == 'm') escape = false;
      continue;
    }
    if ((c & 0xc0) != 0x80) ++width;  // count UTF-8 lead bytes only
  }
  return width;
}

std::string Indent(const std::string& text, const std::string& prefix) {
  std::istringstream lines(text);
  std::string line, out;
  while (std::getline(lines, line)) out += prefix + line + "\n";
  return out;
}

}  // namespace

Terminal::Terminal(std::FILE* out) {
  tty_ = isatty(fileno(out)) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  color_ = tty_ && !(no_color && *no_color) && !(term && std::strcmp(term, "dumb") == 0);
}

std::string Terminal::Paint(const char* code, const std::string& text) const {
  return color_ ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
}

std::string Terminal::ProbeLine(const TestResult& test) const {
  std::string mark;
  switch (test.status) {
    case TestStatus::kPass: mark = Green("✓"); break;
    case TestStatus::kFail: mark = Red("✗"); break;
    case TestStatus::kError: mark = Red("!"); break;
    case TestStatus::kSkipped: mark = Yellow("-"); break;
  }
  std::string name = test.hidden ? "hidden: " + test.name : test.name;
  std::string line = fmt::format("  {} {}  {}\n", mark, name,
                                 Dim(fmt::format("{}/{} · {} ms", test.score, test.max_score,
                                                 test.duration_ms)));
  if (test.status != TestStatus::kPass) line += Indent(test.message, "      ");
  return line;
}

std::string Terminal::Summary(const GradeResult& result) const {
  std::string status;
  switch (result.status) {
    case GradeStatus::kPass: status = Green(Bold("PASS")); break;
    case GradeStatus::kFail: status = Red(Bold("FAIL")); break;
    case GradeStatus::kError: status = Red(Bold("ERROR")); break;
  }
  std::string text;
  if (!result.output.empty()) text += "\n" + Indent(result.output, "  ") ;
  text += fmt::format("\n{}  {}/{} points  {}\n", status, result.score, result.max_score,
                      Dim(fmt::format("verdict {} · {} ms", VerdictName(result.verdict),
                                      result.duration_ms)));
  if (!result.id.empty()) {
    text += Dim(fmt::format("submission {} · `kata feedback {}` shows this again\n", result.id,
                            result.id));
  }
  return text;
}

std::string FormatTable(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - DisplayWidth(row[i]) + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace kata

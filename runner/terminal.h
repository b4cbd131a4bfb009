// How kata talks to a person in a terminal: colours (only on a TTY, never with NO_COLOR)
// and the layouts of results, probes and tables.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "runner/result.h"

namespace kata {

class Terminal {
 public:
  // Colours when out is a TTY, NO_COLOR is unset and TERM is not "dumb".
  explicit Terminal(std::FILE* out);

  bool is_tty() const { return tty_; }
  std::string Green(const std::string& text) const { return Paint("32", text); }
  std::string Red(const std::string& text) const { return Paint("31", text); }
  std::string Yellow(const std::string& text) const { return Paint("33", text); }
  std::string Bold(const std::string& text) const { return Paint("1", text); }
  std::string Dim(const std::string& text) const { return Paint("2", text); }

  // One probe's line (and its message, indented, unless it passed).
  std::string ProbeLine(const TestResult& test) const;
  // The summary after the probes: score, status, verdict, the program's output.
  std::string Summary(const GradeResult& result) const;

 private:
  std::string Paint(const char* code, const std::string& text) const;
  bool color_;
  bool tty_;
};

// Left-aligned columns separated by two spaces; widths count UTF-8 characters.
std::string FormatTable(const std::vector<std::vector<std::string>>& rows);

}  // namespace kata

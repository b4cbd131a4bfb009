// Small helpers for reading SQL text the learner wrote: skipping blanks and comments,
// naming a position as line and column, reading keywords.
#pragma once

#include <string>

namespace kata::sql {

// The position of the first character from i that is not whitespace or inside a comment
// (nor a ';' when semicolons is true).
size_t SkipBlank(const std::string& sql, size_t i, bool semicolons);

// "line 3, column 7" for a byte offset into sql.
std::string LineAndColumn(const std::string& sql, size_t offset);

// The word (letters only) at from, upper-cased; "" when none starts there.
std::string FirstWord(const std::string& sql, size_t from);

// The word after the one at from (skipping blanks and comments), upper-cased.
std::string SecondWord(const std::string& sql, size_t from);

}  // namespace kata::sql

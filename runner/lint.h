// The lint pass of kata validate, run before grading: what a reader of the kata would
// catch — fixtures that do not load, a statement that does not name what the probes rely
// on, a hidden value quoted in the statement, no points to score. Each finding names the
// file (and line, where there is one) and how to fix it.
#pragma once

#include <string>
#include <vector>

#include "runner/kata_spec.h"

namespace kata {

std::vector<std::string> LintKata(const KataSpec& spec);

// TODOs kata new left in kata.toml and README.md: fine while authoring, not for learners
// (kata add refuses them).
std::vector<std::string> LintTodos(const KataSpec& spec);

}  // namespace kata

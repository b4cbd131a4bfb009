// The words a learner reads for one SQL probe: what was expected, what came back, a hint.
// Hidden datasets get only their case label and hint, never a row, value or error text.
#pragma once

#include <string>

#include "graders/sql/compare.h"
#include "graders/sql/query_runner.h"
#include "runner/kata_spec.h"

namespace kata::sql {

// The message for a probe whose rows were compared.
std::string ComparisonMessage(const Dataset& dataset, const Comparison& comparison,
                              const ResultSet& expected, const ResultSet& actual);

// The message for a probe whose query did not finish (run.error_kind is set).
std::string RunErrorMessage(const Dataset& dataset, const QueryRun& run, int time_ms);

}  // namespace kata::sql

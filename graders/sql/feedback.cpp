// Feedback texts for SQL probes.
#include "graders/sql/feedback.h"

#include <fmt/format.h>

namespace kata::sql {
namespace {

constexpr size_t kRowsShown = 3;

std::string Plural(size_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string RowList(const char* title, const std::vector<Row>& rows) {
  if (rows.empty()) return "";
  std::string text = fmt::format("\n{} ({}{}):", title, Plural(rows.size(), "row"),
                                 rows.size() > kRowsShown ? ", first 3 shown" : "");
  for (size_t i = 0; i < rows.size() && i < kRowsShown; ++i) text += "\n  " + RowToSql(rows[i]);
  return text;
}

std::string HintLine(const Dataset& dataset) {
  return dataset.hint.empty() ? "" : "\nHint: " + dataset.hint;
}

std::string Where(const Dataset& dataset) {
  return dataset.hidden ? fmt::format("the hidden case \"{}\"", dataset.label)
                        : fmt::format("\"{}\"", dataset.label);
}

}  // namespace

std::string ComparisonMessage(const Dataset& dataset, const Comparison& comparison,
                              const ResultSet& expected, const ResultSet& actual) {
  if (comparison.equal) {
    return dataset.hidden ? "Passed." : fmt::format("All {} match.", Plural(expected.rows.size(), "row"));
  }
  if (!comparison.column_problem.empty()) {
    // Columns are fixed by the statement, so naming them reveals no hidden data.
    return fmt::format("Wrong columns on {}: {}.", Where(dataset), comparison.column_problem);
  }
  if (dataset.hidden) {
    return fmt::format("Your result is wrong on the hidden case \"{}\". Its data is hidden; "
                       "re-read what the statement says about this kind of case.{}",
                       dataset.label, HintLine(dataset));
  }
  if (comparison.first_misplaced) {
    size_t i = *comparison.first_misplaced;
    return fmt::format(
        "The rows are right but their order is not: row {} should be {} but is {}. Check the "
        "ORDER BY the statement asks for, tie-breakers included.{}",
        i + 1, RowToSql(expected.rows[i]), RowToSql(actual.rows[i]), HintLine(dataset));
  }
  return fmt::format("Your result differs on {}: expected {}, got {}.{}{}{}", Where(dataset),
                     Plural(expected.rows.size(), "row"), Plural(actual.rows.size(), "row"),
                     RowList("Missing, expected but not in your result", comparison.missing),
                     RowList("Unexpected, in your result but not expected", comparison.unexpected),
                     HintLine(dataset));
}

std::string RunErrorMessage(const Dataset& dataset, const QueryRun& run, int time_ms) {
  if (run.error_kind == "time_limit") {
    return fmt::format("Your query ran longer than {} ms on {} and was stopped. Look for a "
                       "recursive CTE that never ends or a join without a condition.",
                       time_ms, Where(dataset));
  }
  if (run.error_kind == "memory_limit") {
    return fmt::format("Your query needed more memory than this kata allows on {}. Look for a "
                       "join that multiplies rows or a CTE that grows without end.",
                       Where(dataset));
  }
  if (run.error_kind == "output_limit") {
    return fmt::format("Your query returned far too many rows on {} ({}).", Where(dataset),
                       run.error_message);
  }
  if (dataset.hidden) {
    return fmt::format("Your query stopped with an error on the hidden case \"{}\" (the error "
                       "text is hidden, as its data is).{}",
                       dataset.label, HintLine(dataset));
  }
  return fmt::format("Your query stopped with an error on {}: {}", Where(dataset),
                     run.error_message);
}

}  // namespace kata::sql

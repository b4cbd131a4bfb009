// Compares a learner's result set with the reference's, by the rules in
// docs/sql-grading.md: column count (and names when asked), rows as a multiset or in
// order, NULL equals NULL, reals within a tolerance, integer 3 equals real 3.0.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "graders/sql/value.h"
#include "runner/kata_spec.h"

namespace kata::sql {

struct Comparison {
  bool equal = false;
  // Set when the columns differ; then rows are not compared.
  std::string column_problem;
  // Rows the reference has and the learner's result lacks, and the other way round
  // (with multiplicity), each in the order they appear.
  std::vector<Row> missing;
  std::vector<Row> unexpected;
  // ordered = true and the same rows: the first position whose row differs.
  std::optional<size_t> first_misplaced;
};

bool ValuesEqual(const Value& a, const Value& b, double tolerance);

Comparison CompareResults(const ResultSet& expected, const ResultSet& actual,
                          const GradingOptions& options);

}  // namespace kata::sql

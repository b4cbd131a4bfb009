// Result set comparison: a sort-and-merge pass, then a pairwise pass over what is left
// so that reals within the tolerance still pair up across sort boundaries.
#include "graders/sql/compare.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include "runner/text.h"

namespace kata::sql {
namespace {

bool IsNumber(const Value& v) {
  return v.type == Value::Type::kInteger || v.type == Value::Type::kReal;
}
double AsDouble(const Value& v) {
  return v.type == Value::Type::kInteger ? static_cast<double>(v.integer) : v.real;
}

// A total order used only to line rows up; numbers sort by numeric value.
int CompareForSort(const Value& a, const Value& b) {
  auto rank = [](const Value& v) {
    if (v.type == Value::Type::kNull) return 0;
    if (IsNumber(v)) return 1;
    return v.type == Value::Type::kText ? 2 : 3;
  };
  if (rank(a) != rank(b)) return rank(a) < rank(b) ? -1 : 1;
  if (IsNumber(a)) {
    double x = AsDouble(a), y = AsDouble(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  return a.text.compare(b.text);
}

bool RowLess(const Row& a, const Row& b) {
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    int c = CompareForSort(a[i], b[i]);
    if (c != 0) return c < 0;
  }
  return a.size() < b.size();
}

bool RowsEqual(const Row& a, const Row& b, double tolerance) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!ValuesEqual(a[i], b[i], tolerance)) return false;
  }
  return true;
}

std::string ColumnList(const std::vector<std::string>& columns) {
  std::string text;
  for (size_t i = 0; i < columns.size(); ++i) text += (i ? ", " : "") + columns[i];
  return text;
}

std::string CheckColumns(const ResultSet& expected, const ResultSet& actual, bool names) {
  size_t want = expected.columns.size(), got = actual.columns.size();
  if (want != got) {
    return "expected " + std::to_string(want) + " column" + (want == 1 ? "" : "s") + " (" +
           ColumnList(expected.columns) + "), your query returned " + std::to_string(got) +
           " (" + ColumnList(actual.columns) + ")";
  }
  if (!names) return "";
  for (size_t i = 0; i < want; ++i) {
    if (Lower(expected.columns[i]) != Lower(actual.columns[i])) {
      return "column " + std::to_string(i + 1) + " must be named " + expected.columns[i] +
             ", yours is named " + actual.columns[i] + " (use AS to name it)";
    }
  }
  return "";
}

// Fills missing/unexpected with the rows that do not pair up (multiset difference).
void MultisetDifference(const std::vector<Row>& expected, const std::vector<Row>& actual,
                        double tolerance, Comparison& out) {
  std::vector<size_t> want(expected.size()), got(actual.size());
  std::iota(want.begin(), want.end(), 0);
  std::iota(got.begin(), got.end(), 0);
  auto by_row = [](const std::vector<Row>& rows) {
    return [&rows](size_t a, size_t b) { return RowLess(rows[a], rows[b]); };
  };
  std::stable_sort(want.begin(), want.end(), by_row(expected));
  std::stable_sort(got.begin(), got.end(), by_row(actual));

  std::vector<bool> want_used(expected.size()), got_used(actual.size());
  size_t i = 0, j = 0;
  while (i < want.size() && j < got.size()) {
    const Row& a = expected[want[i]];
    const Row& b = actual[got[j]];
    if (RowsEqual(a, b, tolerance)) {
      want_used[want[i++]] = true;
      got_used[got[j++]] = true;
    } else if (RowLess(a, b)) {
      ++i;
    } else {
      ++j;
    }
  }
  // Leftovers may still pair within the tolerance; they are few, so pairwise is fine.
  for (size_t w = 0; w < expected.size(); ++w) {
    if (want_used[w]) continue;
    for (size_t g = 0; g < actual.size(); ++g) {
      if (!got_used[g] && RowsEqual(expected[w], actual[g], tolerance)) {
        want_used[w] = got_used[g] = true;
        break;
      }
    }
  }
  for (size_t w = 0; w < expected.size(); ++w) {
    if (!want_used[w]) out.missing.push_back(expected[w]);
  }
  for (size_t g = 0; g < actual.size(); ++g) {
    if (!got_used[g]) out.unexpected.push_back(actual[g]);
  }
}

}  // namespace

bool ValuesEqual(const Value& a, const Value& b, double tolerance) {
  if (IsNumber(a) && IsNumber(b)) {
    if (a.type == Value::Type::kInteger && b.type == Value::Type::kInteger) {
      return a.integer == b.integer;
    }
    double x = AsDouble(a), y = AsDouble(b);
    if (x == y) return true;
    double scale = std::max({1.0, std::fabs(x), std::fabs(y)});
    return std::fabs(x - y) <= tolerance * scale;
  }
  if (a.type != b.type) return false;
  return a.type == Value::Type::kNull || a.text == b.text;
}

Comparison CompareResults(const ResultSet& expected, const ResultSet& actual,
                          const GradingOptions& options) {
  Comparison result;
  result.column_problem = CheckColumns(expected, actual, options.names);
  if (!result.column_problem.empty()) return result;

  MultisetDifference(expected.rows, actual.rows, options.tolerance, result);
  bool same_rows = result.missing.empty() && result.unexpected.empty();
  if (same_rows && options.ordered) {
    for (size_t i = 0; i < expected.rows.size(); ++i) {
      if (!RowsEqual(expected.rows[i], actual.rows[i], options.tolerance)) {
        result.first_misplaced = i;
        break;
      }
    }
  }
  result.equal = same_rows && !result.first_misplaced;
  return result;
}

}  // namespace kata::sql

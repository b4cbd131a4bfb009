// Result set comparison (docs/sql-grading.md), table-driven: order, duplicates, NULLs,
// reals, types and columns.
#include <catch2/catch.hpp>

#include "graders/sql/compare.h"

namespace kata::sql {
namespace {

Value I(int64_t v) { return Value::Integer(v); }
Value R(double v) { return Value::Real(v); }
Value T(const char* v) { return Value::Text(v); }
Value N() { return Value::Null(); }

ResultSet Rows(std::vector<Row> rows, std::vector<std::string> columns = {"a", "b"}) {
  return ResultSet{std::move(columns), std::move(rows)};
}

struct Case {
  const char* what;
  ResultSet expected;
  ResultSet actual;
  GradingOptions options;
  bool equal;
  size_t missing = 0;
  size_t unexpected = 0;
};

GradingOptions Ordered() {
  GradingOptions options;
  options.ordered = true;
  return options;
}
GradingOptions Names() {
  GradingOptions options;
  options.names = true;
  return options;
}

TEST_CASE("result sets compare by the SQL grading rules", "[compare]") {
  const std::vector<Case> cases = {
      {"same rows, same order", Rows({{I(1), T("x")}, {I(2), T("y")}}),
       Rows({{I(1), T("x")}, {I(2), T("y")}}), {}, true},
      {"unordered: any order passes", Rows({{I(1), T("x")}, {I(2), T("y")}}),
       Rows({{I(2), T("y")}, {I(1), T("x")}}), {}, true},
      {"ordered: wrong order fails", Rows({{I(1), T("x")}, {I(2), T("y")}}),
       Rows({{I(2), T("y")}, {I(1), T("x")}}), Ordered(), false},
      {"duplicates count: one copy is not two", Rows({{I(1), T("x")}, {I(1), T("x")}}),
       Rows({{I(1), T("x")}}), {}, false, 1, 0},
      {"an extra duplicate is unexpected", Rows({{I(1), T("x")}}),
       Rows({{I(1), T("x")}, {I(1), T("x")}}), {}, false, 0, 1},
      {"NULL equals NULL", Rows({{N(), T("x")}}), Rows({{N(), T("x")}}), {}, true},
      {"NULL is not 0", Rows({{I(0), T("x")}}), Rows({{N(), T("x")}}), {}, false, 1, 1},
      {"integer 3 equals real 3.0", Rows({{I(3), T("x")}}), Rows({{R(3.0), T("x")}}), {}, true},
      {"text '3' is not integer 3", Rows({{I(3), T("x")}}), Rows({{T("3"), T("x")}}), {}, false,
       1, 1},
      {"reals within the tolerance", Rows({{R(0.1 + 0.2), T("x")}}), Rows({{R(0.3), T("x")}}), {},
       true},
      {"large reals within relative tolerance", Rows({{R(1e12), T("x")}}),
       Rows({{R(1e12 + 1), T("x")}}), {}, true},
      {"reals beyond the tolerance", Rows({{R(2.5), T("x")}}), Rows({{R(2.51), T("x")}}), {},
       false, 1, 1},
      {"tolerance pairs rows across sort order",
       Rows({{R(1.0000000001), T("b")}, {R(1.0), T("a")}}),
       Rows({{R(1.0), T("b")}, {R(1.0000000001), T("a")}}), {}, true},
      {"empty equals empty", Rows({}), Rows({}), {}, true},
      {"no rows returned", Rows({{I(1), T("x")}}), Rows({}), {}, false, 1, 0},
      {"text compares exactly (case matters)", Rows({{I(1), T("Ada")}}), Rows({{I(1), T("ada")}}),
       {}, false, 1, 1},
      {"unicode text", Rows({{I(1), T("Zoë")}}), Rows({{I(1), T("Zoë")}}), {}, true},
      {"column names ignored by default", Rows({{I(1), T("x")}}, {"a", "b"}),
       Rows({{I(1), T("x")}}, {"c", "d"}), {}, true},
      {"column names checked when asked, case-insensitively", Rows({{I(1), T("x")}}, {"id", "name"}),
       Rows({{I(1), T("x")}}, {"ID", "Name"}), Names(), true},
      {"a wrong column name fails when asked", Rows({{I(1), T("x")}}, {"id", "name"}),
       Rows({{I(1), T("x")}}, {"id", "full_name"}), Names(), false},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.what) {
      Comparison comparison = CompareResults(c.expected, c.actual, c.options);
      CHECK(comparison.equal == c.equal);
      if (comparison.column_problem.empty()) {
        CHECK(comparison.missing.size() == c.missing);
        CHECK(comparison.unexpected.size() == c.unexpected);
      }
    }
  }
}

TEST_CASE("a column count mismatch is explained with both column lists", "[compare]") {
  Comparison comparison = CompareResults(Rows({{I(1), T("x")}}, {"id", "name"}),
                                         Rows({{I(1)}}, {"id"}), GradingOptions{});
  CHECK_FALSE(comparison.equal);
  CHECK_THAT(comparison.column_problem, Catch::Contains("expected 2 columns (id, name)"));
  CHECK_THAT(comparison.column_problem, Catch::Contains("returned 1 (id)"));
}

TEST_CASE("an ordered comparison points at the first misplaced row", "[compare]") {
  Comparison comparison = CompareResults(Rows({{I(1), T("x")}, {I(2), T("y")}, {I(3), T("z")}}),
                                         Rows({{I(1), T("x")}, {I(3), T("z")}, {I(2), T("y")}}),
                                         Ordered());
  CHECK_FALSE(comparison.equal);
  REQUIRE(comparison.first_misplaced);
  CHECK(*comparison.first_misplaced == 1);
}

TEST_CASE("values print as SQL literals", "[compare]") {
  CHECK(RowToSql({I(3), R(2.5), R(3.0), T("it's"), N(), Value::Blob("\x01\xff")}) ==
        "(3, 2.5, 3.0, 'it''s', NULL, X'01ff')");
}

}  // namespace
}  // namespace kata::sql

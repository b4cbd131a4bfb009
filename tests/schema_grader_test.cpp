// The schema grader end to end (real sandbox launcher and runner): the probe file format,
// every check kind passing and failing with a message that names what was found, DDL
// that is not allowed, and probes that cannot see each other's rows.
#include <catch2/catch.hpp>

#include "graders/schema/schema_grader.h"
#include "graders/schema/schema_probes.h"
#include "test_support.h"

namespace kata {
namespace {

using testing::TempDir;
using testing::WriteFile;
namespace fs = std::filesystem;

constexpr const char* kReference = R"(
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email VARCHAR(120) NOT NULL UNIQUE
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
  status TEXT NOT NULL DEFAULT 'new'
);
CREATE TABLE tags (order_id INTEGER REFERENCES orders (id), tag TEXT, PRIMARY KEY (order_id, tag));
CREATE INDEX orders_by_customer ON orders (customer_id);
CREATE TABLE audit (what TEXT);
CREATE TRIGGER no_closed BEFORE UPDATE ON orders WHEN OLD.status = 'closed'
BEGIN SELECT RAISE(ABORT, 'closed orders cannot change'); END;
)";

// One probe per check kind, each named for it.
constexpr const char* kProbes = R"(# every kind of check
probe: table
hint: Create the tags table.
check: table tags

probe: column
hint: total_cents holds whole cents.
check: column orders.total_cents INTEGER

probe: not null
hint: Every customer has a name.
check: not null customers.name

probe: primary key
hint: A tag is unique per order.
check: primary key tags(order_id, tag)

probe: foreign key
hint: Orders belong to customers.
check: foreign key orders(customer_id) -> customers(id) on delete cascade

probe: unique
hint: E-mail addresses are unique.
check: unique customers(email)

probe: default
hint: New orders start as new.
check: default orders.status = 'new'

probe: index for
hint: Index orders by customer.
check: index for: SELECT * FROM orders WHERE customer_id = 7

probe: accepts
points: 2
hint: A valid order goes in.
setup: INSERT INTO customers (id, name, email) VALUES (1, 'Ann', 'ann@example.com')
check: accepts: INSERT INTO orders (id, customer_id, total_cents) VALUES (1, 1, 500)

probe: rejects check
hint: Totals are never negative.
setup: INSERT INTO customers (id, name, email) VALUES (1, 'Ann', 'ann@example.com')
check: rejects check: INSERT INTO orders (customer_id, total_cents) VALUES (1, -1)

probe: rejects trigger
hint: Closed orders cannot change.
setup: INSERT INTO customers (id, name, email) VALUES (1, 'Ann', 'ann@example.com')
setup: INSERT INTO orders (id, customer_id, total_cents, status) VALUES (5, 1, 100, 'closed')
check: rejects trigger: UPDATE orders SET total_cents = 0 WHERE id = 5

probe: query
hint: Deleting a customer deletes their orders.
setup: INSERT INTO customers (id, name, email) VALUES (1, 'Ann', 'ann@example.com')
setup: INSERT INTO orders (id, customer_id, total_cents) VALUES (1, 1, 500)
check: accepts: DELETE FROM customers WHERE id = 1
check: query: SELECT count(*) FROM orders => VALUES (0)

probe: hidden
hidden: true
hint: E-mail addresses are unique, whatever their case in this probe.
setup: INSERT INTO customers (id, name, email) VALUES (1, 'Secret Person', 'secret@example.com')
check: rejects unique: INSERT INTO customers (id, name, email) VALUES (2, 'B', 'secret@example.com')
)";

KataSpec MakeKata(const fs::path& root, int time_ms = 2000) {
  fs::path dir = root / "shop";
  WriteFile(dir / "kata.toml", "id = \"shop\"\ntitle = \"Shop\"\nkind = \"schema\"\n"
                               "difficulty = 2\ntags = []\nsummary = \"s\"\n[limits]\ntime_ms = " +
                                   std::to_string(time_ms) + "\n");
  WriteFile(dir / "README.md", "# Shop\n");
  WriteFile(dir / "starter/schema.sql", "CREATE TABLE customers (id INTEGER);\n");
  WriteFile(dir / "solution/schema.sql", kReference);
  WriteFile(dir / "probes.txt", kProbes);
  Result<KataSpec> spec = LoadKata(dir);
  REQUIRE(spec.ok());
  return *spec;
}

GradeResult Grade(const KataSpec& spec, const std::string& ddl) {
  static std::unique_ptr<Launcher> launcher = MakeSandboxLauncher();
  schema::SchemaGrader grader(*launcher, fs::path(KATA_HELPERS_DIR) / "kata-sql-runner");
  return grader.Grade(spec, ddl, nullptr);
}

const TestResult& Test(const GradeResult& result, const std::string& name) {
  for (const TestResult& test : result.tests) {
    if (test.name == name) return test;
  }
  FAIL("no test " << name);
  return result.tests.front();
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

TEST_CASE("the reference schema passes every kind of check", "[schema]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  GradeResult result = Grade(spec, kReference);
  for (const TestResult& test : result.tests) INFO(test.name << ": " << test.message);
  CHECK(result.status == GradeStatus::kPass);
  CHECK(result.score == 14);
  CHECK(result.tests.size() == 13);
}

struct Miss {
  const char* probe;
  std::string from, to;    // the change to the reference schema
  const char* found_part;  // in the failed probe's message
};

TEST_CASE("each kind of check fails on the mistake it is for, saying what it found",
          "[schema]") {
  const std::vector<Miss> cases = {
      {"table", "CREATE TABLE tags", "CREATE TABLE labels", "there is no table tags"},
      {"column", "total_cents INTEGER", "total_cents REAL", "declared REAL (REAL affinity)"},
      {"not null", "name TEXT NOT NULL", "name TEXT", "customers.name accepts NULL"},
      {"primary key", "PRIMARY KEY (order_id, tag)", "PRIMARY KEY (order_id)",
       "primary key is (order_id), expected (order_id, tag)"},
      {"foreign key", "ON DELETE CASCADE", "", "has ON DELETE NO ACTION, expected ON DELETE CASCADE"},
      {"unique", "NOT NULL UNIQUE", "NOT NULL", "nothing makes (email) unique"},
      {"default", "DEFAULT 'new'", "DEFAULT 'open'", "defaults to 'open', expected 'new'"},
      {"index for", "CREATE INDEX orders_by_customer ON orders (customer_id);", "",
       "scans instead of searching an index"},
      {"accepts", "CHECK (total_cents >= 0)", "CHECK (total_cents > 1000)", "it was rejected"},
      {"rejects check", "CHECK (total_cents >= 0)", "", "it succeeded, but it must be rejected"},
      {"rejects check", "total_cents INTEGER NOT NULL CHECK (total_cents >= 0)",
       "total_cents INTEGER NOT NULL CHECK (total_cents >= 0) REFERENCES audit (what)",
       "not because of a constraint"},
      {"rejects trigger", "SELECT RAISE(ABORT, 'closed orders cannot change');",
       "INSERT INTO audit VALUES ('tried');", "it succeeded"},
      {"query", "ON DELETE CASCADE", "ON DELETE SET NULL",
       "rejected: NOT NULL constraint failed"},
  };
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  for (const Miss& miss : cases) {
    DYNAMIC_SECTION(miss.probe << " with " << miss.to) {
      GradeResult result = Grade(spec, Replace(kReference, miss.from, miss.to));
      const TestResult& test = Test(result, miss.probe);
      CHECK(test.status == TestStatus::kFail);
      CHECK(test.score == 0);
      CHECK_THAT(test.message, Catch::Contains(miss.found_part));
      CHECK(result.status == GradeStatus::kFail);
    }
  }
}

TEST_CASE("a rejection by the wrong kind of constraint is a miss", "[schema]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  // total_cents NOT NULL without a CHECK, and a probe inserting NULL: the NOT NULL fires.
  fs::path probes = spec.dir / "probes.txt";
  WriteFile(probes, "probe: negative\nhint: h\nsetup: INSERT INTO customers (id, name, email) "
                    "VALUES (1, 'A', 'a@x')\ncheck: rejects check: INSERT INTO orders "
                    "(customer_id, total_cents) VALUES (1, NULL)\n");
  Result<KataSpec> reloaded = LoadKata(spec.dir);
  REQUIRE(reloaded.ok());
  GradeResult result = Grade(*reloaded, kReference);
  CHECK_THAT(result.tests[0].message, Catch::Contains("by a NOT NULL constraint, not by a CHECK"));
}

TEST_CASE("probes do not see each other's rows", "[schema]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  // "accepts", "rejects check" and "query" each insert customer 1: they only pass if every
  // probe starts from the empty database.
  GradeResult result = Grade(spec, kReference);
  CHECK(Test(result, "accepts").status == TestStatus::kPass);
  CHECK(Test(result, "query").status == TestStatus::kPass);
}

TEST_CASE("a hidden probe shows its hint and nothing of its statements", "[schema]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  GradeResult result = Grade(spec, Replace(kReference, "NOT NULL UNIQUE", "NOT NULL"));
  const TestResult& hidden = Test(result, "hidden");
  CHECK(hidden.hidden);
  CHECK(hidden.status == TestStatus::kFail);
  CHECK_THAT(hidden.message, Catch::Contains("E-mail addresses are unique"));
  CHECK_THAT(DumpJson(ToJson(result)), !Catch::Contains("secret@example.com"));
  CHECK_THAT(DumpJson(ToJson(result)), !Catch::Contains("Secret Person"));
}

struct Rejected {
  const char* what;
  std::string ddl;
  const char* message_part;
};

TEST_CASE("anything but CREATE TABLE, INDEX, VIEW and TRIGGER is a compile_error",
          "[schema]") {
  const std::vector<Rejected> cases = {
      {"an INSERT", "CREATE TABLE t (a);\nINSERT INTO t VALUES (1);", "line 2, column 1"},
      {"a DROP", "CREATE TABLE t (a);\nDROP TABLE t;", "starts with DROP"},
      {"an ALTER", "CREATE TABLE t (a);\nALTER TABLE t ADD b;", "starts with ALTER"},
      {"a PRAGMA", "PRAGMA foreign_keys = OFF;", "starts with PRAGMA"},
      {"an ATTACH", "ATTACH DATABASE '/tmp/x.db' AS x;", "starts with ATTACH"},
      {"a TEMP table", "CREATE TEMP TABLE t (a);", "starts with CREATE TEMP"},
      {"a virtual table", "CREATE VIRTUAL TABLE t USING fts5(a);", "starts with CREATE VIRTUAL"},
      {"a table in another database", "CREATE TABLE temp.t (a);", "only create objects in the main"},
      {"a syntax error", "CREATE TABLE t (\n  a INTEGER,\n  b TEXT NOT NUL\n);", "line 3"},
      {"an empty file", "-- todo\n", "holds no statement"},
  };
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  for (const Rejected& c : cases) {
    DYNAMIC_SECTION(c.what) {
      GradeResult result = Grade(spec, c.ddl);
      CHECK(result.status == GradeStatus::kError);
      CHECK(VerdictName(result.verdict) == "compile_error");
      CHECK_THAT(result.output, Catch::Contains(c.message_part));
    }
  }
}

TEST_CASE("ON DELETE RESTRICT counts as a foreign key rejection", "[schema]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  WriteFile(spec.dir / "probes.txt",
            "probe: restrict\nhint: h\nsetup: INSERT INTO customers (id, name, email) VALUES "
            "(1, 'A', 'a@x')\nsetup: INSERT INTO orders (id, customer_id, total_cents) VALUES "
            "(1, 1, 5)\ncheck: rejects foreign key: DELETE FROM customers WHERE id = 1\n");
  Result<KataSpec> reloaded = LoadKata(spec.dir);
  REQUIRE(reloaded.ok());
  for (const char* action : {"ON DELETE RESTRICT", "ON DELETE NO ACTION"}) {
    GradeResult result = Grade(*reloaded, Replace(kReference, "ON DELETE CASCADE", action));
    INFO(action << ": " << result.tests[0].message);
    CHECK(result.status == GradeStatus::kPass);
  }
}

TEST_CASE("RAISE(ROLLBACK) in a trigger cannot make one probe's rows leak into the next",
          "[schema]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  WriteFile(spec.dir / "probes.txt",
            "probe: rollback\nhint: h\nsetup: INSERT INTO customers (id, name, email) VALUES "
            "(1, 'A', 'a@x')\nsetup: INSERT INTO orders (id, customer_id, total_cents, status) "
            "VALUES (5, 1, 100, 'closed')\ncheck: rejects trigger: UPDATE orders SET "
            "total_cents = 0 WHERE id = 5\ncheck: accepts: INSERT INTO customers (id, name, "
            "email) VALUES (2, 'B', 'b@x')\n"
            "probe: empty afterwards\nhint: h\ncheck: query: SELECT count(*) FROM customers => "
            "VALUES (0)\n");
  Result<KataSpec> reloaded = LoadKata(spec.dir);
  REQUIRE(reloaded.ok());
  GradeResult result = Grade(*reloaded, Replace(kReference, "RAISE(ABORT", "RAISE(ROLLBACK"));
  CHECK(result.tests[0].status == TestStatus::kPass);
  CHECK(result.tests[1].status == TestStatus::kPass);
}

TEST_CASE("a STRICT table's type errors count as rejections", "[schema]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  WriteFile(spec.dir / "probes.txt",
            "probe: whole cents\nhint: h\ncheck: rejects: INSERT INTO t VALUES (1.5)\n"
            "probe: typed\nhint: h\ncheck: rejects datatype: INSERT INTO t VALUES ('x')\n");
  Result<KataSpec> reloaded = LoadKata(spec.dir);
  REQUIRE(reloaded.ok());
  GradeResult result = Grade(*reloaded, "CREATE TABLE t (cents INTEGER) STRICT;");
  CHECK(result.status == GradeStatus::kPass);
}

TEST_CASE("a trigger that runs too long fails its probe, not the grader", "[schema]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path(), 300);
  std::string slow = Replace(kReference, "SELECT RAISE(ABORT, 'closed orders cannot change');",
                             "INSERT INTO audit WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
                             "SELECT x + 1 FROM c) SELECT 'x' FROM c WHERE x < 0;");
  GradeResult result = Grade(spec, slow);
  const TestResult& test = Test(result, "rejects trigger");
  CHECK(test.status == TestStatus::kFail);
  CHECK_THAT(test.message, Catch::Contains("longer than 300 ms"));
  CHECK(Test(result, "table").status == TestStatus::kPass);
}

struct BadFile {
  const char* what;
  std::string text;
  const char* message_part;
};

TEST_CASE("malformed probe files are rejected with the line and what was expected",
          "[schema]") {
  const std::vector<BadFile> cases = {
      {"an unknown line", "probe: a\nhint: h\ncheck: table t\nexpect: x\n", "probes.txt:4"},
      {"a line before any probe", "hint: h\n", "before the first `probe:`"},
      {"an unknown check", "probe: a\nhint: h\ncheck: tabel t\n", "probes.txt:3: `check: tabel t`"},
      {"a foreign key with unequal sides", "probe: a\nhint: h\ncheck: foreign key t(a, b) -> p(c)\n",
       "as many columns"},
      {"a query without expected rows", "probe: a\nhint: h\ncheck: query: SELECT 1\n", "=> VALUES"},
      {"no hint", "probe: a\ncheck: table t\n", "a `hint:`"},
      {"no check", "probe: a\nhint: h\nsetup: INSERT INTO t VALUES (1)\n", "at least one `check:`"},
      {"two probes with one name", "probe: a\nhint: h\ncheck: table t\nprobe: a\n",
       "a second probe named \"a\""},
      {"bad points", "probe: a\npoints: many\n", "`points:`"},
      {"no probe at all", "# nothing\n", "no probe"},
  };
  for (const BadFile& c : cases) {
    DYNAMIC_SECTION(c.what) {
      Result<std::vector<schema::Probe>> probes = schema::ParseProbes(c.text, "probes.txt");
      REQUIRE_FALSE(probes.ok());
      CHECK_THAT(probes.status().message(), Catch::Contains(c.message_part));
    }
  }
}

}  // namespace
}  // namespace kata

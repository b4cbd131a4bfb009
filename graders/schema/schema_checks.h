// The checks of schema probes, run inside the sandbox on the database the learner's DDL
// built. Each says what it observed in the learner's terms when the check fails.
#pragma once

#include <sqlite3.h>

#include <string>

#include "graders/schema/schema_probes.h"

namespace kata::schema {

// "" when the check passes; else what was found instead ("orders has no foreign key
// (customer_id) -> customers(id); its foreign keys: none").
std::string RunCheck(sqlite3* db, const Check& check);

// "" when sql returns the rows of expected (a VALUES list, or "none"), as a multiset; else
// what it returned.
std::string CompareQuery(sqlite3* db, const std::string& sql, const std::string& expected);

// Runs one statement to the end; "" or SQLite's message. code gets the extended result.
std::string Execute(sqlite3* db, const std::string& sql, int* code = nullptr);

}  // namespace kata::schema

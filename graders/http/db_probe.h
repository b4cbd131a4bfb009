// Database probes: a query on the SQLite file the learner's server wrote. That file is
// untrusted: it is read through the work folder's fd (O_NOFOLLOW, regular files only)
// into a private copy with its WAL, which is opened query-only, in defensive mode, with
// trusted_schema off. The learner's process is never involved.
#pragma once

#include <string>

#include "sandbox/work_folder.h"

namespace kata::http {

// "" when sql returns the rows of expected ("VALUES …" or "none"); else what it returned
// or why the database could not be read.
std::string RunDatabaseProbe(const WorkFolder& work, const std::string& database_file,
                             const std::string& sql, const std::string& expected);

}  // namespace kata::http

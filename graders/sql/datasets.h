// Dataset databases for an sql kata, built from the kata's trusted fixtures before any
// learner code runs: each is built in memory, queried there with the reference
// solution, and written into the work folder through its fd (O_EXCL, O_NOFOLLOW).
#pragma once

#include <string>
#include <vector>

#include "graders/sql/value.h"
#include "runner/kata_spec.h"
#include "runner/status.h"
#include "sandbox/work_folder.h"

namespace kata::sql {

struct PreparedDataset {
  std::string file;   // "d0.db", "d1.db", …: the names reveal nothing about the data
  ResultSet expected; // the reference solution's result on it
};

// One PreparedDataset per dataset of spec, in order. An Internal error names the kata
// file that failed (the kata's fault, found by `kata validate`).
Result<std::vector<PreparedDataset>> PrepareDatasets(const KataSpec& spec,
                                                     const std::string& solution,
                                                     WorkFolder& work);

}  // namespace kata::sql

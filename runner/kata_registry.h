// Katas instructors add to the store (kata add / kata remove). Each version is kept whole
// (its folder, packed) and unpacked under $KATA_HOME/katas/ID/vN/ID when first needed, so
// it loads and grades like a bundled kata.
#pragma once

#include <filesystem>
#include <vector>

#include "graders/grader.h"
#include "runner/catalogue.h"
#include "runner/store.h"
#include "runner/validate.h"

namespace kata {

// The folders of the store's current katas, unpacking any that are not yet.
Result<std::vector<StoredKataFolder>> StoredKataFolders(Store& store,
                                                        const std::filesystem::path& home);

struct AddedKata {
  ValidationReport report;  // why it was refused, when it was
  std::string id;
  int version = 0;          // 0: not added
  bool unchanged = false;   // the same files as the current version: nothing added
};

// Validates the kata in dir and, when valid, stores it as a new version.
Result<AddedKata> AddKataFolder(Store& store, const std::filesystem::path& dir,
                                const GraderContext& context);

}  // namespace kata

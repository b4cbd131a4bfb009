// What the subcommands share: error reporting in text or JSON, the catalogue, the store
// and the grader context of this process.
#pragma once

#include <memory>
#include <string>

#include "graders/grader.h"
#include "runner/catalogue.h"
#include "runner/commands.h"
#include "runner/result.h"
#include "runner/store.h"

namespace kata {

// Prints "kata: error: MESSAGE" on stderr, or {"error": MESSAGE} on stdout with --json,
// and returns code.
int Fail(const GlobalOptions& options, int code, const std::string& message);

// The exit code for a Status: NotFound/InvalidArgument are 2, Internal is 3.
int ExitCodeFor(const Status& status);

// Loads the catalogue; warns once on stderr for each malformed kata.
Catalogue LoadCatalogue(const GlobalOptions& options, bool warn);
// Loads only the kata with this id (see Catalogue::LoadOne).
Result<KataSpec> LoadKataById(const GlobalOptions& options, const std::string& id);

// The learner's name in the local store: $KATA_LEARNER, else $USER, else "local".
std::string LocalLearner();

Result<std::unique_ptr<Store>> OpenStore();

// The sandbox launcher, helper paths and hidden folders for graders run by this binary.
// The launcher lives for the process.
GraderContext ProcessGraderContext(const GlobalOptions& options);

// 0 for full marks, 1 for below, 3 for a sandbox failure.
int ExitCodeFor(const GradeResult& result);

}  // namespace kata

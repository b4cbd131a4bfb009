// kata new: a complete, valid kata of each kind to start from — statement template,
// starter, reference solution, fixtures, probes and one bad/ example — which `kata
// validate` passes as generated.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "runner/kata_spec.h"
#include "runner/status.h"

namespace kata {

// Writes the kata into dir/id (dir must not already hold it). Returns the files written.
Result<std::vector<std::filesystem::path>> ScaffoldKata(KataKind kind, const std::string& id,
                                                        const std::filesystem::path& dir);

}  // namespace kata

// Shared plumbing of the subcommands.
#include "runner/command_support.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "runner/kata_paths.h"
#include "runner/kata_registry.h"

namespace kata {

int Fail(const GlobalOptions& options, int code, const std::string& message) {
  if (options.json) {
    std::cout << DumpJson(nlohmann::json{{"error", message}}) << "\n";
  } else {
    std::cerr << "kata: error: " << message << "\n";
  }
  return code;
}

int ExitCodeFor(const Status& status) {
  return status.code() == Status::Code::kInternal ? kExitInternal : kExitUsage;
}

int ExitCodeFor(const GradeResult& result) {
  if (result.verdict == Verdict::kSandboxError) return kExitInternal;
  return result.status == GradeStatus::kPass ? kExitOk : kExitBelowFullMarks;
}

namespace {

// The store's katas; none (and one warning) when the store cannot be read. With --katas
// only that folder is used.
std::vector<StoredKataFolder> StoredKatas(const GlobalOptions& options) {
  if (options.katas) return {};
  std::error_code error;
  if (!std::filesystem::exists(KataHome() / "kata.db", error)) return {};
  Result<std::unique_ptr<Store>> store = OpenStore();
  if (!store.ok()) return {};
  Result<std::vector<StoredKataFolder>> folders = StoredKataFolders(**store, KataHome());
  if (!folders.ok()) {
    std::cerr << "kata: warning: the katas added to the store cannot be read: "
              << folders.status().message() << "\n";
    return {};
  }
  return *folders;
}

}  // namespace

Catalogue LoadCatalogue(const GlobalOptions& options, bool warn) {
  Catalogue catalogue = Catalogue::Load(KataFolders(options.katas), StoredKatas(options));
  if (warn) {
    for (const Status& problem : catalogue.problems()) {
      std::cerr << "kata: warning: skipped a malformed kata: " << problem.message() << "\n";
    }
  }
  return catalogue;
}

Result<KataSpec> LoadKataById(const GlobalOptions& options, const std::string& id) {
  return Catalogue::LoadOne(KataFolders(options.katas), id, StoredKatas(options));
}

std::string LocalLearner() {
  for (const char* name : {"KATA_LEARNER", "USER"}) {
    if (const char* value = std::getenv(name); value && *value) return value;
  }
  return "local";
}

Result<std::unique_ptr<Store>> OpenStore() { return OpenSqliteStore(KataHome()); }

GraderContext ProcessGraderContext(const GlobalOptions& options) {
  static std::unique_ptr<Launcher> launcher = MakeSandboxLauncher();
  std::vector<std::string> hidden = {KataHome().string(), KATA_SOURCE_DIR};
  for (const auto& folder : KataFolders(options.katas)) hidden.push_back(folder.string());
  return GraderContext{launcher.get(), ExecutableFolder(), hidden};
}

}  // namespace kata

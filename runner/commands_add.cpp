// kata add and kata remove: instructors' katas in the local store.
#include <fmt/format.h>

#include <iostream>

#include "runner/command_support.h"
#include "runner/kata_paths.h"
#include "runner/kata_registry.h"
#include "runner/terminal.h"

namespace kata {

int CmdAdd(const GlobalOptions& options, const std::string& dir) {
  Result<std::unique_ptr<Store>> store = OpenStore();
  if (!store.ok()) return Fail(options, kExitInternal, store.status().message());
  Result<AddedKata> added = AddKataFolder(**store, dir, ProcessGraderContext(options));
  if (!added.ok()) return Fail(options, ExitCodeFor(added.status()), added.status().message());
  if (added->unchanged) {
    return Fail(options, kExitUsage,
                fmt::format("{} is already stored with these very files; nothing was added",
                            added->id));
  }
  if (!added->version) {
    std::string problems = fmt::format("{}", fmt::join(added->report.problems, "\n  "));
    if (options.json) {
      std::cout << DumpJson({{"error", "the kata is not valid"}, {"problems", added->report.problems}},
                            2)
                << "\n";
    } else {
      std::cerr << "kata: error: " << dir << " is not valid, so it was not added:\n  " << problems
                << "\nFix it and run kata validate " << dir << " until it passes.\n";
    }
    return added->report.loaded ? kExitBelowFullMarks : kExitUsage;
  }
  if (options.json) {
    std::cout << DumpJson({{"kata", added->id}, {"version", added->version}}, 2) << "\n";
  } else {
    Terminal term(stdout);
    std::cout << term.Green("✓") << " added " << added->id << " as version " << added->version
              << " to " << (KataHome() / "kata.db").string() << "\n";
    for (const std::string& check : added->report.checks) {
      std::cout << term.Dim("    " + check) << "\n";
    }
    std::cout << "Learners see it now: kata show " << added->id << "\n";
  }
  return kExitOk;
}

int CmdRemove(const GlobalOptions& options, const std::string& id) {
  Result<std::unique_ptr<Store>> store = OpenStore();
  if (!store.ok()) return Fail(options, kExitInternal, store.status().message());
  Status removed = (*store)->RemoveKata(id);
  if (!removed.ok()) return Fail(options, ExitCodeFor(removed), removed.message());
  if (options.json) {
    std::cout << DumpJson({{"kata", id}, {"removed", true}}, 2) << "\n";
  } else {
    std::cout << "removed " << id
              << " from the catalogue; its submissions are kept (kata history " << id << ")\n";
  }
  return kExitOk;
}

}  // namespace kata

// kata new: scaffold a kata to start from.
#include <fmt/format.h>

#include <iostream>

#include "runner/command_support.h"
#include "runner/scaffold.h"

namespace kata {

int CmdNew(const GlobalOptions& options, const std::string& kind_name, const std::string& id,
           const std::string& dir) {
  KataKind kind;
  if (kind_name == "sql") {
    kind = KataKind::kSql;
  } else if (kind_name == "schema") {
    kind = KataKind::kSchema;
  } else if (kind_name == "http") {
    kind = KataKind::kHttp;
  } else {
    return Fail(options, kExitUsage,
                fmt::format("unknown kind '{}'; use sql, schema or http", kind_name));
  }
  Result<std::vector<std::filesystem::path>> written =
      ScaffoldKata(kind, id, dir.empty() ? "." : dir);
  if (!written.ok()) return Fail(options, ExitCodeFor(written.status()), written.status().message());
  std::filesystem::path root = written->front().parent_path();
  while (root.filename() != id && root.has_parent_path()) root = root.parent_path();
  if (options.json) {
    std::vector<std::string> files;
    for (const auto& path : *written) files.push_back(path.string());
    std::cout << DumpJson({{"kata", id}, {"dir", root.string()}, {"files", files}}, 2) << "\n";
    return kExitOk;
  }
  for (const auto& path : *written) std::cout << "wrote " << path.string() << "\n";
  std::cout << fmt::format(
      "Next: replace the TODOs and the example with your kata (docs/authoring.md), then\n"
      "  kata validate {0}      proves it: the reference scores full marks, every bad/ fails\n"
      "  kata add {0}           registers it in your store\n",
      root.string());
  return kExitOk;
}

}  // namespace kata

// Adding katas to the store and unpacking them for the catalogue.
#include "runner/kata_registry.h"

#include <fmt/format.h>

#include "runner/server/token.h"
#include "sandbox/archive.h"

#include <algorithm>

namespace kata {
namespace fs = std::filesystem;

Result<std::vector<StoredKataFolder>> StoredKataFolders(Store& store, const fs::path& home) {
  Result<std::vector<StoredKata>> katas = store.StoredKatas();
  if (!katas.ok()) return katas.status();
  std::vector<StoredKataFolder> folders;
  for (const StoredKata& kata : *katas) {
    fs::path dir = home / "katas" / kata.id / fmt::format("v{}", kata.version) / kata.id;
    std::error_code error;
    if (!fs::exists(dir / "kata.toml", error)) {
      // Unpacked into a fresh folder first and renamed into place, so a half-unpacked
      // kata is never loaded.
      fs::path partial = dir.parent_path() / (kata.id + ".partial");
      fs::remove_all(partial, error);
      Result<std::unique_ptr<WorkFolder>> target = WorkFolder::Open(partial);
      if (!target.ok()) return target.status();
      ArchiveLimits limits;
      limits.max_total_bytes = 256 << 20;
      limits.max_entries = 20000;
      KATA_RETURN_IF_ERROR(ExtractArchive(kata.archive, **target, limits));
      target->reset();
      fs::rename(partial, dir, error);
      if (error) {
        return Status::Internal(fmt::format("cannot unpack kata {} into {}: {}", kata.id,
                                            dir.string(), error.message()));
      }
    }
    folders.push_back(StoredKataFolder{dir, kata.version});
  }
  return folders;
}

// SHA-256 over every file's relative path and content, in path order: the same kata
// folder gives the same digest whatever its files' times or the archive's order.
std::string FolderDigest(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(dir, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file()) files.push_back(fs::relative(it->path(), dir));
  }
  std::sort(files.begin(), files.end());
  std::string all;
  for (const fs::path& file : files) {
    Result<std::string> text = ReadTextFile(dir / file);
    all += file.string() + '\0' + std::to_string(text.ok() ? text->size() : 0) + '\0' +
           (text.ok() ? *text : "");
  }
  return Sha256Hex(all);
}

Result<AddedKata> AddKataFolder(Store& store, const fs::path& dir, const GraderContext& context) {
  AddedKata added;
  added.report = ValidateKata(dir, context);
  // Learners should not meet a scaffold's TODOs.
  for (std::string& warning : added.report.warnings) added.report.problems.push_back(warning);
  if (!added.report.valid()) return added;
  Result<KataSpec> spec = LoadKata(dir);
  if (!spec.ok()) return spec.status();
  ArchiveLimits limits;
  limits.max_total_bytes = 256 << 20;
  limits.max_entries = 20000;
  Result<std::string> packed = PackFolder(dir, limits);
  if (!packed.ok()) return packed.status();
  std::string digest = FolderDigest(dir);
  Result<std::string> current = store.KataDigest(spec->id);
  if (current.ok() && *current == digest) {
    added.id = spec->id;
    added.unchanged = true;
    return added;
  }
  Result<int> version = store.AddKata(spec->id, *packed, digest);
  if (!version.ok()) return version.status();
  added.id = spec->id;
  added.version = *version;
  return added;
}

}  // namespace kata

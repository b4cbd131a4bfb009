// Builds the catalogue from the kata folders.
#include "runner/catalogue.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace kata {
namespace fs = std::filesystem;

namespace {

bool HasBundled(const std::vector<fs::path>& roots, const std::string& id) {
  std::error_code error;
  for (const fs::path& root : roots) {
    if (fs::exists(root / id / "kata.toml", error)) return true;
  }
  return false;
}

Result<KataSpec> LoadStored(const StoredKataFolder& stored, const std::vector<fs::path>& roots) {
  Result<KataSpec> spec = LoadKata(stored.dir);
  if (spec.ok()) {
    spec->version = stored.version;
    spec->replaces_bundled = HasBundled(roots, spec->id);
  }
  return spec;
}

}  // namespace

Catalogue Catalogue::Load(const std::vector<fs::path>& roots,
                          const std::vector<StoredKataFolder>& stored) {
  Catalogue catalogue;
  catalogue.roots_ = roots;
  std::set<std::string> seen;
  for (const StoredKataFolder& folder : stored) {
    std::string id = folder.dir.filename().string();
    seen.insert(id);
    Result<KataSpec> spec = LoadStored(folder, roots);
    if (spec.ok()) {
      catalogue.katas_.push_back(std::move(*spec));
    } else {
      catalogue.malformed_.emplace_back(id, spec.status());
    }
  }
  for (const fs::path& root : roots) {
    std::error_code error;
    std::vector<fs::path> dirs;
    for (const fs::directory_entry& entry : fs::directory_iterator(root, error)) {
      if (entry.is_directory() && fs::exists(entry.path() / "kata.toml")) {
        dirs.push_back(entry.path());
      }
    }
    std::sort(dirs.begin(), dirs.end());
    for (const fs::path& dir : dirs) {
      std::string id = dir.filename().string();
      if (!seen.insert(id).second) continue;
      Result<KataSpec> spec = LoadKata(dir);
      if (spec.ok()) {
        catalogue.katas_.push_back(std::move(*spec));
      } else {
        catalogue.malformed_.emplace_back(id, spec.status());
      }
    }
  }
  std::sort(catalogue.katas_.begin(), catalogue.katas_.end(),
            [](const KataSpec& a, const KataSpec& b) { return a.id < b.id; });
  return catalogue;
}

Result<KataSpec> Catalogue::LoadOne(const std::vector<fs::path>& roots, const std::string& id,
                                    const std::vector<StoredKataFolder>& stored) {
  for (const StoredKataFolder& folder : stored) {
    if (folder.dir.filename() == id) return LoadStored(folder, roots);
  }
  bool plain_name = !id.empty() && id.find('/') == std::string::npos && id != "." && id != "..";
  for (const fs::path& root : plain_name ? roots : std::vector<fs::path>{}) {
    std::error_code error;
    if (fs::exists(root / id / "kata.toml", error)) return LoadKata(root / id);
  }
  Catalogue none;
  none.roots_ = roots;
  return none.Find(id);  // the unknown-kata message
}

std::vector<Status> Catalogue::problems() const {
  std::vector<Status> problems;
  for (const auto& [id, status] : malformed_) problems.push_back(status);
  return problems;
}

Result<KataSpec> Catalogue::Find(const std::string& id) const {
  for (const KataSpec& spec : katas_) {
    if (spec.id == id) return spec;
  }
  for (const auto& [malformed_id, status] : malformed_) {
    if (malformed_id == id) return status;
  }
  if (roots_.empty()) {
    return Status::NotFound(fmt::format(
        "unknown kata '{}': no kata folder found; pass --katas DIR or set KATA_PATH", id));
  }
  return Status::NotFound(
      fmt::format("unknown kata '{}'; run `kata list` to see the katas there are", id));
}

}  // namespace kata

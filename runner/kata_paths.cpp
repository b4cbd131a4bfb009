// Resolves the kata search path and the store's home folder.
#include "runner/kata_paths.h"

#include <cstdlib>
#include <sstream>

namespace kata {
namespace fs = std::filesystem;

fs::path ExecutableFolder() {
  std::error_code error;
  fs::path exe = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::current_path() : exe.parent_path();
}

namespace {

std::optional<fs::path> SourceTreeKatas(const fs::path& start) {
  for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
    std::error_code error;
    if (fs::is_directory(dir / "katas", error) && fs::is_regular_file(dir / "CMakeLists.txt") &&
        fs::is_directory(dir / "runner", error)) {
      return dir / "katas";
    }
    if (dir == dir.root_path()) break;
  }
  return std::nullopt;
}

}  // namespace

std::vector<fs::path> KataFolders(const std::optional<std::string>& katas_flag) {
  if (katas_flag) return {fs::path(*katas_flag)};
  if (const char* env = std::getenv("KATA_PATH"); env && *env) {
    std::vector<fs::path> folders;
    std::istringstream parts(env);
    std::string part;
    while (std::getline(parts, part, ':')) {
      if (!part.empty()) folders.emplace_back(part);
    }
    return folders;
  }
  fs::path exe_folder = ExecutableFolder();
  fs::path installed = exe_folder / ".." / "share" / "kata" / "katas";
  std::error_code error;
  if (fs::is_directory(installed, error)) return {fs::weakly_canonical(installed)};
  if (std::optional<fs::path> source = SourceTreeKatas(exe_folder)) return {*source};
  return {};
}

fs::path KataHome() {
  if (const char* env = std::getenv("KATA_HOME"); env && *env) return fs::path(env);
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : "/tmp") / ".local" / "share" / "kata";
}

}  // namespace kata

// Helpers shared by the tests: temporary folders, writing files, running the kata binary.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kata::testing {

// A fresh folder under the system temp dir, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Writes text to path, creating parent folders.
void WriteFile(const std::filesystem::path& path, const std::string& text);

// Replaces the TODOs kata new leaves in kata.toml and README.md, as an author would.
void FinishScaffold(const std::filesystem::path& kata_dir);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the built kata binary with args (no shell), env additions ("NAME=value") on top of
// the current environment, in cwd (empty: current), and collects its output.
CommandResult RunKata(const std::vector<std::string>& args,
                      const std::vector<std::string>& env = {},
                      const std::filesystem::path& cwd = {});

}  // namespace kata::testing

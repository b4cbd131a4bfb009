// Test helpers: temp folders and running the kata binary as a learner would.
#include "test_support.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

extern char** environ;

namespace kata::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "kata-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code error;
  fs::remove_all(path_, error);
}

void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

namespace {

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

void FinishScaffold(const fs::path& kata_dir) {
  for (const char* file : {"kata.toml", "README.md"}) {
    std::ifstream in(kata_dir / file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (size_t at; (at = text.find("TODO")) != std::string::npos;) text.replace(at, 4, "Done");
    WriteFile(kata_dir / file, text);
  }
}

CommandResult RunKata(const std::vector<std::string>& args, const std::vector<std::string>& env,
                      const fs::path& cwd) {
  TempDir capture;
  fs::path out_file = capture.path() / "out", err_file = capture.path() / "err";
  std::vector<std::string> argv = {KATA_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> argv_ptrs;
  for (std::string& arg : argv) argv_ptrs.push_back(arg.data());
  argv_ptrs.push_back(nullptr);

  // The test's variables replace inherited ones of the same name (say, the developer's
  // own KATA_HOME), so a test never touches a real store.
  auto overridden = [&env](const std::string& entry) {
    std::string name = entry.substr(0, entry.find('='));
    for (const std::string& own : env) {
      if (own.substr(0, own.find('=')) == name) return true;
    }
    return false;
  };
  std::vector<std::string> environment;
  for (char** entry = environ; *entry; ++entry) {
    if (!overridden(*entry)) environment.emplace_back(*entry);
  }
  environment.insert(environment.end(), env.begin(), env.end());
  std::vector<char*> env_ptrs;
  for (std::string& entry : environment) env_ptrs.push_back(entry.data());
  env_ptrs.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_t pid = 0;
  int spawned = posix_spawn(&pid, argv_ptrs[0], &actions, nullptr, argv_ptrs.data(),
                            env_ptrs.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot start " + argv[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadAll(out_file);
  result.err = ReadAll(err_file);
  return result;
}

}  // namespace kata::testing

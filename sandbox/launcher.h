// The launcher: the one way kata starts learner code. Callers describe the run (program,
// plain environment, work folder, limits) and get an async handle to wait on with a
// deadline; the implementation decides how the child is contained.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runner/status.h"
#include "sandbox/work_folder.h"

namespace kata {

struct SandboxLimits {
  int64_t wall_ms = 10000;             // whole run, from start to kill
  int64_t cpu_ms = 10000;              // RLIMIT_CPU, rounded up to whole seconds
  int64_t memory_bytes = 512LL << 20;  // address space fallback until cgroups arrive; 0: none
  int max_processes = 64;              // RLIMIT_NPROC
  int64_t file_size_bytes = 64LL << 20;
  int open_files = 64;
  size_t output_bytes = 1 << 20;       // stdout and stderr, each; the rest is dropped
};

struct LaunchSpec {
  std::vector<std::string> argv;  // argv[0] is an absolute path
  std::vector<std::string> env;   // "NAME=value"; nothing else is inherited
  std::string stdin_data;
  const WorkFolder* work_folder = nullptr;  // the child's cwd; required
  SandboxLimits limits;
  // Host folders learner code must never reach, even where they lie under a folder the
  // sandbox shows (e.g. kata folders installed under /usr/local/share).
  std::vector<std::string> hidden_paths;
};

struct Usage {
  int64_t wall_ms = 0;
  int64_t cpu_ms = 0;
  int64_t peak_memory_bytes = 0;
};

struct RunOutcome {
  enum class End { kExited, kSignaled, kWallTimeout };
  End end = End::kExited;
  int exit_code = 0;  // kExited
  int signal = 0;     // kSignaled
  bool oom_killed = false;  // the memory cgroup's OOM killer struck
  bool stdout_truncated = false;
  bool stderr_truncated = false;
  std::string stdout_data;
  std::string stderr_data;
  Usage usage;
};

// A started child. Destroying it kills and reaps whatever is still running.
class Process {
 public:
  virtual ~Process() = default;
  // Drains output and waits up to timeout. Returns the outcome once the child has ended
  // (it is reaped, its whole tree killed), or nullopt while it still runs. Past the wall
  // limit the tree is killed and the outcome says kWallTimeout.
  virtual std::optional<RunOutcome> WaitFor(std::chrono::milliseconds timeout) = 0;
  // Waits until the end or the wall limit.
  RunOutcome Wait();
  // Kills the whole process tree now; WaitFor then reports its end.
  virtual void Kill() = 0;
  // Asks the program to stop (SIGTERM), e.g. a server at the end of grading; follow with
  // WaitFor(grace) and Kill() if it does not.
  virtual void Terminate() = 0;
  virtual int pid() const = 0;
  // Runs fn in the child's network namespace, e.g. an HTTP probe of a learner's server,
  // and returns what fn returned. fn may run in a forked helper process (kata without
  // root must join the child's user namespace first, which a multi-threaded process
  // cannot): it must pass its results back only through the returned string.
  virtual Result<std::string> RunInNetworkNamespace(const std::function<std::string()>& fn) = 0;
};

class Launcher {
 public:
  virtual ~Launcher() = default;
  // Starts the child. A failure to start (no such program, a setup step failing between
  // fork and exec) is an error Status, never a hang.
  virtual Result<std::unique_ptr<Process>> Start(const LaunchSpec& spec) = 0;
};

// Boost.Process with rlimits, its own process group and a pidfd wait loop: no
// isolation beyond rlimits. The fallback where namespaces are not available.
std::unique_ptr<Launcher> MakeProcessLauncher();

// The sandbox: new PID, mount, IPC, UTS and network namespaces (and a user namespace when
// kata is not root), a trusted init as PID 1, a read-only minimal root with the work
// folder as the only writable place, an unprivileged identity, no_new_privs, no
// capabilities, rlimits, cgroup limits where writable, and seccomp. Where the machine
// cannot create namespaces it says so once on stderr and runs MakeProcessLauncher's way.
std::unique_ptr<Launcher> MakeSandboxLauncher();
// The namespace sandbox alone, with no fallback: Start fails where namespaces are missing.
std::unique_ptr<Launcher> MakeNamespaceLauncher();

// The uid and gid learner code runs as when kata is root (nobody/nogroup).
constexpr int kSandboxUid = 65534;
constexpr int kSandboxGid = 65534;

}  // namespace kata

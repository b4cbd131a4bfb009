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
  virtual int pid() const = 0;
  // Runs fn in the child's network namespace, e.g. an HTTP probe of a learner's server.
  virtual Status RunInNetworkNamespace(const std::function<void()>& fn) = 0;
};

class Launcher {
 public:
  virtual ~Launcher() = default;
  // Starts the child. A failure to start (no such program, a setup step failing between
  // fork and exec) is an error Status, never a hang.
  virtual Result<std::unique_ptr<Process>> Start(const LaunchSpec& spec) = 0;
};

// Boost.Process with rlimits, its own process group and a pidfd wait loop.
std::unique_ptr<Launcher> MakeProcessLauncher();

}  // namespace kata

// The process launcher: Boost.Process forks and execs; the child gets its own process
// group, rlimits and the work folder as cwd; the parent waits on a pidfd (never on Boost
// 1.74's wait_for, which blocks for the whole timeout once the child has exited).
// Kept in its own file: Boost.Process headers are slow to compile.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <cerrno>
#include <cstring>

#include "sandbox/launcher.h"
#include "sandbox/watched_process.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

namespace kata {
namespace bp = boost::process;

namespace {

// The child leads its own process group: killing the group reaches everything it forked
// that stayed in the group. The namespace sandbox also catches those that left it.
class GroupProcess : public WatchedProcess {
 public:
  using WatchedProcess::WatchedProcess;
  ~GroupProcess() override { KillAndReap(); }

  void Kill() override {
    kill(-pid(), SIGKILL);
    kill(pid(), SIGKILL);
  }

  void Terminate() override { kill(-pid(), SIGTERM); }

  Result<std::string> RunInNetworkNamespace(const std::function<std::string()>& fn) override {
    return fn();  // this launcher shares the host's network
  }

 protected:
  void OnReaped(int wait_status, const rusage& usage, RunOutcome& outcome) override {
    kill(-pid(), SIGKILL);  // whatever it left behind in its group
    SetEndFromWaitStatus(wait_status, outcome);
    SetUsageFromRusage(usage, outcome);
  }
};

// Everything the child needs between fork and exec, prepared before the fork so the
// child allocates nothing.
struct ChildSetup {
  int stdin_fd, stdout_fd, stderr_fd, work_fd;
  rlimit cpu, memory, processes, file_size, open_files, core;
  char** envp;
};

rlimit Limit(uint64_t value) { return rlimit{value, value}; }

// AddressSanitizer reserves terabytes of address space: an RLIMIT_AS would stop a
// sanitizer build of a helper before main. Such builds rely on the other limits.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kLimitAddressSpace = false;
#else
constexpr bool kLimitAddressSpace = true;
#endif

class ProcessLauncher : public Launcher {
 public:
  Result<std::unique_ptr<Process>> Start(const LaunchSpec& spec) override {
    if (spec.argv.empty() || !spec.work_folder) {
      return Status::Internal("launcher: argv and a work folder are required");
    }
    Result<Pipe> in = MakePipe(), out = MakePipe(), err = MakePipe();
    if (!in.ok() || !out.ok() || !err.ok()) {
      for (Result<Pipe>* pipe : {&in, &out, &err}) {
        if (pipe->ok()) {
          close((*pipe)->read);
          close((*pipe)->write);
        }
      }
      return Status::Internal("launcher: cannot create pipes");
    }
    std::vector<std::string> env = spec.env;
    std::vector<char*> envp;
    for (std::string& entry : env) envp.push_back(entry.data());
    envp.push_back(nullptr);

    const SandboxLimits& limits = spec.limits;
    uint64_t cpu_seconds = static_cast<uint64_t>((limits.cpu_ms + 999) / 1000);
    ChildSetup setup{in->read,
                     out->write,
                     err->write,
                     spec.work_folder->fd(),
                     rlimit{cpu_seconds, cpu_seconds + 1},
                     Limit(kLimitAddressSpace && limits.memory_bytes > 0
                               ? static_cast<uint64_t>(limits.memory_bytes)
                               : RLIM_INFINITY),
                     Limit(static_cast<uint64_t>(limits.max_processes)),
                     Limit(static_cast<uint64_t>(limits.file_size_bytes)),
                     Limit(static_cast<uint64_t>(limits.open_files)),
                     Limit(0),
                     envp.data()};

    pid_t pid = -1;
    try {
      bp::child child(
          bp::exe = spec.argv[0],
          bp::args = std::vector<std::string>(spec.argv.begin() + 1, spec.argv.end()),
          bp::extend::on_exec_setup = [&setup](auto& exec) { SetUpChild(setup, exec); });
      pid = child.id();
      child.detach();  // waited for by ChildProcess, never by Boost
    } catch (const std::exception& error) {
      for (int fd : {in->read, in->write, out->read, out->write, err->read, err->write}) close(fd);
      return Status::Internal(std::string("cannot start ") + spec.argv[0] + ": " + error.what());
    }
    close(in->read);
    close(out->write);
    close(err->write);
    return std::unique_ptr<Process>(new GroupProcess(pid, in->write, out->read, err->read, spec));
  }

 private:
  // Runs in the child between fork and exec: only async-signal-safe calls.
  template <typename Executor>
  static void SetUpChild(const ChildSetup& setup, Executor& exec) {
    const char* step = nullptr;
    if (dup2(setup.stdin_fd, 0) < 0 || dup2(setup.stdout_fd, 1) < 0 ||
        dup2(setup.stderr_fd, 2) < 0) {
      step = "dup2";
    } else if (setpgid(0, 0) != 0) {
      step = "setpgid";
    } else if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
      step = "prctl(PR_SET_PDEATHSIG)";
    } else if (fchdir(setup.work_fd) != 0) {
      step = "fchdir(work folder)";
    } else if (setrlimit(RLIMIT_CPU, &setup.cpu) != 0 ||
               setrlimit(RLIMIT_AS, &setup.memory) != 0 ||
               setrlimit(RLIMIT_NPROC, &setup.processes) != 0 ||
               setrlimit(RLIMIT_FSIZE, &setup.file_size) != 0 ||
               setrlimit(RLIMIT_NOFILE, &setup.open_files) != 0 ||
               setrlimit(RLIMIT_CORE, &setup.core) != 0) {
      step = "setrlimit";
    }
    if (step) {
      exec.set_error(std::error_code(errno, std::system_category()), step);
      _exit(127);
    }
    // No inherited fd survives exec but 0, 1, 2 (Boost's error pipe is already cloexec).
    syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
    exec.env = setup.envp;
  }
};

}  // namespace

std::unique_ptr<Launcher> MakeProcessLauncher() { return std::make_unique<ProcessLauncher>(); }

}  // namespace kata

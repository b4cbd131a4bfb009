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

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

namespace kata {
namespace bp = boost::process;
using Clock = std::chrono::steady_clock;

RunOutcome Process::Wait() {
  while (true) {
    if (std::optional<RunOutcome> outcome = WaitFor(std::chrono::hours(1))) return *outcome;
  }
}

namespace {

struct Pipe {
  int read = -1;
  int write = -1;
};

Result<Pipe> MakePipe() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return Status::Internal(std::string("pipe2 failed: ") + std::strerror(errno));
  }
  return Pipe{fds[0], fds[1]};
}

void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

// Appends what is readable on fd to out up to cap; drops the rest. False at EOF.
bool Drain(int fd, std::string& out, size_t cap, bool& truncated) {
  char buffer[65536];
  while (true) {
    ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n > 0) {
      size_t keep = std::min(static_cast<size_t>(n), cap - std::min(cap, out.size()));
      out.append(buffer, keep);
      if (keep < static_cast<size_t>(n)) truncated = true;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    return n < 0;  // EAGAIN: open but empty; 0: EOF
  }
}

class ChildProcess : public Process {
 public:
  ChildProcess(pid_t pid, Pipe in, Pipe out, Pipe err, const LaunchSpec& spec)
      : pid_(pid), stdin_fd_(in.write), stdout_fd_(out.read), stderr_fd_(err.read),
        stdin_data_(spec.stdin_data), limits_(spec.limits), start_(Clock::now()) {
    pidfd_ = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
    for (int fd : {stdin_fd_, stdout_fd_, stderr_fd_}) {
      fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    if (stdin_data_.empty()) CloseFd(stdin_fd_);
  }

  ~ChildProcess() override {
    if (!outcome_) {
      Kill();
      waitpid(pid_, nullptr, 0);
    }
    CloseFd(pidfd_);
    CloseFd(stdin_fd_);
    CloseFd(stdout_fd_);
    CloseFd(stderr_fd_);
  }

  std::optional<RunOutcome> WaitFor(std::chrono::milliseconds timeout) override {
    if (outcome_) return outcome_;
    Clock::time_point wait_until = Clock::now() + timeout;
    Clock::time_point wall_deadline = start_ + std::chrono::milliseconds(limits_.wall_ms);
    while (true) {
      if (TryReap()) return outcome_;
      Clock::time_point now = Clock::now();
      if (now >= wall_deadline) {
        timed_out_ = true;
        Kill();
        continue;  // SIGKILL cannot be ignored: the next TryReap succeeds promptly
      }
      if (now >= wait_until) return std::nullopt;
      Clock::time_point until = std::min(wait_until, wall_deadline);
      PollOnce(std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count() + 1);
    }
  }

  void Kill() override {
    // The child leads its own process group: this reaches everything it forked that
    // stayed in the group. PID namespaces (the sandbox) also catch those that left.
    kill(-pid_, SIGKILL);
    kill(pid_, SIGKILL);
  }

  int pid() const override { return pid_; }

  Status RunInNetworkNamespace(const std::function<void()>& fn) override {
    fn();  // this launcher shares the host's network
    return Status::Ok();
  }

 private:
  void PollOnce(int64_t timeout_ms) {
    pollfd fds[4];
    int count = 0;
    if (pidfd_ >= 0) fds[count++] = {pidfd_, POLLIN, 0};
    if (stdout_fd_ >= 0) fds[count++] = {stdout_fd_, POLLIN, 0};
    if (stderr_fd_ >= 0) fds[count++] = {stderr_fd_, POLLIN, 0};
    if (stdin_fd_ >= 0) fds[count++] = {stdin_fd_, POLLOUT, 0};
    // Without a pidfd, poll in short slices and ask waitpid.
    int slice = pidfd_ >= 0 ? static_cast<int>(std::min<int64_t>(timeout_ms, 1000)) : 10;
    poll(fds, count, std::min(slice, static_cast<int>(timeout_ms)));
    DrainOutput();
    FeedStdin();
  }

  void DrainOutput() {
    if (stdout_fd_ >= 0 && !Drain(stdout_fd_, partial_.stdout_data, limits_.output_bytes,
                                  partial_.stdout_truncated)) {
      CloseFd(stdout_fd_);
    }
    if (stderr_fd_ >= 0 && !Drain(stderr_fd_, partial_.stderr_data, limits_.output_bytes,
                                  partial_.stderr_truncated)) {
      CloseFd(stderr_fd_);
    }
  }

  void FeedStdin() {
    while (stdin_fd_ >= 0 && stdin_written_ < stdin_data_.size()) {
      ssize_t n = write(stdin_fd_, stdin_data_.data() + stdin_written_,
                        stdin_data_.size() - stdin_written_);
      if (n > 0) {
        stdin_written_ += static_cast<size_t>(n);
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else if (n < 0 && errno == EAGAIN) {
        return;
      } else {
        CloseFd(stdin_fd_);  // EPIPE: the child stopped reading
      }
    }
    CloseFd(stdin_fd_);
  }

  // Reaps the child if it has ended and fills outcome_.
  bool TryReap() {
    int status = 0;
    rusage usage{};
    pid_t reaped = wait4(pid_, &status, WNOHANG, &usage);
    if (reaped != pid_) return false;
    kill(-pid_, SIGKILL);  // whatever it left behind in its group
    // The pipes may still be held by leftovers that are dying; read what is there.
    for (int round = 0; round < 50 && (stdout_fd_ >= 0 || stderr_fd_ >= 0); ++round) {
      DrainOutput();
      if (stdout_fd_ >= 0 || stderr_fd_ >= 0) usleep(1000);
    }
    RunOutcome outcome = std::move(partial_);
    if (timed_out_) {
      outcome.end = RunOutcome::End::kWallTimeout;
    } else if (WIFSIGNALED(status)) {
      outcome.end = RunOutcome::End::kSignaled;
      outcome.signal = WTERMSIG(status);
    } else {
      outcome.end = RunOutcome::End::kExited;
      outcome.exit_code = WEXITSTATUS(status);
    }
    outcome.usage.wall_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start_).count();
    outcome.usage.cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
                           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
    outcome.usage.peak_memory_bytes = static_cast<int64_t>(usage.ru_maxrss) * 1024;
    outcome_ = std::move(outcome);
    return true;
  }

  pid_t pid_;
  int pidfd_ = -1;
  int stdin_fd_;
  int stdout_fd_;
  int stderr_fd_;
  std::string stdin_data_;
  size_t stdin_written_ = 0;
  SandboxLimits limits_;
  Clock::time_point start_;
  bool timed_out_ = false;
  RunOutcome partial_;
  std::optional<RunOutcome> outcome_;
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
    return std::unique_ptr<Process>(
        new ChildProcess(pid, *in, *out, *err, spec));
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

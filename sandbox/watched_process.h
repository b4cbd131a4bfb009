// WatchedProcess: the parent's side of a started child, shared by every launcher. It
// feeds stdin, drains stdout/stderr up to their caps, waits on a pidfd (a short waitpid
// poll where pidfds are missing) and enforces the wall-clock limit.
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>

#include "sandbox/launcher.h"

namespace kata {

struct Pipe {
  int read = -1;
  int write = -1;
};
// A close-on-exec pipe; an error Status when the process is out of fds.
Result<Pipe> MakePipe();
void CloseFd(int& fd);
// Fills outcome.end, exit_code and signal from a waitpid status.
void SetEndFromWaitStatus(int status, RunOutcome& outcome);
// Fills outcome.usage's CPU time and peak memory from a wait4 rusage.
void SetUsageFromRusage(const rusage& usage, RunOutcome& outcome);

class WatchedProcess : public Process {
 public:
  // pid: the child to wait for; stdin_fd/stdout_fd/stderr_fd: the parent's pipe ends,
  // owned from now on.
  WatchedProcess(pid_t pid, int stdin_fd, int stdout_fd, int stderr_fd, const LaunchSpec& spec);
  ~WatchedProcess() override;

  std::optional<RunOutcome> WaitFor(std::chrono::milliseconds timeout) override;
  int pid() const override { return pid_; }

 protected:
  // Called once the child is reaped, before the outcome is final: kill what it left,
  // adjust the outcome (e.g. the real exit status from a sandbox init, cgroup usage).
  virtual void OnReaped(int wait_status, const rusage& usage, RunOutcome& outcome) = 0;
  // Must be called by a subclass destructor: kills and reaps a child still running.
  void KillAndReap();
  bool reaped() const { return outcome_.has_value(); }

 private:
  void PollOnce(int64_t timeout_ms);
  void DrainOutput();
  void FeedStdin();
  bool TryReap();

  pid_t pid_;
  int pidfd_ = -1;
  int stdin_fd_;
  int stdout_fd_;
  int stderr_fd_;
  std::string stdin_data_;
  size_t stdin_written_ = 0;
  SandboxLimits limits_;
  std::chrono::steady_clock::time_point start_;
  bool timed_out_ = false;
  RunOutcome partial_;
  std::optional<RunOutcome> outcome_;
};

}  // namespace kata

// The wait loop of a started child: stdin, output caps, pidfd, wall-clock limit.
#include "sandbox/watched_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kata {
using Clock = std::chrono::steady_clock;

RunOutcome Process::Wait() {
  while (true) {
    if (std::optional<RunOutcome> outcome = WaitFor(std::chrono::hours(1))) return *outcome;
  }
}

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

namespace {

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

}  // namespace

WatchedProcess::WatchedProcess(pid_t pid, int stdin_fd, int stdout_fd, int stderr_fd,
                               const LaunchSpec& spec)
    : pid_(pid), stdin_fd_(stdin_fd), stdout_fd_(stdout_fd), stderr_fd_(stderr_fd),
      stdin_data_(spec.stdin_data), limits_(spec.limits), start_(Clock::now()) {
  pidfd_ = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
  for (int fd : {stdin_fd_, stdout_fd_, stderr_fd_}) {
    if (fd >= 0) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  }
  if (stdin_data_.empty()) CloseFd(stdin_fd_);
}

WatchedProcess::~WatchedProcess() {
  CloseFd(pidfd_);
  CloseFd(stdin_fd_);
  CloseFd(stdout_fd_);
  CloseFd(stderr_fd_);
}

void WatchedProcess::KillAndReap() {
  if (outcome_) return;
  Kill();
  waitpid(pid_, nullptr, 0);
}

std::optional<RunOutcome> WatchedProcess::WaitFor(std::chrono::milliseconds timeout) {
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
    if (now >= wait_until) {
      PollOnce(0);  // even a zero wait drains output, so a chatty child never blocks
      return std::nullopt;
    }
    Clock::time_point until = std::min(wait_until, wall_deadline);
    PollOnce(std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count() + 1);
  }
}

void WatchedProcess::PollOnce(int64_t timeout_ms) {
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

void WatchedProcess::DrainOutput() {
  if (stdout_fd_ >= 0 &&
      !Drain(stdout_fd_, partial_.stdout_data, limits_.output_bytes, partial_.stdout_truncated)) {
    CloseFd(stdout_fd_);
  }
  if (stderr_fd_ >= 0 &&
      !Drain(stderr_fd_, partial_.stderr_data, limits_.output_bytes, partial_.stderr_truncated)) {
    CloseFd(stderr_fd_);
  }
}

void WatchedProcess::FeedStdin() {
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

bool WatchedProcess::TryReap() {
  int status = 0;
  rusage usage{};
  pid_t reaped = wait4(pid_, &status, WNOHANG, &usage);
  if (reaped != pid_) return false;
  RunOutcome outcome;
  OnReaped(status, usage, outcome);  // kills leftovers, so the pipes reach EOF
  // The pipes may still be held by leftovers that are dying; read what is there.
  for (int round = 0; round < 50 && (stdout_fd_ >= 0 || stderr_fd_ >= 0); ++round) {
    DrainOutput();
    if (stdout_fd_ >= 0 || stderr_fd_ >= 0) usleep(1000);
  }
  outcome.stdout_data = std::move(partial_.stdout_data);
  outcome.stderr_data = std::move(partial_.stderr_data);
  outcome.stdout_truncated = partial_.stdout_truncated;
  outcome.stderr_truncated = partial_.stderr_truncated;
  if (timed_out_) outcome.end = RunOutcome::End::kWallTimeout;
  outcome.usage.wall_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start_).count();
  outcome_ = std::move(outcome);
  return true;
}

// Fills end, exit_code and signal from a wait status.
void SetEndFromWaitStatus(int status, RunOutcome& outcome) {
  if (WIFSIGNALED(status)) {
    outcome.end = RunOutcome::End::kSignaled;
    outcome.signal = WTERMSIG(status);
  } else {
    outcome.end = RunOutcome::End::kExited;
    outcome.exit_code = WEXITSTATUS(status);
  }
}

void SetUsageFromRusage(const rusage& usage, RunOutcome& outcome) {
  outcome.usage.cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
                         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
  outcome.usage.peak_memory_bytes = static_cast<int64_t>(usage.ru_maxrss) * 1024;
}

}  // namespace kata

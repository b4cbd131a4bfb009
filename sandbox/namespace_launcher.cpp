// The namespace sandbox, parent side: plan the child's steps, clone into new namespaces,
// put the child in its cgroup (and map its user namespace), let it go, and learn from a
// close-on-exec pipe whether the learner's program was exec'd or which step failed.
#include <errno.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "sandbox/cgroup.h"
#include "sandbox/child_plan.h"
#include "sandbox/launcher.h"
#include "sandbox/mount_plan.h"
#include "sandbox/seccomp_policy.h"
#include "sandbox/watched_process.h"

namespace kata {
namespace {

constexpr int kNamespaceFlags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC |
                                CLONE_NEWUTS;

// How many processes the uid runs now, from /proc.
uint64_t ProcessesOf(uid_t uid) {
  uint64_t count = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
    struct stat info {};
    std::string name = entry.path().filename().string();
    if (name.empty() || name[0] < '1' || name[0] > '9') continue;
    if (stat(entry.path().c_str(), &info) == 0 && info.st_uid == uid) ++count;
  }
  return count;
}

bool WriteText(const std::string& path, const std::string& text) {
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  return ok;
}

// The sandbox's init, seen from the parent. Killing init kills its whole PID namespace.
class SandboxProcess : public WatchedProcess {
 public:
  // netns_fd, userns_fd: the child's namespaces (userns_fd -1 when kata is root).
  SandboxProcess(pid_t init, int stdin_fd, int stdout_fd, int stderr_fd, const LaunchSpec& spec,
                 int status_fd, int netns_fd, int userns_fd, std::unique_ptr<Cgroup> cgroup,
                 std::string root)
      : WatchedProcess(init, stdin_fd, stdout_fd, stderr_fd, spec), status_fd_(status_fd),
        netns_fd_(netns_fd), userns_fd_(userns_fd), cgroup_(std::move(cgroup)),
        root_(std::move(root)) {}

  ~SandboxProcess() override {
    KillAndReap();
    CloseFd(status_fd_);
    CloseFd(netns_fd_);
    CloseFd(userns_fd_);
    cgroup_.reset();  // after the reap: an empty cgroup can be removed
    rmdir(root_.c_str());
  }

  void Kill() override { kill(pid(), SIGKILL); }
  // Init relays SIGTERM to the program.
  void Terminate() override { kill(pid(), SIGTERM); }

  Result<std::string> RunInNetworkNamespace(const std::function<std::string()>& fn) override {
    return userns_fd_ < 0 ? RunInThread(fn) : RunInHelper(fn);
  }

 protected:
  void OnReaped(int wait_status, const rusage& usage, RunOutcome& outcome) override {
    int learner_status = 0;
    if (read(status_fd_, &learner_status, sizeof(learner_status)) ==
        static_cast<ssize_t>(sizeof(learner_status))) {
      SetEndFromWaitStatus(learner_status, outcome);
    } else {
      SetEndFromWaitStatus(wait_status, outcome);  // init itself was killed
    }
    SetUsageFromRusage(usage, outcome);
    if (cgroup_) {
      CgroupUsage measured = cgroup_->Usage();
      if (measured.cpu_ms >= 0) outcome.usage.cpu_ms = measured.cpu_ms;
      if (measured.peak_memory_bytes >= 0) {
        outcome.usage.peak_memory_bytes = measured.peak_memory_bytes;
      }
      outcome.oom_killed = measured.oom_killed;
    }
  }

 private:
  // As root: network namespaces are per thread, so a fresh thread joins the child's, runs
  // fn and ends, leaving every other thread where it was.
  Result<std::string> RunInThread(const std::function<std::string()>& fn) {
    Result<std::string> result = Status::Internal("not run");
    std::thread runner([&] {
      if (setns(netns_fd_, CLONE_NEWNET) != 0) {
        result = Status::Internal(fmt::format("cannot enter the sandbox's network: {}",
                                              std::strerror(errno)));
        return;
      }
      result = fn();
    });
    runner.join();
    return result;
  }

  // Without root: entering the child's network needs its user namespace first, which
  // only a single-threaded process may join, so a forked helper does it and sends fn's
  // result back through a pipe.
  Result<std::string> RunInHelper(const std::function<std::string()>& fn) {
    Result<Pipe> pipe = MakePipe();
    if (!pipe.ok()) return pipe.status();
    pid_t helper = fork();
    if (helper < 0) {
      close(pipe->read);
      close(pipe->write);
      return Status::Internal("cannot fork the network helper");
    }
    if (helper == 0) {
      close(pipe->read);
      if (setns(userns_fd_, CLONE_NEWUSER) != 0 || setns(netns_fd_, CLONE_NEWNET) != 0) _exit(3);
      std::string result = fn();
      bool ok = write(pipe->write, result.data(), result.size()) ==
                static_cast<ssize_t>(result.size());
      _exit(ok ? 0 : 4);
    }
    close(pipe->write);
    std::string result;
    char buffer[65536];
    ssize_t n;
    while ((n = read(pipe->read, buffer, sizeof(buffer))) > 0 || (n < 0 && errno == EINTR)) {
      if (n > 0) result.append(buffer, static_cast<size_t>(n));
    }
    close(pipe->read);
    int status = 0;
    waitpid(helper, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      return Status::Internal("the network helper could not enter the sandbox's network");
    }
    return result;
  }

  int status_fd_;
  int netns_fd_;
  int userns_fd_;
  std::unique_ptr<Cgroup> cgroup_;
  std::string root_;
};

// The fds of one start; whatever is still open at the end is closed.
struct StartFds {
  Pipe in, out, err, go, error, status;
  int exec = -1;
  ~StartFds() {
    for (int* fd : {&in.read, &in.write, &out.read, &out.write, &err.read, &err.write, &go.read,
                    &go.write, &error.read, &error.write, &status.read, &status.write, &exec}) {
      CloseFd(*fd);
    }
  }
};

class NamespaceLauncher : public Launcher {
 public:
  Result<std::unique_ptr<Process>> Start(const LaunchSpec& spec) override {
    if (spec.argv.empty() || !spec.work_folder) {
      return Status::Internal("sandbox: argv and a work folder are required");
    }
    StartFds fds;
    fds.exec = open(spec.argv[0].c_str(), O_RDONLY | O_CLOEXEC);
    if (fds.exec < 0) {
      return Status::Internal(fmt::format("cannot start {}: {}", spec.argv[0],
                                          std::strerror(errno)));
    }
    for (Pipe* pipe : {&fds.in, &fds.out, &fds.err, &fds.go, &fds.error, &fds.status}) {
      Result<Pipe> made = MakePipe();
      if (!made.ok()) return made.status();
      *pipe = *made;
    }
    std::string root = MakeRootFolder();
    if (root.empty()) return Status::Internal("sandbox: cannot create a root folder");

    bool as_root = geteuid() == 0;
    std::unique_ptr<Cgroup> cgroup;
    if (DetectCgroups().version != CgroupSupport::Version::kNone) {
      Result<std::unique_ptr<Cgroup>> made = Cgroup::Create(
          DetectCgroups(), spec.limits.memory_bytes, spec.limits.max_processes);
      if (made.ok()) cgroup = std::move(*made);
    }

    // The plan the child follows; the strings it points into live until exec.
    std::vector<std::string> argv = spec.argv, env = spec.env;
#if defined(__SANITIZE_ADDRESS__)
    // LeakSanitizer needs ptrace, which the sandbox denies: kata's own helpers built with
    // sanitizers run without it inside.
    env.push_back("ASAN_OPTIONS=detect_leaks=0");
#endif
    ChildPlan plan;
    plan.stdin_fd = fds.in.read;
    plan.stdout_fd = fds.out.write;
    plan.stderr_fd = fds.err.write;
    plan.go_fd = fds.go.read;
    plan.error_fd = fds.error.write;
    plan.status_fd = fds.status.write;
    plan.exec_fd = fds.exec;
    plan.parent_fds = {fds.in.write, fds.out.read, fds.err.read, fds.go.write, fds.error.read,
                       fds.status.read};
    plan.keep_fds = {fds.in.read,     fds.out.write,  fds.err.write, fds.go.read,
                     fds.error.write, fds.status.write, fds.exec};
    std::sort(plan.keep_fds.begin(), plan.keep_fds.end());
    plan.wait_for_map = !as_root;
    plan.root = root;
    plan.mounts = BuildMountPlan(root, spec.work_folder->path().string(), spec.hidden_paths);
    if (as_root) {
      plan.uid = kSandboxUid;
      plan.gid = kSandboxGid;
    }
    plan.rlimits = Rlimits(spec.limits, cgroup != nullptr, as_root);
    if (const SeccompPolicy* policy = LearnerSeccompPolicy()) {
      plan.seccomp = policy->program();
      plan.seccomp_enabled = true;
    }
    for (std::string& arg : argv) plan.argv.push_back(arg.data());
    plan.argv.push_back(nullptr);
    for (std::string& entry : env) plan.envp.push_back(entry.data());
    plan.envp.push_back(nullptr);

    int flags = kNamespaceFlags | (as_root ? 0 : CLONE_NEWUSER) | SIGCHLD;
    pid_t init = static_cast<pid_t>(syscall(SYS_clone, flags, 0, 0, 0, 0));
    if (init < 0) {
      rmdir(root.c_str());
      return Status::Internal(fmt::format("sandbox: clone into new namespaces failed: {}",
                                          std::strerror(errno)));
    }
    if (init == 0) RunSandboxInit(plan);

    for (int* child_end : {&fds.in.read, &fds.out.write, &fds.err.write, &fds.go.read,
                           &fds.error.write, &fds.status.write, &fds.exec}) {
      CloseFd(*child_end);
    }
    Status ready = Prepare(init, as_root, cgroup.get(), fds.go.write);
    int netns = ready.ok() ? OpenNamespace(init, "net") : -1;
    int userns = ready.ok() && !as_root ? OpenNamespace(init, "user") : -1;
    if (ready.ok() && (netns < 0 || (!as_root && userns < 0))) {
      ready = Status::Internal("sandbox: cannot open its namespaces");
    }
    if (ready.ok()) ready = Release(fds.go.write, fds.error.read);
    if (!ready.ok()) {
      kill(init, SIGKILL);
      waitpid(init, nullptr, 0);
      CloseFd(netns);
      CloseFd(userns);
      rmdir(root.c_str());
      return ready;
    }
    auto process = std::make_unique<SandboxProcess>(init, fds.in.write, fds.out.read, fds.err.read,
                                                    spec, fds.status.read, netns, userns,
                                                    std::move(cgroup), root);
    fds.in.write = fds.out.read = fds.err.read = fds.status.read = -1;  // owned by process
    return std::unique_ptr<Process>(std::move(process));
  }

 private:
  static int OpenNamespace(pid_t pid, const char* kind) {
    return open(fmt::format("/proc/{}/ns/{}", pid, kind).c_str(), O_RDONLY | O_CLOEXEC);
  }

  static std::string MakeRootFolder() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/kata-root-XXXXXX";
    return mkdtemp(pattern.data()) ? pattern : "";
  }

  static std::vector<ChildPlan::Limit> Rlimits(const SandboxLimits& limits, bool cgroup,
                                               bool as_root) {
    auto limit = [](int resource, uint64_t soft, uint64_t hard) {
      return ChildPlan::Limit{resource, rlimit{soft, hard}};
    };
    uint64_t cpu_seconds = static_cast<uint64_t>((limits.cpu_ms + 999) / 1000);
    std::vector<ChildPlan::Limit> rlimits = {
        limit(RLIMIT_CPU, cpu_seconds, cpu_seconds + 1),
        limit(RLIMIT_FSIZE, limits.file_size_bytes, limits.file_size_bytes),
        limit(RLIMIT_NOFILE, limits.open_files, limits.open_files),
        limit(RLIMIT_CORE, 0, 0),
    };
#if !defined(__SANITIZE_ADDRESS__)
    // Address space only as a fallback: a memory cgroup limits what is really used, while
    // runtimes such as Node reserve far more address space than they touch.
    if (!cgroup && limits.memory_bytes > 0) {
      rlimits.push_back(limit(RLIMIT_AS, limits.memory_bytes, limits.memory_bytes));
    }
#endif
    // Where no pids cgroup does the job: RLIMIT_NPROC counts every process of the uid on
    // the host, so allow what that uid runs already plus the run's own budget.
    if (!cgroup) {
      uint64_t budget = ProcessesOf(as_root ? kSandboxUid : geteuid()) + limits.max_processes;
      rlimits.push_back(limit(RLIMIT_NPROC, budget, budget));
    }
    return rlimits;
  }

  // What the child waits for: the maps of its user namespace (then a byte), and its
  // cgroup (then a byte), which it needs only before it starts the program.
  static Status Prepare(pid_t init, bool as_root, const Cgroup* cgroup, int go_fd) {
    if (!as_root) {
      std::string proc = fmt::format("/proc/{}/", init);
      if (!WriteText(proc + "uid_map", fmt::format("0 {} 1\n", geteuid())) ||
          !WriteText(proc + "setgroups", "deny") ||
          !WriteText(proc + "gid_map", fmt::format("0 {} 1\n", getegid()))) {
        return Status::Internal("sandbox: cannot map the user namespace");
      }
      if (write(go_fd, "m", 1) != 1) return Status::Internal("sandbox: the child is gone");
    }
    if (cgroup) KATA_RETURN_IF_ERROR(cgroup->Attach(init));
    return Status::Ok();
  }

  // Lets the child go and waits until it exec'd the program (EOF) or reported a failed
  // step. A child that hangs before either is a failure too, never a hang here.
  static Status Release(int go_fd, int error_fd) {
    if (write(go_fd, "g", 1) != 1) return Status::Internal("sandbox: the child is gone");
    pollfd wait_for{error_fd, POLLIN, 0};
    if (poll(&wait_for, 1, 10000) != 1) {
      return Status::Internal("sandbox: the child did not start within 10 s");
    }
    ChildReport report{};
    ssize_t n = read(error_fd, &report, sizeof(report));
    if (n == 0) return Status::Ok();
    if (n != static_cast<ssize_t>(sizeof(report))) {
      return Status::Internal("sandbox: the child died while starting");
    }
    return Status::Internal(fmt::format("sandbox: {} failed: {}",
                                        ChildStepName(static_cast<ChildStep>(report.step)),
                                        std::strerror(report.error)));
  }
};

// Tries the sandbox; on the first start the machine refuses (no namespaces for us), says
// so once and runs every later start with the plain launcher.
class FallbackLauncher : public Launcher {
 public:
  Result<std::unique_ptr<Process>> Start(const LaunchSpec& spec) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!degraded_) {
      Result<std::unique_ptr<Process>> started = sandbox_.Start(spec);
      if (started.ok() || started.status().message().find("clone into new namespaces") ==
                              std::string::npos) {
        return started;
      }
      std::cerr << "kata: warning: " << started.status().message()
                << "; learner code runs with rlimits only (see `kata doctor`)\n";
      degraded_ = true;
    }
    return plain_->Start(spec);
  }

 private:
  std::mutex mutex_;
  bool degraded_ = false;
  NamespaceLauncher sandbox_;
  std::unique_ptr<Launcher> plain_ = MakeProcessLauncher();
};

}  // namespace

std::unique_ptr<Launcher> MakeSandboxLauncher() { return std::make_unique<FallbackLauncher>(); }
std::unique_ptr<Launcher> MakeNamespaceLauncher() { return std::make_unique<NamespaceLauncher>(); }

}  // namespace kata

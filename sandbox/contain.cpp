// The sandbox child, in nsjail's order: wait for the parent, make mounts private, build
// and enter the new root, name the host, bring up loopback, then fork the learner's
// program (identity, no_new_privs and capabilities, rlimits, fds, seccomp last, exec)
// and stay behind as its init. Only async-signal-safe calls: see child_plan.h.
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <grp.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <net/if.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "sandbox/child_plan.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

namespace kata {

const char* ChildStepName(ChildStep step) {
  switch (step) {
    case ChildStep::kWaitForParent: return "waiting for the parent";
    case ChildStep::kWaitForCgroup: return "waiting for the cgroup";
    case ChildStep::kMountPrivate: return "making mounts private";
    case ChildStep::kMountRoot: return "mounting the new root";
    case ChildStep::kBuildRoot: return "building the root file system";
    case ChildStep::kPivotRoot: return "pivot_root";
    case ChildStep::kReadOnlyRoot: return "making the root read-only";
    case ChildStep::kHostname: return "sethostname";
    case ChildStep::kLoopback: return "bringing up loopback";
    case ChildStep::kForkLearner: return "forking the program";
    case ChildStep::kSetsid: return "setsid";
    case ChildStep::kStdio: return "redirecting stdio";
    case ChildStep::kWorkDir: return "entering the work folder";
    case ChildStep::kCapabilities: return "dropping capabilities";
    case ChildStep::kGroups: return "setgroups";
    case ChildStep::kGid: return "setresgid";
    case ChildStep::kUid: return "setresuid";
    case ChildStep::kNoNewPrivs: return "no_new_privs";
    case ChildStep::kRlimits: return "setrlimit";
    case ChildStep::kSeccomp: return "installing seccomp";
    case ChildStep::kExec: return "exec";
  }
  return "?";
}

namespace {

[[noreturn]] void Fail(const ChildPlan& plan, ChildStep step) {
  ChildReport report{static_cast<int>(step), errno};
  (void)!write(plan.error_fd, &report, sizeof(report));
  _exit(126);
}

// fork without glibc's atfork handlers: another thread of the parent may have held a
// malloc lock at clone time, and nothing here may wait for it.
pid_t RawFork() { return static_cast<pid_t>(syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0)); }

bool WriteAll(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool ApplyStep(const MountStep& step) {
  const char* target = step.target.c_str();
  switch (step.kind) {
    case MountStep::Kind::kDir:
      return mkdir(target, 0755) == 0 || errno == EEXIST;
    case MountStep::Kind::kTmpfs:
      return mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, step.data.c_str()) == 0 &&
             (!step.read_only ||
              mount(nullptr, target, nullptr, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV,
                    step.data.c_str()) == 0);
    case MountStep::Kind::kProc:
      return mount("proc", target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) == 0;
    case MountStep::Kind::kSymlink:
      return symlink(step.data.c_str(), target) == 0;
    case MountStep::Kind::kWriteFile: {
      int fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
      if (fd < 0) return false;
      bool ok = WriteAll(fd, step.data);
      close(fd);
      return ok;
    }
    case MountStep::Kind::kBind: {
      if (step.is_file) {
        int fd = open(target, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) return false;
        close(fd);
      } else if (mkdir(target, 0755) != 0 && errno != EEXIST) {
        return false;
      }
      if (mount(step.source.c_str(), target, nullptr, MS_BIND | MS_REC, nullptr) != 0) {
        return false;
      }
      unsigned long flags = MS_REMOUNT | MS_BIND | MS_NOSUID;
      if (step.read_only) flags |= MS_RDONLY | MS_NODEV;
      return mount(nullptr, target, nullptr, flags, nullptr) == 0;
    }
  }
  return false;
}

void BuildRoot(const ChildPlan& plan) {
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    Fail(plan, ChildStep::kMountPrivate);
  }
  for (const MountStep& step : plan.mounts) {
    if (!ApplyStep(step)) Fail(plan, ChildStep::kBuildRoot);
  }
  // pivot_root(".", ".") stacks the old root under the new one; detaching it leaves
  // nothing of the host but what was bound in.
  if (chdir(plan.root.c_str()) != 0 || syscall(SYS_pivot_root, ".", ".") != 0 ||
      umount2(".", MNT_DETACH) != 0 || chdir("/") != 0) {
    Fail(plan, ChildStep::kPivotRoot);
  }
  if (mount(nullptr, "/", nullptr, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, nullptr) != 0) {
    Fail(plan, ChildStep::kReadOnlyRoot);
  }
}

// A new network namespace has only lo, and it is down.
bool BringLoopbackUp() {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  ifreq request{};
  std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
  bool ok = ioctl(fd, SIOCGIFFLAGS, &request) == 0;
  request.ifr_flags |= IFF_UP | IFF_RUNNING;
  ok = ok && ioctl(fd, SIOCSIFFLAGS, &request) == 0;
  close(fd);
  return ok;
}

void DropCapabilities(const ChildPlan& plan) {
  for (int cap = 0; cap <= CAP_LAST_CAP; ++cap) {
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) {
      Fail(plan, ChildStep::kCapabilities);
    }
  }
  prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
}

void ResetSignals() {
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) sigaction(sig, &action, nullptr);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
}

[[noreturn]] void ContainAndExec(const ChildPlan& plan) {
  if (setsid() < 0) Fail(plan, ChildStep::kSetsid);
  if (dup2(plan.stdin_fd, 0) < 0 || dup2(plan.stdout_fd, 1) < 0 || dup2(plan.stderr_fd, 2) < 0) {
    Fail(plan, ChildStep::kStdio);
  }
  if (chdir(plan.workdir) != 0) Fail(plan, ChildStep::kWorkDir);
  DropCapabilities(plan);
  // Raw system calls, not glibc's wrappers: after a raw clone of a multi-threaded parent,
  // glibc still believes the parent's threads exist and would wait for each of them to
  // change its ids too (setxid broadcast), which can hang forever.
  if (plan.gid != static_cast<gid_t>(-1)) {
    if (syscall(SYS_setgroups, 0, nullptr) != 0) Fail(plan, ChildStep::kGroups);
    if (syscall(SYS_setresgid, plan.gid, plan.gid, plan.gid) != 0) Fail(plan, ChildStep::kGid);
  }
  if (plan.uid != static_cast<uid_t>(-1)) {
    if (syscall(SYS_setresuid, plan.uid, plan.uid, plan.uid) != 0) Fail(plan, ChildStep::kUid);
  } else {
    // Still uid 0 of our own user namespace: give up its capabilities too.
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2] = {};
    if (syscall(SYS_capset, &header, data) != 0) Fail(plan, ChildStep::kCapabilities);
  }
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) Fail(plan, ChildStep::kNoNewPrivs);
  for (const ChildPlan::Limit& limit : plan.rlimits) {
    if (setrlimit(static_cast<__rlimit_resource>(limit.resource), &limit.value) != 0) {
      Fail(plan, ChildStep::kRlimits);
    }
  }
  ResetSignals();
  syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
  if (plan.seccomp_enabled && prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &plan.seccomp) != 0) {
    Fail(plan, ChildStep::kSeccomp);
  }
  syscall(SYS_execveat, plan.exec_fd, "", plan.argv.data(), plan.envp.data(), AT_EMPTY_PATH);
  Fail(plan, ChildStep::kExec);
}

volatile pid_t g_learner = 0;

void RelaySignal(int sig) {
  if (g_learner > 0) kill(g_learner, sig);
}

// Closes every fd but 0-2 and keep (sorted): the parent's other files and sockets — an
// HTTP server's client connections, say — must not live on in the sandbox.
void CloseAllBut(const std::vector<int>& keep) {
  unsigned int from = 3;
  for (int fd : keep) {
    if (fd < static_cast<int>(from)) continue;
    if (static_cast<unsigned int>(fd) > from) {
      syscall(SYS_close_range, from, static_cast<unsigned int>(fd) - 1, 0U);
    }
    from = static_cast<unsigned int>(fd) + 1;
  }
  syscall(SYS_close_range, from, ~0U, 0U);
}

}  // namespace

void RunSandboxInit(const ChildPlan& plan) {
  // If kata dies (even by SIGKILL), init dies, and with it the whole namespace.
  prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  CloseAllBut(plan.keep_fds);
  char go = 0;
  // Without a uid map nothing can be created in a new user namespace: wait for it.
  if (plan.wait_for_map && read(plan.go_fd, &go, 1) != 1) Fail(plan, ChildStep::kWaitForParent);
  // The parent moves us into the cgroup meanwhile (slow on cgroup v1).
  BuildRoot(plan);
  if (sethostname("kata", 4) != 0) Fail(plan, ChildStep::kHostname);
  if (!BringLoopbackUp()) Fail(plan, ChildStep::kLoopback);
  // The program must start inside the cgroup: it inherits init's.
  if (read(plan.go_fd, &go, 1) != 1) Fail(plan, ChildStep::kWaitForCgroup);

  pid_t learner = RawFork();
  if (learner < 0) Fail(plan, ChildStep::kForkLearner);
  if (learner == 0) ContainAndExec(plan);

  // Init keeps nothing open that the parent waits on.
  for (int fd : plan.parent_fds) close(fd);
  for (int fd : {plan.stdin_fd, plan.stdout_fd, plan.stderr_fd, plan.error_fd, plan.go_fd,
                 plan.exec_fd, 0, 1, 2}) {
    close(fd);
  }
  g_learner = learner;
  struct sigaction relay {};
  relay.sa_handler = RelaySignal;
  sigaction(SIGTERM, &relay, nullptr);
  sigaction(SIGINT, &relay, nullptr);

  int learner_status = 0;
  while (true) {
    int status = 0;
    pid_t reaped = waitpid(-1, &status, __WALL);
    if (reaped < 0) {
      if (errno == EINTR) continue;
      break;  // ECHILD: everything in the namespace is gone
    }
    if (reaped == learner) {
      learner_status = status;
      g_learner = 0;
      kill(-1, SIGKILL);  // daemons and double-forks: nothing outlives the program
    }
  }
  (void)!write(plan.status_fd, &learner_status, sizeof(learner_status));
  _exit(0);
}

}  // namespace kata

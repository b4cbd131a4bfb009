// Probes namespaces, user namespaces, cgroups, seccomp and the full sandbox.
#include "sandbox/doctor.h"

#include <errno.h>
#include <fmt/format.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <functional>

#include "sandbox/cgroup.h"
#include "sandbox/launcher.h"
#include "sandbox/seccomp_policy.h"

namespace kata {
namespace {

// Runs probe in a forked child; returns 0 on success or the errno it reported.
int InChild(const std::function<int()>& probe) {
  pid_t pid = fork();
  if (pid < 0) return errno;
  if (pid == 0) _exit(probe());
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : EFAULT;
}

Mechanism Namespaces() {
  Mechanism m{"namespaces (pid, mount, network, ipc, uts)", false, "", ""};
  int error = InChild([] {
    int flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS;
    if (geteuid() != 0) flags |= CLONE_NEWUSER;
    return unshare(flags) == 0 ? 0 : errno;
  });
  m.available = error == 0;
  m.detail = m.available ? (geteuid() == 0 ? "available (kata runs as root)"
                                           : "available inside a user namespace")
                         : fmt::format("unshare failed: {}", std::strerror(error));
  m.without = "learner code sees the host's processes, files and network: kata falls back to "
              "rlimits and a process group only";
  return m;
}

Mechanism UserNamespaces() {
  Mechanism m{"user namespaces", false, "", ""};
  int error = InChild([] { return unshare(CLONE_NEWUSER) == 0 ? 0 : errno; });
  m.available = error == 0;
  m.detail = m.available ? "available" : fmt::format("unshare failed: {}", std::strerror(error));
  m.without = geteuid() == 0 ? "nothing while kata runs as root (it drops to uid nobody)"
                             : "without root, no namespaces at all";
  return m;
}

Mechanism Cgroups() {
  const CgroupSupport& support = DetectCgroups();
  Mechanism m{"cgroup memory and pids limits", support.version != CgroupSupport::Version::kNone,
              support.detail, ""};
  m.without = "memory is limited by an address-space rlimit (coarse: runtimes like Node "
              "reserve much more than they use), processes by RLIMIT_NPROC, and peak memory "
              "is the largest single process's";
  return m;
}

Mechanism Seccomp() {
  Mechanism m{"seccomp filter", false, "", ""};
  const SeccompPolicy* policy = LearnerSeccompPolicy();
  if (!policy) {
    m.detail = "libseccomp could not compile the policy";
  } else {
    int error = InChild([policy] {
      sock_fprog program = policy->program();
      if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return errno;
      if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0) return errno;
      // The filter must really deny: unshare now fails with EPERM.
      return unshare(CLONE_NEWUTS) == -1 && errno == EPERM ? 0 : ENOTSUP;
    });
    m.available = error == 0;
    m.detail = m.available ? fmt::format("available ({} BPF instructions)", policy->program().len)
                           : fmt::format("cannot install: {}", std::strerror(error));
  }
  m.without = "learner code may call ptrace, bpf, keyctl, io_uring and other kernel attack "
              "surface";
  return m;
}

Mechanism FullSandbox() {
  Mechanism m{"the whole sandbox", false, "", ""};
  Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create({}, 1 << 20);
  if (!work.ok()) {
    m.detail = work.status().message();
  } else {
    LaunchSpec spec;
    spec.argv = {"/bin/sh", "-c", "exit 0"};
    spec.work_folder = work->get();
    Result<std::unique_ptr<Process>> started = MakeNamespaceLauncher()->Start(spec);
    if (started.ok()) {
      RunOutcome outcome = (*started)->Wait();
      m.available = outcome.end == RunOutcome::End::kExited && outcome.exit_code == 0;
      m.detail = m.available ? fmt::format("a run of /bin/sh took {} ms", outcome.usage.wall_ms)
                             : "/bin/sh did not run to the end inside it";
    } else {
      m.detail = started.status().message();
    }
  }
  m.without = "kata runs learner code with rlimits only and says so on every run";
  return m;
}

}  // namespace

std::vector<Mechanism> InspectSandbox() {
  return {Namespaces(), UserNamespaces(), Cgroups(), Seccomp(), FullSandbox()};
}

}  // namespace kata

// Everything the sandboxed child does between clone and exec, decided and formatted by
// the parent beforehand: the child only reads this (it is its copy after clone) and makes
// system calls, so it never allocates or takes a lock another thread might hold.
#pragma once

#include <linux/filter.h>
#include <sys/resource.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace kata {

// One step in building the sandbox's root file system, in order.
struct MountStep {
  enum class Kind {
    kDir,        // mkdir target
    kBind,       // bind source (a folder or a file) at target; read_only remounts it
    kTmpfs,      // mount a tmpfs at target, options in data
    kProc,       // mount a new procfs at target (the sandbox's PID namespace)
    kSymlink,    // symlink target -> data
    kWriteFile,  // create target with content data
  };
  Kind kind;
  std::string source;
  std::string target;  // absolute, under the new root (or the root itself)
  std::string data;
  bool read_only = true;
  bool is_file = false;  // kBind: the source is a file (create a file to bind over)
};

// Where a failing step is reported: the child writes {step, errno} to the error pipe.
enum class ChildStep : int {
  kWaitForParent = 1, kWaitForCgroup, kMountPrivate, kMountRoot, kBuildRoot, kPivotRoot, kReadOnlyRoot,
  kHostname, kLoopback, kForkLearner, kSetsid, kStdio, kWorkDir, kCapabilities, kGroups,
  kGid, kUid, kNoNewPrivs, kRlimits, kSeccomp, kExec,
};
const char* ChildStepName(ChildStep step);

struct ChildReport {
  int step;
  int error;  // errno
};

struct ChildPlan {
  // Pipes (the child's ends) and fds.
  int stdin_fd = -1, stdout_fd = -1, stderr_fd = -1;
  int go_fd = -1;      // the parent writes a byte once the user namespace is mapped (if
                       // new) and one once the child is in its cgroup
  bool wait_for_map = false;  // a new user namespace: wait for its map before anything
  int error_fd = -1;   // close-on-exec: EOF means the learner's program was exec'd
  int status_fd = -1;  // init writes the learner's wait status here at the end
  int exec_fd = -1;    // the program to run, opened by the parent
  std::vector<int> parent_fds;  // the parent's pipe ends: init closes them
  std::vector<int> keep_fds;    // sorted: every fd the child needs; it closes all others

  // File system.
  std::string root;  // an empty folder the new root is mounted on
  std::vector<MountStep> mounts;
  const char* workdir = "/work";

  // Identity: -1 keeps the current one.
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);

  // Limits.
  struct Limit {
    int resource;
    rlimit value;
  };
  std::vector<Limit> rlimits;
  sock_fprog seccomp{};  // len 0: no filter
  bool seccomp_enabled = false;

  // The program.
  std::vector<char*> argv;  // null-terminated, pointing into strings the parent owns
  std::vector<char*> envp;
};

// The child's side, after clone into new namespaces: builds the root, then becomes the
// sandbox's init (PID 1): forks the learner's program, reaps every process, relays
// SIGTERM, and reports the program's wait status. Never returns.
[[noreturn]] void RunSandboxInit(const ChildPlan& plan);

}  // namespace kata

// Compiles the learner seccomp policy with libseccomp and exports it as raw BPF.
#include "sandbox/seccomp_policy.h"

#include <errno.h>
#include <fmt/format.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <unistd.h>

#include <memory>

namespace kata {
namespace {

constexpr const char* kDenied[] = {
    "ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount", "umount2",
    "pivot_root", "chroot", "unshare", "setns", "keyctl", "add_key", "request_key", "bpf",
    "perf_event_open", "io_uring_setup", "io_uring_enter", "io_uring_register", "userfaultfd",
    "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "reboot",
    "swapon", "swapoff", "acct", "quotactl", "settimeofday", "clock_settime", "clock_adjtime",
    "adjtimex", "sethostname", "setdomainname", "open_by_handle_at", "name_to_handle_at",
    "fsopen", "fsmount", "fsconfig", "fspick", "move_mount", "open_tree", "mount_setattr",
    "lookup_dcookie", "syslog", "vhangup", "nfsservctl", "personality"};

constexpr uint64_t kNamespaceFlags[] = {CLONE_NEWNS,  CLONE_NEWUTS, CLONE_NEWIPC,
                                        CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET,
                                        CLONE_NEWCGROUP};

}  // namespace

Result<SeccompPolicy> SeccompPolicy::Compile() {
  std::unique_ptr<void, void (*)(scmp_filter_ctx)> ctx(seccomp_init(SCMP_ACT_ALLOW),
                                                        &seccomp_release);
  if (!ctx) return Status::Internal("seccomp_init failed");
  for (const char* name : kDenied) {
    int number = seccomp_syscall_resolve_name(name);
    if (number == __NR_SCMP_ERROR) continue;  // not on this architecture
    if (seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EPERM), number, 0) != 0) {
      return Status::Internal(fmt::format("seccomp: cannot deny {}", name));
    }
  }
  // clone3 passes its flags in memory the filter cannot read: ENOSYS makes libc use clone.
  if (seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0) != 0) {
    return Status::Internal("seccomp: cannot deny clone3");
  }
  for (uint64_t flag : kNamespaceFlags) {
    if (seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                         SCMP_A0(SCMP_CMP_MASKED_EQ, flag, flag)) != 0) {
      return Status::Internal("seccomp: cannot filter clone flags");
    }
  }
  // libseccomp 2.5 exports BPF only to an fd: use an anonymous memory file.
  int fd = memfd_create("kata-seccomp", MFD_CLOEXEC);
  if (fd < 0) return Status::Internal("seccomp: memfd_create failed");
  if (seccomp_export_bpf(ctx.get(), fd) != 0) {
    close(fd);
    return Status::Internal("seccomp: cannot export the filter");
  }
  off_t size = lseek(fd, 0, SEEK_END);
  SeccompPolicy policy;
  policy.filter_.resize(static_cast<size_t>(size) / sizeof(sock_filter));
  ssize_t read_bytes = pread(fd, policy.filter_.data(), static_cast<size_t>(size), 0);
  close(fd);
  if (read_bytes != size || policy.filter_.empty()) {
    return Status::Internal("seccomp: cannot read the exported filter");
  }
  return policy;
}

const SeccompPolicy* LearnerSeccompPolicy() {
  static const std::unique_ptr<SeccompPolicy> policy = []() -> std::unique_ptr<SeccompPolicy> {
    Result<SeccompPolicy> compiled = SeccompPolicy::Compile();
    if (!compiled.ok()) return nullptr;
    return std::make_unique<SeccompPolicy>(std::move(*compiled));
  }();
  return policy.get();
}

}  // namespace kata

// The seccomp policy for learner code, compiled once to BPF before any fork, so the child
// only has to install it (no allocation between fork and exec).
#pragma once

#include <linux/filter.h>

#include <vector>

#include "runner/status.h"

namespace kata {

// Denied system calls return EPERM (clone3 returns ENOSYS so libc falls back to clone,
// whose flags the filter can inspect); nothing is killed. Denied: ptrace, process_vm_*,
// mount/umount/pivot_root/chroot, unshare/setns, clone with any namespace flag, keyctl
// and key management, bpf, perf_event_open, io_uring, userfaultfd, kexec, module loading,
// reboot, swapon/swapoff, acct, quotactl, the clock and hostname setters, and the
// open_by_handle_at family. Everything else is allowed.
class SeccompPolicy {
 public:
  // Builds the filter for this architecture; an error when libseccomp cannot.
  static Result<SeccompPolicy> Compile();

  // The filter, ready for prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ...). It points into
  // the policy: valid while the policy lives.
  sock_fprog program() const {
    return sock_fprog{static_cast<unsigned short>(filter_.size()),
                      const_cast<sock_filter*>(filter_.data())};
  }

 private:
  std::vector<sock_filter> filter_;
};

// The policy compiled once for the process (nullptr when libseccomp failed).
const SeccompPolicy* LearnerSeccompPolicy();

}  // namespace kata

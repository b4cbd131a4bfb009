// The sandbox's root file system, as a list of steps the child runs: /usr (and the
// /bin, /lib… links to it) and a few /etc files read-only, a generated /etc/hosts and
// /etc/passwd, a minimal /dev (null, zero, urandom), a fresh /proc, and the work folder
// at /work as the only writable place (/tmp points there). Nothing else of the host is
// visible: not the kata folders, not the store, not the source tree, not /home or /root.
#pragma once

#include <string>
#include <vector>

#include "sandbox/child_plan.h"

namespace kata {

// root: the empty host folder the child mounts the new root on. work: the host path of
// the work folder. hidden: host paths that must stay unreachable even where they lie
// under a bound folder (an installed kata folder under /usr, say).
std::vector<MountStep> BuildMountPlan(const std::string& root, const std::string& work,
                                      const std::vector<std::string>& hidden);

}  // namespace kata

// cgroup memory and pids limits for one sandboxed run, on cgroup v1 or v2, whichever this
// machine lets kata write to (detected, never assumed), plus the run's peak memory, CPU
// time and whether the kernel's OOM killer struck.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "runner/status.h"

namespace kata {

struct CgroupSupport {
  enum class Version { kNone, kV1, kV2 };
  Version version = Version::kNone;
  // v1: the hierarchies' kata folders; v2: the folder new cgroups are created in.
  std::string memory_root, pids_root;
  std::string detail;  // what was found, or why none is usable
};

// Looks at /proc/self/mounts and /proc/self/cgroup once; cached for the process.
const CgroupSupport& DetectCgroups();

struct CgroupUsage {
  int64_t peak_memory_bytes = -1;  // -1: unknown
  int64_t cpu_ms = -1;  // v2 only
  bool oom_killed = false;
};

// The cgroup(s) of one run. Thread-compatible.
class Cgroup {
 public:
  // Creates the run's cgroup with these limits; an error when the hierarchy is not usable.
  static Result<std::unique_ptr<Cgroup>> Create(const CgroupSupport& support,
                                                int64_t memory_bytes, int max_pids);
  ~Cgroup();  // removes the cgroup folders (their processes must be dead by then)

  Status Attach(pid_t pid) const;
  CgroupUsage Usage() const;

 private:
  Cgroup(CgroupSupport::Version version, std::vector<std::string> dirs)
      : version_(version), dirs_(std::move(dirs)) {}
  std::string Read(size_t dir, const char* file) const;
  CgroupSupport::Version version_;
  std::vector<std::string> dirs_;  // v1: memory, pids; v2: one
};

}  // namespace kata

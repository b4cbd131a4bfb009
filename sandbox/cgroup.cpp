// cgroup v1 and v2: detection, creation with limits, usage, removal.
#include "sandbox/cgroup.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace kata {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool WriteFile(const std::string& path, const std::string& value) {
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = write(fd, value.data(), value.size()) == static_cast<ssize_t>(value.size());
  close(fd);
  return ok;
}

bool HasWord(const std::string& text, const std::string& word) {
  std::istringstream words(text);
  std::string item;
  while (words >> item) {
    if (item == word) return true;
  }
  return false;
}

// Can we make (and remove) a folder here? That is what "writable" means for a cgroup.
bool CanCreateChild(const std::string& dir) {
  std::string probe = fmt::format("{}/kata-probe-{}", dir, getpid());
  if (mkdir(probe.c_str(), 0755) != 0 && errno != EEXIST) return false;
  rmdir(probe.c_str());
  return true;
}

CgroupSupport DetectV1(const std::vector<std::pair<std::string, std::string>>& mounts) {
  CgroupSupport support;
  for (const auto& [point, options] : mounts) {
    std::istringstream parts(options);
    std::string option;
    while (std::getline(parts, option, ',')) {
      if (option == "memory") support.memory_root = point;
      if (option == "pids") support.pids_root = point;
    }
  }
  if (support.memory_root.empty() || support.pids_root.empty()) {
    support.detail = "no cgroup v1 memory and pids hierarchies";
    return support;
  }
  for (std::string* root : {&support.memory_root, &support.pids_root}) {
    std::string parent = *root + "/kata";
    mkdir(parent.c_str(), 0755);
    if (!CanCreateChild(parent)) {
      support.detail = fmt::format("cgroup v1 at {} is not writable", *root);
      return support;
    }
    *root = parent;
  }
  support.version = CgroupSupport::Version::kV1;
  support.detail = "cgroup v1: memory, pids";
  return support;
}

CgroupSupport DetectV2(const std::string& mount) {
  CgroupSupport support;
  // Our own cgroup: the line "0::/path" of /proc/self/cgroup.
  std::istringstream lines(ReadFile("/proc/self/cgroup"));
  std::string line, own;
  while (std::getline(lines, line)) {
    if (line.rfind("0::", 0) == 0) own = line.substr(3);
  }
  std::string parent = mount + (own == "/" ? "" : own);
  std::string controllers = ReadFile(parent + "/cgroup.controllers");
  if (!HasWord(controllers, "memory") || !HasWord(controllers, "pids")) {
    support.detail = fmt::format("cgroup v2 at {} offers no memory and pids controllers", parent);
    return support;
  }
  std::string enabled = ReadFile(parent + "/cgroup.subtree_control");
  if (!HasWord(enabled, "memory") || !HasWord(enabled, "pids")) {
    // Fails when our cgroup holds processes ("no internal processes"): then it is not ours
    // to divide, and we say so.
    WriteFile(parent + "/cgroup.subtree_control", "+memory +pids");
    enabled = ReadFile(parent + "/cgroup.subtree_control");
  }
  if (!HasWord(enabled, "memory") || !HasWord(enabled, "pids") || !CanCreateChild(parent)) {
    support.detail = fmt::format("cgroup v2 at {} is not delegated to kata", parent);
    return support;
  }
  support.version = CgroupSupport::Version::kV2;
  support.memory_root = support.pids_root = parent;
  support.detail = fmt::format("cgroup v2 at {}: memory, pids", parent);
  return support;
}

CgroupSupport Detect() {
  std::vector<std::pair<std::string, std::string>> v1;
  std::string v2;
  std::istringstream lines(ReadFile("/proc/self/mounts"));
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string device, point, type, options;
    fields >> device >> point >> type >> options;
    if (type == "cgroup") v1.emplace_back(point, options);
    if (type == "cgroup2" && v2.empty()) v2 = point;
  }
  std::string why;
  if (!v2.empty()) {
    CgroupSupport support = DetectV2(v2);
    if (support.version != CgroupSupport::Version::kNone) return support;
    why = support.detail;
  }
  if (!v1.empty()) {
    CgroupSupport support = DetectV1(v1);
    if (support.version != CgroupSupport::Version::kNone) return support;
    why += (why.empty() ? "" : "; ") + support.detail;
  }
  CgroupSupport none;
  none.detail = why.empty() ? "no cgroup file system is mounted" : why;
  return none;
}

int64_t ToInt(const std::string& text, int64_t fallback = -1) {
  try {
    return text.empty() ? fallback : std::stoll(text);
  } catch (...) {
    return fallback;
  }
}

// The number after "key " in a flat keyed file such as memory.events.
int64_t KeyedValue(const std::string& text, const std::string& key) {
  std::istringstream lines(text);
  std::string name;
  int64_t value;
  while (lines >> name >> value) {
    if (name == key) return value;
  }
  return -1;
}

// Removes the (empty) cgroups of runs whose kata process is gone: a kata killed with -9
// never removed its own. rmdir fails, harmlessly, on one still in use.
void RemoveStaleRuns(const std::string& root) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(root, error)) {
    std::string name = entry.path().filename().string();
    int pid = 0;
    if (std::sscanf(name.c_str(), "run-%d-", &pid) != 1 || pid <= 0) continue;
    if (!std::filesystem::exists("/proc/" + std::to_string(pid))) rmdir(entry.path().c_str());
  }
}

}  // namespace

const CgroupSupport& DetectCgroups() {
  static const CgroupSupport support = [] {
    CgroupSupport detected = Detect();
    if (detected.version != CgroupSupport::Version::kNone) {
      RemoveStaleRuns(detected.memory_root);
      if (detected.pids_root != detected.memory_root) RemoveStaleRuns(detected.pids_root);
    }
    return detected;
  }();
  return support;
}

Result<std::unique_ptr<Cgroup>> Cgroup::Create(const CgroupSupport& support,
                                               int64_t memory_bytes, int max_pids) {
  if (support.version == CgroupSupport::Version::kNone) {
    return Status::Internal("no usable cgroup: " + support.detail);
  }
  static std::atomic<int> counter{0};
  std::string name = fmt::format("run-{}-{}", getpid(), counter++);
  std::vector<std::string> roots = {support.memory_root, support.pids_root};
  if (support.version == CgroupSupport::Version::kV2) roots = {support.memory_root};
  std::vector<std::string> dirs;
  for (const std::string& root : roots) {
    std::string dir = root + "/" + name;
    if (mkdir(dir.c_str(), 0755) != 0) {
      for (const std::string& made : dirs) rmdir(made.c_str());
      return Status::Internal(fmt::format("cannot create cgroup {}: {}", dir, strerror(errno)));
    }
    dirs.push_back(dir);
  }
  std::unique_ptr<Cgroup> cgroup(new Cgroup(support.version, dirs));
  bool ok;
  if (support.version == CgroupSupport::Version::kV2) {
    ok = WriteFile(dirs[0] + "/memory.max", std::to_string(memory_bytes)) &&
         WriteFile(dirs[0] + "/pids.max", std::to_string(max_pids));
    WriteFile(dirs[0] + "/memory.swap.max", "0");  // absent without swap accounting
  } else {
    ok = WriteFile(dirs[0] + "/memory.limit_in_bytes", std::to_string(memory_bytes)) &&
         WriteFile(dirs[1] + "/pids.max", std::to_string(max_pids));
    WriteFile(dirs[0] + "/memory.memsw.limit_in_bytes", std::to_string(memory_bytes));
  }
  if (!ok) return Status::Internal(fmt::format("cannot set limits on cgroup {}", dirs[0]));
  return cgroup;
}

Cgroup::~Cgroup() {
  for (const std::string& dir : dirs_) {
    // The kernel may take a moment to let go of the last exited task.
    for (int attempt = 0; attempt < 100 && rmdir(dir.c_str()) != 0 && errno == EBUSY; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
}

Status Cgroup::Attach(pid_t pid) const {
  for (const std::string& dir : dirs_) {
    if (!WriteFile(dir + "/cgroup.procs", std::to_string(pid))) {
      return Status::Internal(fmt::format("cannot move process {} into cgroup {}: {}", pid, dir,
                                          strerror(errno)));
    }
  }
  return Status::Ok();
}

std::string Cgroup::Read(size_t dir, const char* file) const {
  return dir < dirs_.size() ? ReadFile(dirs_[dir] + "/" + file) : "";
}

CgroupUsage Cgroup::Usage() const {
  CgroupUsage usage;
  if (version_ == CgroupSupport::Version::kV2) {
    usage.peak_memory_bytes = ToInt(Read(0, "memory.peak"));
    usage.oom_killed = KeyedValue(Read(0, "memory.events"), "oom_kill") > 0;
    int64_t usec = KeyedValue(Read(0, "cpu.stat"), "usage_usec");
    usage.cpu_ms = usec >= 0 ? usec / 1000 : -1;
  } else {
    usage.peak_memory_bytes = ToInt(Read(0, "memory.max_usage_in_bytes"));
    usage.oom_killed = KeyedValue(Read(0, "memory.oom_control"), "oom_kill") > 0;
    // No cpuacct: every task migration costs a grace period on v1, and init's rusage
    // already sums every process of the run (init reaps them all).
  }
  return usage;
}

}  // namespace kata

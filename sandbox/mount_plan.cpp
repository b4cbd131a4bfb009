// Builds the mount steps of the sandbox's root file system.
#include "sandbox/mount_plan.h"

#include <unistd.h>

#include <filesystem>

namespace kata {
namespace fs = std::filesystem;
namespace {

constexpr const char* kHosts =
    "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n";
constexpr const char* kPasswd =
    "root:x:0:0:root:/root:/usr/sbin/nologin\n"
    "nobody:x:65534:65534:nobody:/work:/usr/sbin/nologin\n";
constexpr const char* kGroup = "root:x:0:\nnogroup:x:65534:\n";
constexpr const char* kNsswitch = "passwd: files\ngroup: files\nhosts: files\n";

bool IsUnder(const std::string& path, const std::string& folder) {
  return path == folder || path.rfind(folder + "/", 0) == 0;
}

}  // namespace

std::vector<MountStep> BuildMountPlan(const std::string& root, const std::string& work,
                                      const std::vector<std::string>& hidden) {
  using Kind = MountStep::Kind;
  std::vector<MountStep> steps;
  auto add = [&](Kind kind, std::string source, std::string target, std::string data = "",
                 bool read_only = true, bool is_file = false) {
    steps.push_back(MountStep{kind, std::move(source), root + target, std::move(data), read_only,
                              is_file});
  };
  steps.push_back(MountStep{Kind::kTmpfs, "", root, "size=1m,mode=0755", false, false});

  add(Kind::kBind, "/usr", "/usr");
  // On merged-/usr systems these are links into /usr; elsewhere, real folders to bind.
  for (const char* top : {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
    std::error_code error;
    fs::file_status status = fs::symlink_status(top, error);
    if (error || !fs::exists(status)) continue;
    if (fs::is_symlink(status)) {
      add(Kind::kSymlink, "", top, fs::read_symlink(top, error).string());
    } else if (fs::is_directory(status)) {
      add(Kind::kBind, top, top);
    }
  }

  add(Kind::kDir, "", "/etc");
  add(Kind::kWriteFile, "", "/etc/hosts", kHosts);
  add(Kind::kWriteFile, "", "/etc/passwd", kPasswd);
  add(Kind::kWriteFile, "", "/etc/group", kGroup);
  add(Kind::kWriteFile, "", "/etc/nsswitch.conf", kNsswitch);
  for (const char* file : {"/etc/ld.so.cache", "/etc/localtime"}) {
    std::error_code error;
    if (fs::is_symlink(file, error)) {
      add(Kind::kSymlink, "", file, fs::read_symlink(file, error).string());
    } else if (fs::is_regular_file(file, error)) {
      add(Kind::kBind, file, file, "", true, true);
    }
  }
  for (const char* folder : {"/etc/alternatives", "/etc/ssl"}) {
    std::error_code error;
    if (fs::is_directory(folder, error)) add(Kind::kBind, folder, folder);
  }

  add(Kind::kDir, "", "/dev");
  for (const char* device : {"/dev/null", "/dev/zero", "/dev/urandom"}) {
    add(Kind::kBind, device, device, "", false, true);
  }
  add(Kind::kSymlink, "", "/dev/fd", "/proc/self/fd");
  add(Kind::kSymlink, "", "/dev/stdin", "/proc/self/fd/0");
  add(Kind::kSymlink, "", "/dev/stdout", "/proc/self/fd/1");
  add(Kind::kSymlink, "", "/dev/stderr", "/proc/self/fd/2");

  add(Kind::kDir, "", "/proc");
  add(Kind::kProc, "", "/proc");
  add(Kind::kBind, work, "/work", "", false);
  add(Kind::kSymlink, "", "/tmp", "/work");

  // Anything secret that happens to lie under a bound folder is covered by an empty,
  // read-only tmpfs.
  for (const std::string& path : hidden) {
    std::error_code error;
    if (path.empty() || !fs::is_directory(path, error)) continue;
    for (const char* bound : {"/usr", "/etc/alternatives", "/etc/ssl"}) {
      if (IsUnder(path, bound)) add(Kind::kTmpfs, "", path, "size=4k,mode=0000", true);
    }
  }
  return steps;
}

}  // namespace kata

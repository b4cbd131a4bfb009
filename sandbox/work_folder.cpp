// Work folder creation, fd-relative file access and symlink-safe removal.
#include "sandbox/work_folder.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace kata {
namespace fs = std::filesystem;
namespace {

// The sandbox runs learner code as nobody (see launcher.h's kSandboxUid).
constexpr int kWorkFolderUid = 65534;
constexpr int kWorkFolderGid = 65534;

std::string ErrnoText() { return std::strerror(errno); }

// Removes everything inside the directory dir_fd, without following symlinks: each
// subdirectory is opened with O_NOFOLLOW relative to its parent's fd.
void RemoveContents(int dir_fd, int depth) {
  if (depth > 64) return;  // a learner can nest folders; stop before running out of fds
  int list_fd = dup(dir_fd);
  if (list_fd < 0) return;
  DIR* dir = fdopendir(list_fd);
  if (!dir) {
    close(list_fd);
    return;
  }
  std::vector<std::string> names;
  while (dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  closedir(dir);
  for (const std::string& name : names) {
    if (unlinkat(dir_fd, name.c_str(), 0) == 0) continue;
    int child = openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (child < 0) continue;
    // A learner may have removed write permission from its own folders.
    fchmod(child, 0700);
    RemoveContents(child, depth + 1);
    close(child);
    unlinkat(dir_fd, name.c_str(), AT_REMOVEDIR);
  }
}

}  // namespace

bool IsPlainFileName(std::string_view name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

Result<std::unique_ptr<WorkFolder>> WorkFolder::Create(const fs::path& parent,
                                                       int64_t size_bytes) {
  fs::path base = parent;
  if (base.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    base = tmp && *tmp ? tmp : "/tmp";
  }
  std::string pattern = (base / "kata-work-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    return Status::Internal(fmt::format("cannot create a work folder in {}: {}; set TMPDIR to "
                                        "a writable folder",
                                        base.string(), ErrnoText()));
  }
  bool mounted = false;
  if (size_bytes > 0 && geteuid() == 0) {
    // Mounted before the fd is opened, so the fd holds the tmpfs.
    std::string options = fmt::format("size={},mode=0700,uid={},gid={}", size_bytes,
                                      kWorkFolderUid, kWorkFolderGid);
    mounted = mount("tmpfs", pattern.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) == 0;
  }
  int fd = open(pattern.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (mounted) umount2(pattern.c_str(), MNT_DETACH | UMOUNT_NOFOLLOW);
    rmdir(pattern.c_str());
    return Status::Internal(fmt::format("cannot open work folder {}: {}", pattern, ErrnoText()));
  }
  return std::unique_ptr<WorkFolder>(new WorkFolder(pattern, fd, mounted));
}

Result<std::unique_ptr<WorkFolder>> WorkFolder::Open(const fs::path& path) {
  std::error_code error;
  fs::create_directories(path, error);
  int fd = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    return Status::Internal(fmt::format("cannot open folder {}: {}", path.string(), ErrnoText()));
  }
  return std::unique_ptr<WorkFolder>(new WorkFolder(path, fd, false, false));
}

WorkFolder::~WorkFolder() {
  if (!owned_) {
    close(fd_);
    return;
  }
  if (!mounted_) RemoveContents(fd_, 0);  // a tmpfs's contents go with the unmount
  close(fd_);
  if (mounted_) umount2(path_.c_str(), MNT_DETACH | UMOUNT_NOFOLLOW);
  // The folder itself was created by us under a parent the learner never sees.
  rmdir(path_.c_str());
}

namespace {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) parts.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// Opens (creating as needed) the folder parts[0..count) below dir_fd, component by
// component with O_NOFOLLOW. Returns an fd the caller closes, or -1.
int OpenFolders(int dir_fd, const std::vector<std::string>& parts, size_t count) {
  int current = dup(dir_fd);
  for (size_t i = 0; i < count && current >= 0; ++i) {
    if (!IsPlainFileName(parts[i])) {
      close(current);
      return -1;
    }
    mkdirat(current, parts[i].c_str(), 0755);
    int next = openat(current, parts[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    close(current);
    current = next;
  }
  return current;
}

Status WriteAt(int dir_fd, const std::string& file, std::string_view content, int mode) {
  int fd = openat(dir_fd, file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) return Status::Internal(fmt::format("cannot create {}: {}", file, ErrnoText()));
  fchmod(fd, static_cast<mode_t>(mode));  // the mode asked for, whatever the umask
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close(fd);
      return Status::Internal(fmt::format("cannot write {}: {}", file, ErrnoText()));
    }
    written += static_cast<size_t>(n);
  }
  close(fd);
  return Status::Ok();
}

}  // namespace

Status WorkFolder::WriteFile(std::string_view name, std::string_view content, int mode) {
  std::string file(name);
  if (!IsPlainFileName(file)) {
    return Status::InvalidArgument(fmt::format("'{}' is not a plain file name", file));
  }
  return WriteAt(fd_, file, content, mode);
}

Status WorkFolder::WriteNestedFile(std::string_view relative_path, std::string_view content,
                                   int mode) {
  std::vector<std::string> parts = SplitPath(relative_path);
  if (parts.empty() || !IsPlainFileName(parts.back())) {
    return Status::InvalidArgument(fmt::format("'{}' is not a file path", relative_path));
  }
  int dir = OpenFolders(fd_, parts, parts.size() - 1);
  if (dir < 0) {
    return Status::InvalidArgument(fmt::format("cannot create the folders of '{}'", relative_path));
  }
  Status written = WriteAt(dir, parts.back(), content, mode);
  close(dir);
  return written;
}

Status WorkFolder::MakeFolders(std::string_view relative_path) {
  std::vector<std::string> parts = SplitPath(relative_path);
  int dir = OpenFolders(fd_, parts, parts.size());
  if (dir < 0) {
    return Status::InvalidArgument(fmt::format("cannot create the folder '{}'", relative_path));
  }
  close(dir);
  return Status::Ok();
}

Result<std::string> WorkFolder::ReadFile(std::string_view name, size_t max_bytes) const {
  std::string file(name);
  if (!IsPlainFileName(file)) {
    return Status::InvalidArgument(fmt::format("'{}' is not a plain file name", file));
  }
  // O_NONBLOCK: a planted FIFO must not hang the grader.
  int fd = openat(fd_, file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return Status::NotFound(fmt::format("cannot open {}: {}", file, ErrnoText()));
  struct stat info {};
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    close(fd);
    return Status::InvalidArgument(fmt::format("{} is not a regular file", file));
  }
  std::string content;
  char buffer[65536];
  while (content.size() < max_bytes) {
    ssize_t n = read(fd, buffer, std::min(sizeof(buffer), max_bytes - content.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    content.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  return content;
}

std::string WorkFolder::PathThroughFd(std::string_view name) const {
  return fmt::format("/proc/self/fd/{}/{}", fd_, name);
}

}  // namespace kata

// A private, temporary work folder for one run of learner code, held by a directory fd.
// After learner code has run, anything in it may be a planted symlink: every access here
// goes through the fd with O_NOFOLLOW, and removal never follows a link.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <cstdint>

#include "runner/status.h"

namespace kata {

class WorkFolder {
 public:
  // Creates a fresh folder (mode 0700) under parent, or under $TMPDIR (else /tmp). With
  // size_bytes > 0 and kata running as root, the folder is a tmpfs of that size owned by
  // the sandbox's uid: learner code can fill it, never the host's disk.
  static Result<std::unique_ptr<WorkFolder>> Create(const std::filesystem::path& parent = {},
                                                    int64_t size_bytes = 0);
  // Holds an existing folder (created if missing) the same way, but leaves it in place:
  // for trusted extraction into a folder that must outlive the object.
  static Result<std::unique_ptr<WorkFolder>> Open(const std::filesystem::path& path);
  ~WorkFolder();  // removes the folder and everything in it (not one made by Open)
  WorkFolder(const WorkFolder&) = delete;
  WorkFolder& operator=(const WorkFolder&) = delete;

  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }

  // name is one plain file name (no '/', not "." or ".."). Write fails if it exists.
  Status WriteFile(std::string_view name, std::string_view content, int mode = 0644);
  // relative_path: plain names joined by '/'. Creates the folders on the way (never
  // following a link), then the file as WriteFile does.
  Status WriteNestedFile(std::string_view relative_path, std::string_view content,
                         int mode = 0644);
  // Creates the folders of relative_path, each opened with O_NOFOLLOW.
  Status MakeFolders(std::string_view relative_path);
  // Reads at most max_bytes of a regular file; a symlink or anything else is refused.
  Result<std::string> ReadFile(std::string_view name, size_t max_bytes) const;
  // A path to name that resolves through the held fd (/proc/self/fd/N/name), for APIs that
  // take paths, such as sqlite3_open_v2 (with SQLITE_OPEN_NOFOLLOW).
  std::string PathThroughFd(std::string_view name) const;

 private:
  WorkFolder(std::filesystem::path path, int fd, bool mounted, bool owned = true)
      : path_(std::move(path)), fd_(fd), mounted_(mounted), owned_(owned) {}
  std::filesystem::path path_;
  int fd_;
  bool mounted_;
  bool owned_;
};

// True when name is a single plain file name.
bool IsPlainFileName(std::string_view name);

}  // namespace kata

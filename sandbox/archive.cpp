// Safe archive extraction and folder copying into a work folder.
#include "sandbox/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

namespace kata {
namespace fs = std::filesystem;
namespace {

using ArchivePtr = std::unique_ptr<archive, int (*)(archive*)>;


ArchivePtr OpenReader(std::string_view bytes) {
  ArchivePtr reader(archive_read_new(), &archive_read_free);
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_all(reader.get());
  if (archive_read_open_memory(reader.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    return ArchivePtr(nullptr, &archive_read_free);
  }
  return reader;
}

// A relative path of plain components: no absolute path, no "..", no empty name.
Status CheckPath(const std::string& path) {
  if (path.empty()) return Status::InvalidArgument("an entry has no name");
  if (path[0] == '/') {
    return Status::InvalidArgument(fmt::format(
        "entry \"{}\" has an absolute path; archive the files relative to their folder", path));
  }
  std::istringstream parts(path);
  std::string part;
  while (std::getline(parts, part, '/')) {
    if (part == "..") {
      return Status::InvalidArgument(fmt::format(
          "entry \"{}\" climbs out of the folder with \"..\"; archive only what is inside it",
          path));
    }
  }
  return Status::Ok();
}

std::string Normalised(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

Status CheckEntry(archive_entry* entry) {
  std::string path = Normalised(archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "");
  if (path.empty() || path == ".") return Status::Ok();  // the folder itself
  KATA_RETURN_IF_ERROR(CheckPath(path));
  if (archive_entry_hardlink(entry)) {
    return Status::InvalidArgument(fmt::format(
        "entry \"{}\" is a hard link; only plain files and folders are accepted", path));
  }
  mode_t type = archive_entry_filetype(entry);
  if (type == AE_IFLNK) {
    return Status::InvalidArgument(fmt::format(
        "entry \"{}\" is a symbolic link; only plain files and folders are accepted", path));
  }
  if (type != AE_IFREG && type != AE_IFDIR) {
    return Status::InvalidArgument(fmt::format(
        "entry \"{}\" is a device, FIFO or socket; only plain files and folders are accepted",
        path));
  }
  return Status::Ok();
}

int ModeFor(mode_t mode) { return (mode & 0111) ? 0755 : 0644; }

}  // namespace

Status ExtractArchive(std::string_view bytes, WorkFolder& work, const ArchiveLimits& limits) {
  // Pass 1: every header, nothing written.
  ArchivePtr reader = OpenReader(bytes);
  if (!reader) return Status::InvalidArgument("the upload is not an archive kata can read");
  archive_entry* entry = nullptr;
  size_t entries = 0;
  int64_t total = 0;
  int code;
  while ((code = archive_read_next_header(reader.get(), &entry)) == ARCHIVE_OK) {
    KATA_RETURN_IF_ERROR(CheckEntry(entry));
    total += archive_entry_size(entry);
    if (++entries > limits.max_entries || total > limits.max_total_bytes) {
      return Status::InvalidArgument(fmt::format(
          "the archive is too large: at most {} entries and {} MiB unpacked", limits.max_entries,
          limits.max_total_bytes >> 20));
    }
  }
  if (code != ARCHIVE_EOF) {
    return Status::InvalidArgument(fmt::format("the archive is damaged: {}",
                                               archive_error_string(reader.get())));
  }
  // Pass 2: write through the work folder's fd.
  reader = OpenReader(bytes);
  while (archive_read_next_header(reader.get(), &entry) == ARCHIVE_OK) {
    std::string path = Normalised(archive_entry_pathname(entry));
    if (path.empty() || path == ".") continue;
    if (archive_entry_filetype(entry) == AE_IFDIR) {
      KATA_RETURN_IF_ERROR(work.MakeFolders(path));
      continue;
    }
    std::string content;
    char buffer[65536];
    la_ssize_t n;
    while ((n = archive_read_data(reader.get(), buffer, sizeof(buffer))) > 0) {
      content.append(buffer, static_cast<size_t>(n));
      if (static_cast<int64_t>(content.size()) > limits.max_total_bytes) {
        return Status::InvalidArgument("the archive is larger unpacked than its headers say");
      }
    }
    if (n < 0) {
      return Status::InvalidArgument(fmt::format("the archive is damaged at \"{}\"", path));
    }
    KATA_RETURN_IF_ERROR(work.WriteNestedFile(path, content, ModeFor(archive_entry_perm(entry))));
  }
  return Status::Ok();
}

namespace {

struct FolderEntry {
  std::string relative;
  fs::path source;
  bool folder = false;
  bool executable = false;
};

// Every folder and regular file under folder, parents first; refuses links, devices,
// FIFOs and sockets, and folders past the limits.
Result<std::vector<FolderEntry>> Collect(const fs::path& folder, const ArchiveLimits& limits) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    return Status::NotFound(fmt::format("{}: not a folder", folder.string()));
  }
  std::vector<FolderEntry> entries;
  int64_t total = 0;
  for (auto it = fs::recursive_directory_iterator(folder, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    FolderEntry entry{fs::relative(it->path(), folder).string(), it->path(), false, false};
    fs::file_status status = it->symlink_status();
    if (fs::is_symlink(status)) {
      return Status::InvalidArgument(fmt::format(
          "{} is a symbolic link; submit plain files and folders only", it->path().string()));
    }
    if (fs::is_directory(status)) {
      entry.folder = true;
    } else if (fs::is_regular_file(status)) {
      total += static_cast<int64_t>(fs::file_size(it->path(), error));
      entry.executable = (status.permissions() & fs::perms::owner_exec) != fs::perms::none;
    } else {
      return Status::InvalidArgument(fmt::format(
          "{} is a device, FIFO or socket; submit plain files and folders only",
          it->path().string()));
    }
    entries.push_back(std::move(entry));
    if (entries.size() > limits.max_entries || total > limits.max_total_bytes) {
      return Status::InvalidArgument(fmt::format(
          "{} is too large to submit: at most {} files and {} MiB", folder.string(),
          limits.max_entries, limits.max_total_bytes >> 20));
    }
  }
  if (error) {
    return Status::Internal(fmt::format("cannot read {}: {}", folder.string(), error.message()));
  }
  return entries;
}

std::string ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

Result<std::string> PackFolder(const fs::path& folder, const ArchiveLimits& limits, bool gzip) {
  Result<std::vector<FolderEntry>> entries = Collect(folder, limits);
  if (!entries.ok()) return entries.status();
  std::string packed;
  ArchivePtr writer(archive_write_new(), &archive_write_free);
  archive_write_set_format_pax_restricted(writer.get());
  if (gzip) archive_write_add_filter_gzip(writer.get());
  auto append = [](archive*, void* data, const void* buffer, size_t size) -> la_ssize_t {
    static_cast<std::string*>(data)->append(static_cast<const char*>(buffer), size);
    return static_cast<la_ssize_t>(size);
  };
  archive_write_open(writer.get(), &packed, nullptr, append, nullptr);
  for (const FolderEntry& item : *entries) {
    std::string content = item.folder ? "" : ReadWhole(item.source);
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, item.relative.c_str());
    archive_entry_set_filetype(entry, item.folder ? AE_IFDIR : AE_IFREG);
    archive_entry_set_perm(entry, item.folder || item.executable ? 0755 : 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(content.size()));
    archive_write_header(writer.get(), entry);
    if (!content.empty()) archive_write_data(writer.get(), content.data(), content.size());
    archive_entry_free(entry);
  }
  archive_write_close(writer.get());
  return packed;
}

Status CopyFolderIn(const fs::path& folder, WorkFolder& work, const ArchiveLimits& limits) {
  Result<std::vector<FolderEntry>> entries = Collect(folder, limits);
  if (!entries.ok()) return entries.status();
  for (const FolderEntry& item : *entries) {
    if (item.folder) {
      KATA_RETURN_IF_ERROR(work.MakeFolders(item.relative));
    } else {
      KATA_RETURN_IF_ERROR(work.WriteNestedFile(item.relative, ReadWhole(item.source),
                                                item.executable ? 0755 : 0644));
    }
  }
  return Status::Ok();
}

}  // namespace kata

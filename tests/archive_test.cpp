// Bringing learner files in: archives and folders become plain files only; links,
// devices, absolute paths and ".." are refused before anything is written.
#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "sandbox/archive.h"
#include "test_support.h"

namespace kata {
namespace {

namespace fs = std::filesystem;

struct Entry {
  std::string path;
  mode_t type = AE_IFREG;
  std::string content;   // regular files
  std::string link;      // symlinks and hardlinks
  bool hardlink = false;
};

Entry File(std::string path, std::string content) {
  return Entry{std::move(path), AE_IFREG, std::move(content), "", false};
}
Entry Dir(std::string path) { return Entry{std::move(path), AE_IFDIR, "", "", false}; }
Entry Symlink(std::string path, std::string target) {
  return Entry{std::move(path), AE_IFLNK, "", std::move(target), false};
}
Entry Hardlink(std::string path, std::string target) {
  return Entry{std::move(path), AE_IFREG, "", std::move(target), true};
}
Entry Device(std::string path) { return Entry{std::move(path), AE_IFCHR, "", "", false}; }

enum class Format { kTarGz, kZip };

std::string MakeArchive(const std::vector<Entry>& entries, Format format = Format::kTarGz) {
  archive* writer = archive_write_new();
  if (format == Format::kZip) {
    archive_write_set_format_zip(writer);
  } else {
    archive_write_set_format_pax_restricted(writer);
    archive_write_add_filter_gzip(writer);
  }
  std::vector<char> buffer(1 << 20);
  size_t used = 0;
  archive_write_open_memory(writer, buffer.data(), buffer.size(), &used);
  for (const Entry& item : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, item.path.c_str());
    archive_entry_set_filetype(entry, item.type);
    archive_entry_set_perm(entry, item.type == AE_IFDIR ? 0755 : 0644);
    if (item.hardlink) archive_entry_set_hardlink(entry, item.link.c_str());
    if (item.type == AE_IFLNK) archive_entry_set_symlink(entry, item.link.c_str());
    if (item.type == AE_IFCHR) archive_entry_set_rdev(entry, makedev(1, 3));
    archive_entry_set_size(entry, item.type == AE_IFREG && !item.hardlink
                                      ? static_cast<la_int64_t>(item.content.size())
                                      : 0);
    archive_write_header(writer, entry);
    if (item.type == AE_IFREG && !item.hardlink) {
      archive_write_data(writer, item.content.data(), item.content.size());
    }
    archive_entry_free(entry);
  }
  archive_write_close(writer);
  archive_write_free(writer);
  return std::string(buffer.data(), used);
}

TEST_CASE("a plain archive unpacks into the work folder", "[archive]") {
  for (Format format : {Format::kTarGz, Format::kZip}) {
    Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create();
    REQUIRE(work.ok());
    std::string bytes = MakeArchive({Dir("./"), File("Procfile", "web: python3 app.py\n"),
                                     Dir("src/"), File("src/app.py", "print('hi')\n")},
                                    format);
    REQUIRE(ExtractArchive(bytes, **work).ok());
    CHECK(*(*work)->ReadFile("Procfile", 100) == "web: python3 app.py\n");
    CHECK(fs::is_regular_file((*work)->path() / "src/app.py"));
  }
}

struct Rejection {
  const char* what;
  std::vector<Entry> entries;
  const char* message_part;
};

TEST_CASE("archives with links, devices, absolute paths or .. are refused whole",
          "[archive]") {
  const std::vector<Rejection> cases = {
      {"a symlink", {File("ok.txt", "x"), Symlink("link", "/etc/passwd")}, "symbolic link"},
      {"a hard link", {File("ok.txt", "x"), Hardlink("hard", "/etc/passwd")}, "hard link"},
      {"a device", {File("ok.txt", "x"), Device("null")}, "device"},
      {"an absolute path", {File("ok.txt", "x"), File("/tmp/kata-evil", "x")}, "absolute path"},
      {"a .. path", {File("ok.txt", "x"), File("../evil", "x")}, ".."},
      {"a .. inside a path", {File("ok.txt", "x"), File("a/../../evil", "x")}, ".."},
  };
  for (const Rejection& c : cases) {
    DYNAMIC_SECTION(c.what) {
      Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create();
      REQUIRE(work.ok());
      Status status = ExtractArchive(MakeArchive(c.entries), **work);
      REQUIRE_FALSE(status.ok());
      CHECK_THAT(status.message(), Catch::Contains(c.message_part));
      CHECK(fs::is_empty((*work)->path()));  // nothing was written
      CHECK_FALSE(fs::exists("/tmp/kata-evil"));
    }
  }
}

TEST_CASE("garbage and oversized archives are refused", "[archive]") {
  Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create();
  REQUIRE(work.ok());
  CHECK_FALSE(ExtractArchive("this is not an archive", **work).ok());
  ArchiveLimits small;
  small.max_total_bytes = 10;
  Status status = ExtractArchive(MakeArchive({File("big", std::string(100, 'x'))}), **work,
                                 small);
  REQUIRE_FALSE(status.ok());
  CHECK_THAT(status.message(), Catch::Contains("too large"));
}

TEST_CASE("a submitted folder is copied as plain files; a link in it is refused", "[archive]") {
  testing::TempDir source;
  testing::WriteFile(source.path() / "Procfile", "web: sh run.sh\n");
  testing::WriteFile(source.path() / "lib/util.py", "x = 1\n");
  Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create();
  REQUIRE(work.ok());
  REQUIRE(CopyFolderIn(source.path(), **work).ok());
  CHECK(*(*work)->ReadFile("Procfile", 100) == "web: sh run.sh\n");
  CHECK(fs::is_regular_file((*work)->path() / "lib/util.py"));

  fs::create_symlink("/etc/passwd", source.path() / "passwd");
  Result<std::unique_ptr<WorkFolder>> other = WorkFolder::Create();
  REQUIRE(other.ok());
  Status status = CopyFolderIn(source.path(), **other);
  REQUIRE_FALSE(status.ok());
  CHECK_THAT(status.message(), Catch::Contains("symbolic link"));
  CHECK(fs::is_empty((*other)->path()));
}

}  // namespace
}  // namespace kata

// Bringing a learner's files into the work folder as plain files only: from an uploaded
// archive (tar, tar.gz, zip, … through libarchive) or from a folder on disk. Anything
// that could make a later trusted access land elsewhere is refused with an error naming
// the entry: symlinks, hardlinks, devices, FIFOs, sockets, absolute paths, "..".
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "runner/status.h"
#include "sandbox/work_folder.h"

namespace kata {

struct ArchiveLimits {
  size_t max_entries = 1000;
  int64_t max_total_bytes = 16 << 20;  // of unpacked file contents
};

// Checks every entry first and writes nothing unless all are acceptable.
Status ExtractArchive(std::string_view bytes, WorkFolder& work, const ArchiveLimits& limits = {});

// Packs the regular files and folders under folder into a tar archive (what an http
// kata's submission is stored and graded as); links and devices are refused.
// With gzip, a .tar.gz (what kata serve hands out as a starter).
Result<std::string> PackFolder(const std::filesystem::path& folder,
                               const ArchiveLimits& limits = {}, bool gzip = false);

// Copies the regular files and folders under folder into the work folder.
Status CopyFolderIn(const std::filesystem::path& folder, WorkFolder& work,
                    const ArchiveLimits& limits = {});

}  // namespace kata

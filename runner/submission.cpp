// Reading, storing and grading submissions.
#include "runner/submission.h"

#include <fmt/format.h>

#include <vector>

#include "sandbox/archive.h"

namespace kata {
namespace fs = std::filesystem;

constexpr size_t kMaxSourceBytes = 1 << 20;

namespace {

// An http kata's submission: the server's folder (or its Procfile), packed as a tar.
Result<SubmittedFile> ReadServerFolder(const KataSpec& spec, const fs::path& path) {
  std::error_code error;
  fs::path folder = fs::is_directory(path, error) ? path : path.parent_path();
  if (!fs::exists(path, error)) {
    return Status::NotFound(fmt::format("{}: no such folder; give the folder of your server",
                                        path.string()));
  }
  if (!fs::is_regular_file(folder / "Procfile", error)) {
    return Status::NotFound(fmt::format(
        "{}: no Procfile here; submit the folder of your server, with a Procfile whose "
        "`web:` line starts it (`kata fetch {}` makes one)",
        folder.string(), spec.id));
  }
  Result<std::string> packed = PackFolder(folder);
  if (!packed.ok()) return packed.status();
  return SubmittedFile{"submission.tar", *packed};
}

}  // namespace

Result<SubmittedFile> ReadSubmission(const KataSpec& spec, const fs::path& path) {
  if (spec.kind == KataKind::kHttp) return ReadServerFolder(spec, path);
  std::error_code error;
  std::string wanted = spec.SubmissionFileName();
  fs::path file = path;
  if (!fs::exists(path, error)) {
    return Status::NotFound(fmt::format("{}: no such file or folder; give the path of your {}",
                                        path.string(), wanted));
  }
  if (fs::is_directory(path, error)) {
    std::vector<fs::path> candidates;
    for (const fs::directory_entry& entry : fs::directory_iterator(path, error)) {
      if (entry.is_regular_file() && entry.path().extension() == ".sql") {
        candidates.push_back(entry.path());
      }
    }
    if (fs::is_regular_file(path / wanted)) {
      file = path / wanted;
    } else if (candidates.size() == 1) {
      file = candidates.front();
    } else if (candidates.empty()) {
      return Status::NotFound(fmt::format(
          "{}: no .sql file in this folder; write your query in {} (`kata fetch {}` makes one)",
          path.string(), wanted, spec.id));
    } else {
      return Status::InvalidArgument(fmt::format(
          "{}: {} .sql files and none is {}; name the one to submit: kata submit {} FILE",
          path.string(), candidates.size(), wanted, spec.id));
    }
  }
  if (fs::file_size(file, error) > kMaxSourceBytes) {
    return Status::InvalidArgument(
        fmt::format("{}: larger than 1 MiB; a query is much smaller", file.string()));
  }
  Result<std::string> text = ReadTextFile(file);
  if (!text.ok()) return text.status();
  return SubmittedFile{file.filename().string(), *text};
}

Result<GradeResult> SubmitAndGrade(Store& store, const Grader& grader, const KataSpec& spec,
                                   const SubmittedFile& file, const std::string& learner,
                                   const ProgressFn& progress) {
  SubmissionRecord record;
  record.kata = spec.id;
  record.learner = learner;
  record.file_name = file.name;
  record.source = file.source;
  record.kata_version = spec.version;
  KATA_RETURN_IF_ERROR(store.AddSubmission(record));
  GradeResult result = grader.Grade(spec, file.source, progress);
  result.id = record.id;
  KATA_RETURN_IF_ERROR(store.SaveResult(record.id, result));
  return result;
}

}  // namespace kata

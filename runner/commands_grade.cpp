// kata grade: the non-interactive grading entry point for pipelines. Stores nothing and
// prints only the chosen format (to stdout or --output FILE).
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "runner/command_support.h"
#include "runner/formats.h"
#include "runner/submission.h"

namespace kata {

int CmdGrade(const GlobalOptions& options, const std::string& id, const std::string& path,
             const std::string& format_name, const std::string& output_file) {
  std::optional<ResultFormat> format = ParseResultFormat(format_name);
  GlobalOptions quiet = options;
  quiet.json = !format || *format == ResultFormat::kJson;  // errors as {"error"} for json
  if (!format) {
    return Fail(quiet, kExitUsage,
                fmt::format("unknown format '{}'; use json, gradescope, exercism or junit",
                            format_name));
  }
  Result<KataSpec> spec = LoadKataById(options, id);
  if (!spec.ok()) return Fail(quiet, ExitCodeFor(spec.status()), spec.status().message());
  Result<SubmittedFile> file = ReadSubmission(*spec, path.empty() ? "." : path);
  if (!file.ok()) return Fail(quiet, ExitCodeFor(file.status()), file.status().message());
  std::unique_ptr<Grader> grader = MakeGrader(spec->kind, ProcessGraderContext(options));
  if (!grader) {
    return Fail(quiet, kExitUsage, fmt::format("kata {} is of a kind this kata cannot grade", id));
  }
  GradeResult result = grader->Grade(*spec, file->source, nullptr);
  std::string text = FormatResult(result, *format);
  if (output_file.empty()) {
    std::cout << text;
  } else {
    std::ofstream out(output_file, std::ios::binary);
    out << text;
    if (!out) {
      return Fail(quiet, kExitInternal,
                  fmt::format("cannot write {}; check the folder exists and is writable",
                              output_file));
    }
  }
  return ExitCodeFor(result);
}

}  // namespace kata

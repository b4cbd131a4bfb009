// kata test: the inner loop for http katas, against the learner's own server.
#include <fmt/format.h>

#include <iostream>

#include "graders/http/url_tester.h"
#include "runner/command_support.h"
#include "runner/terminal.h"

namespace kata {

int CmdTest(const GlobalOptions& options, const std::string& id, const std::string& url) {
  Result<KataSpec> spec = LoadKataById(options, id);
  if (!spec.ok()) return Fail(options, ExitCodeFor(spec.status()), spec.status().message());
  if (spec->kind != KataKind::kHttp) {
    return Fail(options, kExitUsage,
                fmt::format("kata test is for http katas; {} is a {} kata: use kata submit", id,
                            KindName(spec->kind)));
  }
  Terminal term(stdout);
  ProgressFn progress;
  if (!options.json) {
    std::cout << term.Bold("Testing " + id) << term.Dim(" against " + url) << "\n";
    progress = [&term](const TestResult& test, size_t, size_t) {
      std::cout << term.ProbeLine(test) << std::flush;
    };
  }
  Result<GradeResult> result = http::TestAgainstUrl(*spec, url, progress);
  if (!result.ok()) return Fail(options, kExitUsage, result.status().message());
  if (options.json) {
    std::cout << DumpJson(ToJson(*result), 2) << "\n";
  } else {
    std::cout << term.Summary(*result);
  }
  return ExitCodeFor(*result);
}

}  // namespace kata

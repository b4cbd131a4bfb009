// kata validate: prove katas valid.
#include <fmt/format.h>

#include <iostream>

#include "runner/command_support.h"
#include "runner/terminal.h"
#include "runner/validate.h"

namespace kata {

int CmdValidate(const GlobalOptions& options, const std::vector<std::string>& dirs) {
  Terminal term(stdout);
  nlohmann::json reports = nlohmann::json::array();
  int code = kExitOk;
  for (const std::string& dir : dirs) {
    ValidationReport report = ValidateKata(dir, ProcessGraderContext(options));
    if (!report.loaded) {
      code = kExitUsage;
    } else if (!report.valid() && code == kExitOk) {
      code = kExitBelowFullMarks;
    }
    if (options.json) {
      reports.push_back({{"dir", dir},
                         {"valid", report.valid()},
                         {"problems", report.problems},
                         {"checks", report.checks},
                         {"warnings", report.warnings}});
      continue;
    }
    std::cout << (report.valid() ? term.Green("✓ valid  ") : term.Red("✗ invalid")) << " " << dir
              << "\n";
    for (const std::string& check : report.checks) std::cout << term.Dim("    " + check) << "\n";
    for (const std::string& problem : report.problems) std::cout << "    " << problem << "\n";
    for (const std::string& warning : report.warnings) {
      std::cout << term.Yellow("    warning: ") << warning << "\n";
    }
  }
  if (options.json) std::cout << DumpJson(reports, 2) << "\n";
  return code;
}

}  // namespace kata

// kata doctor: what this machine gives the sandbox.
#include <iostream>

#include "runner/command_support.h"
#include "runner/terminal.h"
#include "sandbox/doctor.h"

namespace kata {

int CmdDoctor(const GlobalOptions& options) {
  std::vector<Mechanism> mechanisms = InspectSandbox();
  if (options.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const Mechanism& m : mechanisms) {
      list.push_back({{"name", m.name},
                      {"available", m.available},
                      {"detail", m.detail},
                      {"without", m.without}});
    }
    std::cout << DumpJson(list, 2) << "\n";
    return kExitOk;
  }
  Terminal term(stdout);
  for (const Mechanism& m : mechanisms) {
    std::cout << (m.available ? term.Green("✓") : term.Red("✗")) << " " << term.Bold(m.name)
              << ": " << m.detail << "\n";
    if (!m.available) std::cout << "    without it: " << m.without << "\n";
  }
  return kExitOk;
}

}  // namespace kata

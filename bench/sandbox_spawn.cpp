// Spawn benchmark: how long one run of a trivial program takes from start to reaped, for
// bare Boost.Process (no isolation), the full kata sandbox, and bubblewrap
// (`bwrap --unshare-all --die-with-parent` with a comparable minimal root), side by side
// in one run. Usage: kata_bench_spawn [RUNS] — prints a Markdown table.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "sandbox/launcher.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Method {
  std::string name;
  kata::Launcher* launcher;
  std::vector<std::string> prefix;  // prepended to the command (bwrap and its options)
};

// Milliseconds for each of runs spawns; empty when a start failed.
std::vector<double> Measure(const Method& method, const std::vector<std::string>& command,
                            int runs) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    kata::Result<std::unique_ptr<kata::WorkFolder>> work = kata::WorkFolder::Create({}, 1 << 20);
    if (!work.ok()) return {};
    kata::LaunchSpec spec;
    spec.argv = method.prefix;
    spec.argv.insert(spec.argv.end(), command.begin(), command.end());
    spec.env = {"PATH=/usr/bin:/bin"};
    spec.work_folder = work->get();
    Clock::time_point start = Clock::now();
    kata::Result<std::unique_ptr<kata::Process>> process = method.launcher->Start(spec);
    if (!process.ok()) {
      std::cerr << method.name << ": " << process.status().message() << "\n";
      return {};
    }
    kata::RunOutcome outcome = (*process)->Wait();
    process->reset();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (outcome.end != kata::RunOutcome::End::kExited || outcome.exit_code != 0) {
      std::cerr << method.name << ": run failed: " << outcome.stderr_data << "\n";
      return {};
    }
  }
  return times;
}

double Percentile(std::vector<double> times, double p) {
  std::sort(times.begin(), times.end());
  return times[static_cast<size_t>(p * static_cast<double>(times.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::stoi(argv[1]) : 200;
  std::unique_ptr<kata::Launcher> bare = kata::MakeProcessLauncher();
  std::unique_ptr<kata::Launcher> sandbox = kata::MakeNamespaceLauncher();
  std::vector<Method> methods = {{"bare Boost.Process", bare.get(), {}},
                                 {"kata sandbox", sandbox.get(), {}}};
  if (std::filesystem::exists("/usr/bin/bwrap")) {
    methods.push_back({"bwrap --unshare-all", bare.get(),
                       {"/usr/bin/bwrap", "--unshare-all", "--die-with-parent", "--ro-bind",
                        "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib",
                        "/lib", "--symlink", "usr/lib64", "/lib64", "--proc", "/proc", "--dev",
                        "/dev", "--tmpfs", "/tmp", "--chdir", "/tmp"}});
  } else {
    std::cerr << "bwrap not found: apt-get install bubblewrap to compare with it\n";
  }
  const std::vector<std::vector<std::string>> commands = {{"/bin/true"},
                                                          {"/usr/bin/python3", "-c", "pass"}};
  std::cout << fmt::format("{} runs each; milliseconds from start to reaped.\n\n", runs);
  std::cout << "| command | method | median | p90 | median vs kata sandbox |\n"
               "|---|---|---:|---:|---:|\n";
  for (const std::vector<std::string>& command : commands) {
    std::vector<std::vector<double>> results;
    for (const Method& method : methods) results.push_back(Measure(method, command, runs));
    double kata_median = results[1].empty() ? 0 : Percentile(results[1], 0.5);
    for (size_t i = 0; i < methods.size(); ++i) {
      if (results[i].empty()) continue;
      double median = Percentile(results[i], 0.5);
      std::cout << fmt::format("| `{}` | {} | {:.2f} | {:.2f} | {:.2f}× |\n",
                               fmt::join(command, " "), methods[i].name, median,
                               Percentile(results[i], 0.9),
                               kata_median > 0 ? median / kata_median : 0);
    }
  }
  return 0;
}

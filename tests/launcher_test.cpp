// The process launcher: exit status, output capture and caps, stdin, environment, work
// folder, the wall-clock limit and killing what the child left behind.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <thread>

#include "sandbox/launcher.h"

namespace kata {
namespace {

struct Run {
  std::unique_ptr<WorkFolder> work;
  RunOutcome outcome;
};

Run RunShell(const std::string& script, SandboxLimits limits = {}, std::string stdin_data = "") {
  Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create();
  REQUIRE(work.ok());
  LaunchSpec spec;
  spec.argv = {"/bin/sh", "-c", script};
  spec.env = {"PATH=/usr/bin:/bin", "KATA_TEST=1"};
  spec.stdin_data = std::move(stdin_data);
  spec.work_folder = work->get();
  spec.limits = limits;
  std::unique_ptr<Launcher> launcher = MakeProcessLauncher();
  Result<std::unique_ptr<Process>> process = launcher->Start(spec);
  REQUIRE(process.ok());
  RunOutcome outcome = (*process)->Wait();
  return Run{std::move(*work), std::move(outcome)};
}

bool ProcessAlive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string content((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  if (content.empty()) return false;
  size_t close = content.rfind(')');
  return close != std::string::npos && content.size() > close + 2 && content[close + 2] != 'Z';
}

TEST_CASE("exit code, stdout and stderr are reported", "[launcher]") {
  Run run = RunShell("echo out; echo err >&2; exit 7");
  CHECK(run.outcome.end == RunOutcome::End::kExited);
  CHECK(run.outcome.exit_code == 7);
  CHECK(run.outcome.stdout_data == "out\n");
  CHECK(run.outcome.stderr_data == "err\n");
}

TEST_CASE("a child that exits at once is reported at once, not at the deadline", "[launcher]") {
  // Boost 1.74's wait_for would block for the whole timeout here.
  SandboxLimits limits;
  limits.wall_ms = 60000;
  Run run = RunShell("exit 0", limits);
  CHECK(run.outcome.end == RunOutcome::End::kExited);
  CHECK(run.outcome.usage.wall_ms < 30000);
}

TEST_CASE("stdin is fed, even when larger than a pipe buffer", "[launcher]") {
  std::string input(1 << 20, 'x');
  Run run = RunShell("wc -c", {}, input);
  CHECK(run.outcome.stdout_data.find(std::to_string(input.size())) != std::string::npos);
}

TEST_CASE("the child gets only the given environment, in the work folder", "[launcher]") {
  Run run = RunShell("env | sort; pwd");
  CHECK(run.outcome.stdout_data.find("KATA_TEST=1\n") != std::string::npos);
  CHECK(run.outcome.stdout_data.find("HOME=") == std::string::npos);
  CHECK(run.outcome.stdout_data.find(run.work->path().string() + "\n") != std::string::npos);
}

TEST_CASE("the wall-clock limit kills a child that never ends", "[launcher]") {
  SandboxLimits limits;
  limits.wall_ms = 300;
  Run run = RunShell("sleep 30", limits);
  CHECK(run.outcome.end == RunOutcome::End::kWallTimeout);
  CHECK(run.outcome.usage.wall_ms >= 300);
  CHECK(run.outcome.usage.wall_ms < 20000);
}

TEST_CASE("output past the cap is dropped and flagged, and the child is not blocked",
          "[launcher]") {
  SandboxLimits limits;
  limits.output_bytes = 1000;
  Run run = RunShell("head -c 5000000 /dev/zero; echo done >&2", limits);
  CHECK(run.outcome.end == RunOutcome::End::kExited);
  CHECK(run.outcome.stdout_truncated);
  CHECK(run.outcome.stdout_data.size() == 1000);
  CHECK(run.outcome.stderr_data == "done\n");
}

TEST_CASE("the file size limit stops a child writing a huge file", "[launcher]") {
  SandboxLimits limits;
  limits.file_size_bytes = 1 << 20;
  Run run = RunShell("exec head -c 5000000 /dev/zero > big", limits);
  CHECK(run.outcome.end == RunOutcome::End::kSignaled);
  CHECK(run.outcome.signal == SIGXFSZ);
}

TEST_CASE("the CPU usage and peak memory of a run are measured", "[launcher]") {
  Run run = RunShell("i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done");
  CHECK(run.outcome.usage.cpu_ms > 0);
  CHECK(run.outcome.usage.peak_memory_bytes > 0);
}

TEST_CASE("a background process the child started is killed when the run ends",
          "[launcher]") {
  Run run = RunShell("sleep 100 & echo $!");
  pid_t background = std::stoi(run.outcome.stdout_data);
  bool alive = true;
  for (int i = 0; i < 100 && alive; ++i) {
    alive = ProcessAlive(background);
    if (alive) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK_FALSE(alive);
}

TEST_CASE("a program that cannot be started is an error, not a hang", "[launcher]") {
  Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create();
  REQUIRE(work.ok());
  LaunchSpec spec;
  spec.argv = {"/nonexistent/program"};
  spec.work_folder = work->get();
  Result<std::unique_ptr<Process>> process = MakeProcessLauncher()->Start(spec);
  REQUIRE_FALSE(process.ok());
  CHECK_THAT(process.status().message(), Catch::Contains("/nonexistent/program"));
}

TEST_CASE("the work folder never follows a planted symlink and is removed whole",
          "[launcher]") {
  std::string outside = (std::filesystem::temp_directory_path() / "kata-outside-XXXXXX").string();
  REQUIRE(mkdtemp(outside.data()));
  std::ofstream(outside + "/keep") << "keep";
  std::filesystem::path work_path;
  {
    Run run = RunShell("ln -s " + outside + " link; ln -s " + outside + "/keep file; mkdir -p d/e; "
                       "chmod 000 d");
    work_path = run.work->path();
    // Reading or writing through a planted link is refused.
    CHECK_FALSE(run.work->ReadFile("file", 100).ok());
    CHECK_FALSE(run.work->WriteFile("file", "overwritten").ok());
    CHECK_FALSE(run.work->WriteFile("link", "x").ok());
  }
  CHECK_FALSE(std::filesystem::exists(work_path));
  std::ifstream keep(outside + "/keep");
  std::string content;
  keep >> content;
  CHECK(content == "keep");
  std::filesystem::remove_all(outside);
}

}  // namespace
}  // namespace kata

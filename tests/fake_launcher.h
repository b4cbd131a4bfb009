// A Launcher that starts nothing and reports a scripted outcome: for testing how graders
// handle children that crash, hang or talk nonsense.
#pragma once

#include "sandbox/launcher.h"

namespace kata::testing {

class FakeProcess : public Process {
 public:
  explicit FakeProcess(RunOutcome outcome) : outcome_(std::move(outcome)) {}
  std::optional<RunOutcome> WaitFor(std::chrono::milliseconds) override { return outcome_; }
  void Kill() override {}
  void Terminate() override {}
  int pid() const override { return 0; }
  Result<std::string> RunInNetworkNamespace(const std::function<std::string()>& fn) override {
    return fn();
  }

 private:
  RunOutcome outcome_;
};

class FakeLauncher : public Launcher {
 public:
  // outcome is what every started process reports; start_error, when set, fails Start.
  RunOutcome outcome;
  std::optional<Status> start_error;
  LaunchSpec last_spec;

  Result<std::unique_ptr<Process>> Start(const LaunchSpec& spec) override {
    last_spec = spec;
    if (start_error) return *start_error;
    return std::unique_ptr<Process>(new FakeProcess(outcome));
  }
};

}  // namespace kata::testing

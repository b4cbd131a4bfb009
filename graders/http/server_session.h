// The learner's server for one grading: started in the sandbox on the submission's work
// folder, waited for until its port accepts, asked one request at a time from inside the
// sandbox's network, restarted on the same folder when a probe says so, and stopped
// (SIGTERM, a grace, SIGKILL) at the end. Its output is kept across restarts.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "graders/http/http_client.h"
#include "sandbox/launcher.h"

namespace kata::http {

struct ServerConfig {
  std::string command;  // the Procfile's web: line
  int port = 8000;
  std::string database_path;  // as the server sees it
  SandboxLimits limits;
  std::vector<std::string> hidden_paths;
};

class ServerSession {
 public:
  ServerSession(Launcher& launcher, const WorkFolder& work, ServerConfig config)
      : launcher_(launcher), work_(work), config_(std::move(config)) {}
  ~ServerSession() { Stop(); }

  // Starts the server and waits up to startup_ms for its port; an error says why not
  // (it exited, with what; it never listened).
  Status Start(int startup_ms);
  Status Restart(int startup_ms);
  // Stops the server: SIGTERM, then SIGKILL after a grace.
  void Stop();

  // Sends one request; output keeps being drained while it waits.
  Exchange Send(const Request& request, int timeout_ms);

  // How the server ended, when it is no longer running ("exited with code 1", …).
  std::optional<std::string> Ended();
  // What the server printed (stdout and stderr, interleaved per run), capped.
  std::string Output() const;
  bool output_truncated() const { return truncated_; }

 private:
  void Collect(const RunOutcome& outcome);

  Launcher& launcher_;
  const WorkFolder& work_;
  ServerConfig config_;
  std::unique_ptr<Process> process_;
  std::string host_ = "127.0.0.1";
  std::string output_;
  bool truncated_ = false;
  std::optional<std::string> ended_;
};

}  // namespace kata::http

// kata serve: the REST API (BRIEF), learners' tokens, and the grading queue with a bounded
// pool of workers that claim jobs from the store — the same store and graders as the CLI.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "runner/commands.h"
#include "runner/status.h"

namespace kata {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;        // 0: any free port (see KataServer::port)
  int workers = 0;        // 0: the number of cores
  GlobalOptions global;   // --katas
  size_t max_json_bytes = 1 << 20;
  size_t max_upload_bytes = 16 << 20;
  int submissions_per_minute = 30;  // per learner
  std::string helpers_folder;       // where kata-sql-runner is; "": next to this binary
};

// Thread-safe: the HTTP server and the workers each use their own store connection.
class KataServer {
 public:
  explicit KataServer(ServeOptions options);
  ~KataServer();

  // Opens the store, requeues what a dead server left running, starts the workers and
  // binds; returns once the server accepts connections.
  Status Start();
  int port() const { return port_; }
  // Stops accepting, lets running jobs finish (or hands them back to the queue), joins.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

// Runs kata serve until SIGTERM or SIGINT; returns the exit code.
int RunServer(const ServeOptions& options);

// The instructor's token: `token` if given (stored hashed), else the stored one, else a new
// one. Returns the token to print when one was generated, else "".
Result<std::string> EnsureInstructorToken(const std::string& token);

}  // namespace kata

// Starting, probing, restarting and stopping the learner's server.
#include "graders/http/server_session.h"

#include <fmt/format.h>

#include <chrono>
#include <future>
#include <thread>

#include "sandbox/verdict.h"

namespace kata::http {
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {
constexpr int kGraceMs = 1500;
}  // namespace

Status ServerSession::Start(int startup_ms) {
  LaunchSpec spec;
  spec.argv = {"/bin/sh", "-c", config_.command};
  spec.env = {"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/work",
              fmt::format("PORT={}", config_.port),
              "DATABASE_PATH=" + config_.database_path, "PYTHONUNBUFFERED=1", "LANG=C.UTF-8"};
  spec.work_folder = &work_;
  spec.limits = config_.limits;
  spec.hidden_paths = config_.hidden_paths;
  Result<std::unique_ptr<Process>> started = launcher_.Start(spec);
  if (!started.ok()) return started.status();
  process_ = std::move(*started);
  ended_.reset();

  Clock::time_point deadline = Clock::now() + milliseconds(startup_ms);
  while (Clock::now() < deadline) {
    if (std::optional<std::string> how = Ended()) {
      return Status::InvalidArgument(fmt::format("the server {} before it listened on port {}",
                                                 *how, config_.port));
    }
    int port = config_.port;
    Result<std::string> found = process_->RunInNetworkNamespace([port] {
      for (const char* host : {"127.0.0.1", "::1"}) {
        if (Accepts(host, port, 50)) return std::string(host);
      }
      return std::string();
    });
    if (!found.ok()) return found.status();
    if (!found->empty()) {
      host_ = *found;
      return Status::Ok();
    }
    std::this_thread::sleep_for(milliseconds(20));
  }
  Stop();
  return Status::InvalidArgument(fmt::format(
      "the server did not accept connections on port {} within {} ms; it must listen on "
      "127.0.0.1 (or ::1, or 0.0.0.0) at the port in the PORT environment variable",
      config_.port, startup_ms));
}

Status ServerSession::Restart(int startup_ms) {
  Stop();
  return Start(startup_ms);
}

void ServerSession::Stop() {
  if (!process_) return;
  if (!ended_) {
    process_->Terminate();
    std::optional<RunOutcome> outcome = process_->WaitFor(milliseconds(kGraceMs));
    if (!outcome) {
      process_->Kill();
      outcome = process_->Wait();
    }
    Collect(*outcome);
    ended_ = "was stopped";
  }
  process_.reset();
}

Exchange ServerSession::Send(const Request& request, int timeout_ms) {
  if (!process_ || Ended()) {
    Exchange none;
    none.error = fmt::format("the server is not running (it {})", ended_.value_or("stopped"));
    return none;
  }
  std::string host = host_;
  int port = config_.port;
  Process* process = process_.get();
  // The request runs on another thread, inside the sandbox's network; this one keeps
  // draining the server's output so a chatty server never blocks on a full pipe.
  std::future<Result<std::string>> reply = std::async(std::launch::async, [=] {
    return process->RunInNetworkNamespace(
        [&] { return ExchangeToJson(http::Send(host, port, request, timeout_ms)); });
  });
  while (reply.wait_for(milliseconds(5)) != std::future_status::ready) {
    if (!ended_) Ended();
  }
  Result<std::string> text = reply.get();
  if (!text.ok()) {
    Exchange failed;
    failed.error = text.status().message();
    return failed;
  }
  return ExchangeFromJson(*text);
}

std::optional<std::string> ServerSession::Ended() {
  if (ended_) return ended_;
  if (!process_) return std::string("never started");
  std::optional<RunOutcome> outcome = process_->WaitFor(milliseconds(0));
  if (!outcome) return std::nullopt;
  Collect(*outcome);
  RunVerdict verdict = ClassifyRun(*outcome, config_.limits);
  ended_ = verdict.verdict == Verdict::kOk ? "exited with code 0" : verdict.detail;
  return ended_;
}

void ServerSession::Collect(const RunOutcome& outcome) {
  output_ += outcome.stdout_data + outcome.stderr_data;
  truncated_ = truncated_ || outcome.stdout_truncated || outcome.stderr_truncated;
}

std::string ServerSession::Output() const { return output_; }

}  // namespace kata::http

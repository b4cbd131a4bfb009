// The probe client: sends one request to the learner's server and reads the answer. Runs
// inside the sandbox's network namespace (through Process::RunInNetworkNamespace), so its
// results travel as JSON text. Kept apart: cpp-httplib's header is slow to compile.
#pragma once

#include <string>

#include "graders/http/http_checks.h"
#include "graders/http/http_probes.h"

namespace kata::http {

struct Exchange {
  bool answered = false;
  bool timed_out = false;
  std::string error;  // why there is no answer
  Response response;
  int64_t duration_ms = 0;
};

// Sends request (placeholders already substituted) to host:port; never follows redirects.
Exchange Send(const std::string& host, int port, const Request& request, int timeout_ms);

// Whether something accepts TCP connections on host:port (within timeout_ms).
bool Accepts(const std::string& host, int port, int timeout_ms);

std::string ExchangeToJson(const Exchange& exchange);
Exchange ExchangeFromJson(const std::string& text);  // an unanswered Exchange on bad text

}  // namespace kata::http

// The words a learner reads for a failed HTTP probe: the request as a curl command to
// paste, what was expected, what came back, and the hint.
#pragma once

#include <string>

#include "graders/http/http_client.h"
#include "graders/http/http_probes.h"

namespace kata::http {

// curl -i -X POST 'http://127.0.0.1:8000/todos' -H '…' --data-raw '…'
std::string CurlCommand(const Request& request, int port);

// What came back, briefly: status line, the headers the probe looked at, the body's start.
std::string Summary(const Exchange& exchange, const Probe& probe);

}  // namespace kata::http

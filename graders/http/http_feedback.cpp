// Feedback texts for HTTP probes.
#include "graders/http/http_feedback.h"

#include <fmt/format.h>

#include <set>
#include "runner/text.h"

namespace kata::http {
namespace {

constexpr size_t kBodyShown = 300;

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

}  // namespace

std::string CurlCommand(const Request& request, int port) {
  std::string command = "curl -i";
  if (request.method == "HEAD") {
    command += " -I";
  } else if (request.method != "GET") {
    command += " -X " + request.method;
  }
  command += " " + ShellQuote(fmt::format("http://127.0.0.1:{}{}", port, request.path));
  for (const auto& [name, value] : request.headers) {
    command += " -H " + ShellQuote(name + ": " + value);
  }
  if (!request.body.empty()) command += " --data-raw " + ShellQuote(request.body);
  return command;
}

std::string Summary(const Exchange& exchange, const Probe& probe) {
  if (!exchange.answered) return "no answer: " + exchange.error;
  std::set<std::string> shown = {"content-type", "location"};
  for (const Assert& check : probe.asserts) {
    if (check.query.kind == Query::Kind::kHeader) shown.insert(Lower(check.query.argument));
  }
  for (const Capture& capture : probe.captures) {
    if (capture.query.kind == Query::Kind::kHeader) shown.insert(Lower(capture.query.argument));
  }
  std::string text = fmt::format("HTTP {}", exchange.response.status);
  for (const auto& [name, value] : exchange.response.headers) {
    if (shown.count(Lower(name))) text += fmt::format("\n  {}: {}", name, value);
  }
  const std::string& body = exchange.response.body;
  if (!body.empty()) {
    text += "\n  " + body.substr(0, kBodyShown) + (body.size() > kBodyShown ? "…" : "");
  }
  return text;
}

}  // namespace kata::http

// Runs the visible HTTP probes of a kata against a URL.
#include "graders/http/url_tester.h"

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <regex>

#include "graders/http/http_checks.h"
#include "graders/http/http_client.h"
#include "graders/http/http_feedback.h"

namespace kata::http {
namespace {

struct Target {
  std::string host;
  int port = 80;
  std::string prefix;
};

Result<Target> ParseUrl(const std::string& url) {
  static const std::regex kUrl(R"(^http://(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::([0-9]{1,5}))?(/.*)?$)");
  std::smatch m;
  if (!std::regex_match(url, m, kUrl)) {
    return Status::InvalidArgument(fmt::format(
        "'{}' is not a URL kata test can use; give http://HOST:PORT, e.g. http://127.0.0.1:8000",
        url));
  }
  Target target;
  target.host = m[1];
  if (target.host.front() == '[') target.host = target.host.substr(1, target.host.size() - 2);
  if (m[2].matched) target.port = std::stoi(m[2]);
  target.prefix = m[3].matched ? m[3].str() : "";
  while (!target.prefix.empty() && target.prefix.back() == '/') target.prefix.pop_back();
  return target;
}

std::string LeftOut(const Probe& probe) {
  if (probe.hidden) return "a hidden probe; it runs in kata submit";
  if (probe.restart) return "it restarts the server; kata submit does that in the sandbox";
  if (!probe.sql.empty()) return "a database probe; it runs in kata submit";
  return "";
}

}  // namespace

Result<GradeResult> TestAgainstUrl(const KataSpec& spec, const std::string& base_url,
                                   const ProgressFn& progress) {
  Result<Target> target = ParseUrl(base_url);
  if (!target.ok()) return target.status();
  auto start = std::chrono::steady_clock::now();
  GradeResult result;
  result.kata = spec.id;
  std::map<std::string, std::string> captures;
  for (size_t i = 0; i < spec.http_probes.size(); ++i) {
    const Probe& probe = spec.http_probes[i];
    TestResult test{probe.name, TestStatus::kSkipped, 0, probe.points, "", probe.hidden, 0};
    std::string missing;
    for (const std::string& name : probe.Uses()) {
      if (!captures.count(name)) missing = name;
    }
    if (std::string why = LeftOut(probe); !why.empty()) {
      test.message = "Left out: " + why + ".";
      test.max_score = 0;  // the score counts only what kata test can run
    } else if (!missing.empty()) {
      test.message = fmt::format("Not run: it needs {{{{{}}}}}, which an earlier probe did not "
                                 "capture.",
                                 missing);
    } else if (probe.request) {
      Request request = Substituted(*probe.request, captures);
      request.path = target->prefix + request.path;
      Exchange exchange = Send(target->host, target->port, request, spec.limits.time_ms);
      test.duration_ms = exchange.duration_ms;
      std::string found = exchange.answered ? CheckResponse(probe, exchange.response, captures)
                                            : exchange.error;
      if (found.empty()) {
        test.status = TestStatus::kPass;
        test.score = probe.points;
        test.message = "Passed.";
      } else {
        test.status = TestStatus::kFail;
        test.message = fmt::format("{}\nRequest: {}\nFound: {}", probe.hint,
                                   CurlCommand(request, target->port), found);
        if (exchange.answered) test.message += "\nGot: " + Summary(exchange, probe);
      }
    }
    result.tests.push_back(std::move(test));
    if (progress) progress(result.tests.back(), i, spec.http_probes.size());
  }
  result.output = "kata test ran the visible HTTP probes against " + base_url +
                  "; nothing was stored. Database probes, restarts and hidden probes run with "
                  "kata submit.";
  result.Finish(true);
  result.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - start)
                           .count();
  return result;
}

}  // namespace kata::http

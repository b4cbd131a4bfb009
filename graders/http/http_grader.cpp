// Grades an http kata: unpack the submission, seed the database, start the server, run
// the probes in order (sharing captures), stop the server, explain every failure.
#include "graders/http/http_grader.h"

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <regex>

#include "graders/http/db_probe.h"
#include "graders/http/http_checks.h"
#include "graders/http/http_feedback.h"
#include "graders/http/server_session.h"
#include "graders/runner_child.h"
#include "runner/sqlite.h"
#include "sandbox/archive.h"

namespace kata::http {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kPort = 8000;
constexpr const char* kDatabaseFile = "data.db";
constexpr size_t kOutputShown = 8 << 10;

// The web: line of the Procfile.
Result<std::string> WebCommand(const WorkFolder& work) {
  Result<std::string> procfile = work.ReadFile("Procfile", 64 << 10);
  if (!procfile.ok()) {
    return Status::InvalidArgument("the submission has no Procfile; add one with a line "
                                   "`web: COMMAND` that starts your server");
  }
  static const std::regex kWeb(R"(^\s*web\s*:\s*(.+?)\s*$)");
  std::istringstream lines(*procfile);
  std::string line;
  std::smatch m;
  while (std::getline(lines, line)) {
    if (std::regex_match(line, m, kWeb)) return m[1].str();
  }
  return Status::InvalidArgument("the Procfile has no `web: COMMAND` line");
}

// The kata's fixtures as a fresh SQLite file the server may write.
Status SeedDatabase(const KataSpec& spec, WorkFolder& work) {
  Result<Database> db = Database::Open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!db.ok()) return db.status();
  KATA_RETURN_IF_ERROR(db->Exec(spec.schema_sql));
  KATA_RETURN_IF_ERROR(db->Exec(spec.seed_sql));
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite3_serialize(db->get(), "main", &size, 0);
  // A database nothing was written to serialises to nothing: an empty file is one too.
  std::string data(bytes ? reinterpret_cast<const char*>(bytes) : "", static_cast<size_t>(size));
  sqlite3_free(bytes);
  return work.WriteFile(kDatabaseFile, data, 0666);
}

SandboxLimits ServerLimits(const KataSpec& spec) {
  int64_t probes = static_cast<int64_t>(spec.http_probes.size());
  int64_t restarts = 1;
  for (const Probe& probe : spec.http_probes) restarts += probe.restart ? 1 : 0;
  SandboxLimits limits;
  limits.wall_ms = restarts * spec.limits.startup_ms + probes * (spec.limits.time_ms + 500) + 10000;
  limits.cpu_ms = limits.wall_ms;
  limits.memory_bytes = std::max<int64_t>(512LL << 20, int64_t{spec.limits.memory_mb} << 20);
  limits.max_processes = 64;
  limits.open_files = 256;
  limits.file_size_bytes = 64LL << 20;
  limits.output_bytes = 256 << 10;
  return limits;
}

std::string Tail(const std::string& text, size_t size) {
  if (text.size() <= size) return text;
  return fmt::format("… ({} bytes before this cut)\n{}", text.size() - size,
                     text.substr(text.size() - size));
}

// Runs one probe; "" when it passes, else what went wrong. Fills captures and verdict.
struct ProbeRun {
  std::string observed;
  std::optional<Request> sent;
  std::optional<Exchange> exchange;
};

ProbeRun RunProbe(const KataSpec& spec, const Probe& probe, ServerSession& session,
                  const WorkFolder& work, std::map<std::string, std::string>& captures,
                  Verdict& verdict) {
  ProbeRun run;
  if (probe.restart) {
    Status restarted = session.Restart(spec.limits.startup_ms);
    if (!restarted.ok()) {
      verdict = WorseVerdict(verdict, Verdict::kRuntimeError);
      run.observed = "restarting the server failed: " + restarted.message();
      return run;
    }
  }
  if (probe.request) {
    Request request = Substituted(*probe.request, captures);
    run.sent = request;
    Exchange exchange = session.Send(request, spec.limits.time_ms);
    run.exchange = exchange;
    if (!exchange.answered) {
      verdict = WorseVerdict(verdict, exchange.timed_out ? Verdict::kTimeLimit
                                                         : Verdict::kRuntimeError);
      run.observed = exchange.error;
      return run;
    }
    run.observed = CheckResponse(probe, exchange.response, captures);
    if (!run.observed.empty()) return run;
  }
  if (!probe.sql.empty()) {
    std::string sql = Substitute(probe.sql, captures);
    run.observed = RunDatabaseProbe(work, kDatabaseFile, sql, probe.sql_expected);
    if (!run.observed.empty()) run.observed = fmt::format("`{}`: {}", sql, run.observed);
  }
  return run;
}

std::string FailureMessage(const Probe& probe, const ProbeRun& run) {
  if (probe.hidden) return probe.hint;
  std::string text = probe.hint;
  if (run.sent) text += "\nRequest: " + CurlCommand(*run.sent, kPort);
  text += "\nFound: " + run.observed;
  if (run.exchange && run.exchange->answered) text += "\nGot: " + Summary(*run.exchange, probe);
  return text;
}

}  // namespace

GradeResult HttpGrader::GradeSubmission(const KataSpec& spec, const std::string& source,
                              const ProgressFn& progress) const {
  Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create({}, 64LL << 20);
  if (!work.ok()) {
    return UngradedResult(spec, Verdict::kSandboxError, work.status().message(), "");
  }
  Status unpacked = ExtractArchive(source, **work);
  Result<std::string> command = unpacked.ok() ? WebCommand(**work) : Result<std::string>(unpacked);
  if (!command.ok()) {
    return UngradedResult(spec, Verdict::kStartFailed, "the server could not be started",
                                 command.status().message());
  }
  Status seeded = SeedDatabase(spec, **work);
  if (!seeded.ok()) {
    return UngradedResult(spec, Verdict::kSandboxError, "this kata's fixtures do not load",
                                 seeded.message() + "; run `kata validate` on the kata");
  }
  ServerSession session(launcher_, **work,
                        ServerConfig{*command, kPort, std::string("/work/") + kDatabaseFile,
                                     ServerLimits(spec), hidden_paths_});
  Status started = session.Start(spec.limits.startup_ms);
  if (!started.ok()) {
    session.Stop();
    return UngradedResult(spec, Verdict::kStartFailed, started.message(),
                                 "Your server could not be graded: " + started.message() +
                                     "\n\nServer output:\n" + Tail(session.Output(), kOutputShown));
  }
  GradeResult result;
  result.kata = spec.id;
  std::map<std::string, std::string> captures;
  std::map<std::string, std::string> capture_owner;  // capture -> the probe that makes it
  for (const Probe& probe : spec.http_probes) {
    for (const Capture& capture : probe.captures) capture_owner.emplace(capture.name, probe.name);
  }
  for (size_t i = 0; i < spec.http_probes.size(); ++i) {
    const Probe& probe = spec.http_probes[i];
    Clock::time_point probe_start = Clock::now();
    TestResult test{probe.name, TestStatus::kFail, 0, probe.points, "", probe.hidden, 0};
    std::string missing;
    for (const std::string& name : probe.Uses()) {
      if (!captures.count(name)) missing = name;
    }
    if (!missing.empty()) {
      test.status = TestStatus::kSkipped;
      test.message = fmt::format("Not run: it needs {{{{{}}}}}, which probe \"{}\" did not capture.",
                                 missing, capture_owner.count(missing) ? capture_owner[missing] : "?");
    } else {
      ProbeRun run = RunProbe(spec, probe, session, **work, captures, result.verdict);
      if (run.observed.empty()) {
        test.status = TestStatus::kPass;
        test.score = probe.points;
        test.message = "Passed.";
      } else {
        test.message = FailureMessage(probe, run);
      }
    }
    test.duration_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - probe_start).count();
    result.tests.push_back(std::move(test));
    if (progress) progress(result.tests.back(), i, spec.http_probes.size());
  }
  std::optional<std::string> ended = session.Ended();
  session.Stop();
  if (ended && *ended != "was stopped") result.verdict = WorseVerdict(result.verdict, Verdict::kRuntimeError);
  if (session.output_truncated()) result.verdict = WorseVerdict(result.verdict, Verdict::kOutputLimit);
  std::string output = Tail(session.Output(), kOutputShown);
  if (!output.empty()) result.output = "Server output:\n" + output;
  result.Finish(true);
  return result;
}

std::unique_ptr<Grader> MakeHttpGrader(const GraderContext& context) {
  return std::make_unique<HttpGrader>(*context.launcher, context.hidden_paths);
}

}  // namespace kata::http

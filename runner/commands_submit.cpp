// kata submit, history and feedback: a learner's submissions.
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <ctime>
#include <iostream>

#include "runner/command_support.h"
#include "runner/remote.h"
#include "runner/formats.h"
#include "runner/submission.h"
#include "runner/terminal.h"

namespace kata {
namespace {

void PrintResult(const GradeResult& result, const Terminal& term, bool probes) {
  if (probes) {
    for (const TestResult& test : result.tests) std::cout << term.ProbeLine(test);
  }
  std::cout << term.Summary(result);
}

std::string LocalTime(int64_t unix_ms) {
  std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  return fmt::format("{:%Y-%m-%d %H:%M}", local);
}

}  // namespace

int CmdSubmit(const GlobalOptions& global, const std::string& id, const std::string& path,
              const std::string& format_name) {
  if (!global.server.empty()) return RemoteSubmit(global, id, path);
  std::optional<ResultFormat> format;
  GlobalOptions options = global;
  if (!format_name.empty()) {
    format = ParseResultFormat(format_name);
    if (!format) {
      return Fail(options, kExitUsage,
                  fmt::format("unknown format '{}'; use json, gradescope, exercism or junit",
                              format_name));
    }
    options.json = true;  // no terminal output: only the format
  }
  Result<KataSpec> spec = LoadKataById(options, id);
  if (!spec.ok()) return Fail(options, ExitCodeFor(spec.status()), spec.status().message());
  Result<SubmittedFile> file = ReadSubmission(*spec, path.empty() ? "." : path);
  if (!file.ok()) return Fail(options, ExitCodeFor(file.status()), file.status().message());
  std::unique_ptr<Grader> grader = MakeGrader(spec->kind, ProcessGraderContext(options));
  if (!grader) {
    return Fail(options, kExitUsage,
                fmt::format("kata {} is of kind {}, which this version of kata cannot grade yet",
                            id, KindName(spec->kind)));
  }
  Result<std::unique_ptr<Store>> store = OpenStore();
  if (!store.ok()) return Fail(options, kExitInternal, store.status().message());

  Terminal term(stdout);
  ProgressFn progress;
  if (!options.json) {
    std::cout << term.Bold("Grading " + id) << term.Dim(" · " + file->name) << "\n";
    progress = [&term](const TestResult& test, size_t, size_t) {
      std::cout << term.ProbeLine(test) << std::flush;
    };
  }
  Result<GradeResult> result =
      SubmitAndGrade(**store, *grader, *spec, *file, LocalLearner(), progress);
  if (!result.ok()) return Fail(options, kExitInternal, result.status().message());
  if (format) {
    std::cout << FormatResult(*result, *format);
  } else if (options.json) {
    std::cout << DumpJson(ToJson(*result), 2) << "\n";
  } else {
    // Probes already streamed; an ungraded one has none to show, its output says why.
    PrintResult(*result, term, false);
  }
  return ExitCodeFor(*result);
}

int CmdHistory(const GlobalOptions& options, const std::string& id) {
  if (!options.server.empty()) return RemoteHistory(options, id);
  Result<std::unique_ptr<Store>> store = OpenStore();
  if (!store.ok()) return Fail(options, kExitInternal, store.status().message());
  Result<std::vector<SubmissionRecord>> history = (*store)->History(LocalLearner(), id);
  if (!history.ok()) return Fail(options, kExitInternal, history.status().message());
  if (options.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const SubmissionRecord& record : *history) {
      nlohmann::json item = {{"id", record.id},         {"kata", record.kata},
                             {"created_ms", record.created_ms}, {"state", record.state},
                             {"status", nullptr},       {"score", nullptr},
                             {"max_score", nullptr}};
      if (record.result) {
        item["status"] = GradeStatusName(record.result->status);
        item["score"] = record.result->score;
        item["max_score"] = record.result->max_score;
      }
      list.push_back(std::move(item));
    }
    std::cout << DumpJson(list, 2) << "\n";
    return kExitOk;
  }
  if (history->empty()) {
    std::cout << (id.empty() ? "No submissions yet." : "No submissions for " + id + " yet.")
              << " Submit one with: kata submit ID PATH\n";
    return kExitOk;
  }
  Terminal term(stdout);
  std::vector<std::vector<std::string>> rows = {{term.Bold("SUBMISSION"), term.Bold("WHEN"),
                                                 term.Bold("KATA"), term.Bold("STATUS"),
                                                 term.Bold("SCORE")}};
  for (const SubmissionRecord& record : *history) {
    std::string status = record.state, score = "";
    if (record.result) {
      status = GradeStatusName(record.result->status);
      status = record.result->status == GradeStatus::kPass ? term.Green(status) : term.Red(status);
      score = fmt::format("{}/{}", record.result->score, record.result->max_score);
    }
    rows.push_back({record.id, LocalTime(record.created_ms), record.kata, status, score});
  }
  std::cout << FormatTable(rows);
  return kExitOk;
}

int CmdFeedback(const GlobalOptions& options, const std::string& submission_id) {
  if (!options.server.empty()) return RemoteFeedback(options, submission_id);
  Result<std::unique_ptr<Store>> store = OpenStore();
  if (!store.ok()) return Fail(options, kExitInternal, store.status().message());
  Result<SubmissionRecord> record = (*store)->GetSubmission(submission_id);
  if (!record.ok() || record->learner != LocalLearner()) {
    return Fail(options, kExitUsage,
                fmt::format("no submission '{}'; run `kata history` to see your submissions' ids",
                            submission_id));
  }
  if (!record->result) {
    return Fail(options, kExitInternal,
                fmt::format("submission {} has no result yet (state {}); it was not graded to "
                            "the end — submit it again",
                            submission_id, record->state));
  }
  if (options.json) {
    std::cout << DumpJson(ToJson(*record->result), 2) << "\n";
    return kExitOk;
  }
  Terminal term(stdout);
  std::cout << term.Bold(fmt::format("{} · {}", record->kata, record->file_name))
            << term.Dim(" · submitted " + LocalTime(record->created_ms)) << "\n";
  PrintResult(*record->result, term, true);
  return kExitOk;
}

}  // namespace kata

// Proves a kata valid by grading its reference and bad solutions.
#include "runner/validate.h"

#include <fmt/format.h>

#include <algorithm>

#include "runner/lint.h"
#include "runner/submission.h"

namespace kata {
namespace fs = std::filesystem;
namespace {

// The index of the probe that name refers to (a dataset stem or a case label).
std::optional<size_t> ProbeIndex(const KataSpec& spec, const std::string& name) {
  std::vector<ProbeInfo> probes = spec.Probes();
  for (size_t i = 0; i < probes.size(); ++i) {
    const std::vector<std::string>& aliases = probes[i].aliases;
    if (std::find(aliases.begin(), aliases.end(), name) != aliases.end()) return i;
  }
  return std::nullopt;
}

// folder: "solution", or another reference such as "solution-node".
void CheckReference(const KataSpec& spec, const Grader& grader, const std::string& folder,
                    ValidationReport& report) {
  fs::path file = spec.dir / folder / spec.SubmissionFileName();
  Result<SubmittedFile> solution = ReadSubmission(spec, file);
  if (!solution.ok()) {
    report.problems.push_back(solution.status().message());
    return;
  }
  GradeResult result = grader.Grade(spec, solution->source, nullptr);
  if (result.status == GradeStatus::kPass) {
    report.checks.push_back(fmt::format("{} scores {}/{}",
                                        folder == "solution" ? "reference" : folder, result.score,
                                        result.max_score));
    return;
  }
  std::string why = result.output;
  for (const TestResult& test : result.tests) {
    if (test.status != TestStatus::kPass) {
      why += fmt::format("\n    probe \"{}\": {}", test.name, test.message);
    }
  }
  report.problems.push_back(fmt::format(
      "{}: the reference solution scores {}/{} (verdict {}), not full marks; fix the "
      "solution or the {}:\n    {}",
      file.string(), result.score, result.max_score, VerdictName(result.verdict),
      spec.kind == KataKind::kSql ? "datasets" : "probes", why));
}

void CheckBad(const KataSpec& spec, const Grader& grader, const BadSolution& bad,
              ValidationReport& report) {
  fs::path file = bad.dir / spec.SubmissionFileName();
  Result<SubmittedFile> source = ReadSubmission(spec, file);
  if (!source.ok()) {
    report.problems.push_back(source.status().message());
    return;
  }
  GradeResult result = grader.Grade(spec, source->source, nullptr);
  if (result.verdict == Verdict::kCompileError) {
    report.problems.push_back(fmt::format(
        "{}: bad solution \"{}\" is rejected before it runs ({}), so it shows no probe "
        "catching a mistake; make it a submission that runs and gets the answer wrong",
        file.string(), bad.name, result.output));
    return;
  }
  if (result.status == GradeStatus::kError && result.verdict != Verdict::kTimeLimit) {
    report.problems.push_back(fmt::format("{}: could not be graded (verdict {}): {}",
                                          file.string(), VerdictName(result.verdict),
                                          result.output));
    return;
  }
  std::vector<std::string> caught;
  for (const std::string& name : bad.expect) {
    std::optional<size_t> index = ProbeIndex(spec, name);
    if (!index || index >= result.tests.size()) continue;  // the loader checked the names
    if (result.tests[*index].status == TestStatus::kPass) {
      report.problems.push_back(fmt::format(
          "{}: bad solution \"{}\" passes probe \"{}\", which its EXPECT says it must fail; the "
          "probes do not catch this mistake: add a dataset that does, or correct EXPECT",
          (bad.dir / "EXPECT").string(), bad.name, name));
    } else {
      caught.push_back(name);
    }
  }
  if (caught.size() == bad.expect.size()) {
    report.checks.push_back(fmt::format("bad/{} fails {}", bad.name, fmt::join(caught, ", ")));
  }
}

}  // namespace

ValidationReport ValidateKata(const fs::path& dir, const GraderContext& context) {
  ValidationReport report;
  report.dir = dir;
  Result<KataSpec> spec = LoadKata(dir);
  if (!spec.ok()) {
    report.problems.push_back(spec.status().message());
    return report;
  }
  report.loaded = true;
  // Lint first: a reader's findings, then the proof by grading.
  for (std::string& problem : LintKata(*spec)) report.problems.push_back(std::move(problem));
  report.warnings = LintTodos(*spec);
  std::unique_ptr<Grader> grader = MakeGrader(spec->kind, context);
  if (!grader) {
    report.problems.push_back(fmt::format(
        "{}: kind \"{}\" cannot be graded by this version of kata", (dir / "kata.toml").string(),
        KindName(spec->kind)));
    return report;
  }
  if (spec->bad.empty()) {
    report.problems.push_back(fmt::format(
        "{}: no bad/ solution; add at least one known-wrong solution with an EXPECT file, so "
        "the probes are shown to catch a real mistake",
        (dir / "bad").string()));
  }
  CheckReference(*spec, *grader, "solution", report);
  // Other references (solution-node, …) must score full marks too.
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory() && name.rfind("solution-", 0) == 0) {
      CheckReference(*spec, *grader, name, report);
    }
  }
  for (const BadSolution& bad : spec->bad) CheckBad(*spec, *grader, bad, report);
  return report;
}

}  // namespace kata

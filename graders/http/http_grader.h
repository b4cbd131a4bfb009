// The HTTP grader: starts the learner's server in the sandbox and grades it with the
// kata's probes.http — HTTP probes from inside the sandbox's network, database probes on
// the SQLite file the server wrote, restarts to check that data survives.
#pragma once

#include <string>
#include <vector>

#include "graders/grader.h"

namespace kata::http {

class HttpGrader : public Grader {
 public:
  // launcher must outlive the grader.
  HttpGrader(Launcher& launcher, std::vector<std::string> hidden_paths = {})
      : launcher_(launcher), hidden_paths_(std::move(hidden_paths)) {}

  // source: the submitted folder as a tar archive (see PackFolder).
  GradeResult GradeSubmission(const KataSpec& spec, const std::string& source,
                              const ProgressFn& progress) const override;

 private:
  Launcher& launcher_;
  std::vector<std::string> hidden_paths_;
};

std::unique_ptr<Grader> MakeHttpGrader(const GraderContext& context);

}  // namespace kata::http

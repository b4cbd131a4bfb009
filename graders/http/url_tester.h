// kata test: a kata's visible HTTP probes against a server the learner runs themselves —
// the fast inner loop while they work. No sandbox, nothing stored; database probes,
// restarts and hidden probes are left out (each is reported as skipped, with why).
#pragma once

#include <string>

#include "graders/grader.h"

namespace kata::http {

// base_url: http://HOST:PORT (a path prefix is kept). An error Status for a URL that is not
// of that form.
Result<GradeResult> TestAgainstUrl(const KataSpec& spec, const std::string& base_url,
                                   const ProgressFn& progress);

}  // namespace kata::http

// Picks the grader for a kata kind.
#include "graders/grader.h"

#include <chrono>

#include "graders/http/http_grader.h"
#include "graders/schema/schema_grader.h"
#include "graders/sql/sql_grader.h"

namespace kata {

GradeResult Grader::Grade(const KataSpec& spec, const std::string& source,
                          const ProgressFn& progress) const {
  auto start = std::chrono::steady_clock::now();
  GradeResult result = GradeSubmission(spec, source, progress);
  result.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - start)
                           .count();
  return result;
}

std::unique_ptr<Grader> MakeGrader(KataKind kind, const GraderContext& context) {
  if (kind == KataKind::kSql) return sql::MakeSqlGrader(context);
  if (kind == KataKind::kSchema) return schema::MakeSchemaGrader(context);
  if (kind == KataKind::kHttp) return http::MakeHttpGrader(context);
  return nullptr;
}

}  // namespace kata

// Picks the grader for a kata kind.
#include "graders/grader.h"

#include "graders/http/http_grader.h"
#include "graders/schema/schema_grader.h"
#include "graders/sql/sql_grader.h"

namespace kata {

std::unique_ptr<Grader> MakeGrader(KataKind kind, const GraderContext& context) {
  if (kind == KataKind::kSql) return sql::MakeSqlGrader(context);
  if (kind == KataKind::kSchema) return schema::MakeSchemaGrader(context);
  if (kind == KataKind::kHttp) return http::MakeHttpGrader(context);
  return nullptr;
}

}  // namespace kata

// Picks the grader for a kata kind.
#include "graders/grader.h"

#include "graders/sql/sql_grader.h"

namespace kata {

std::unique_ptr<Grader> MakeGrader(KataKind kind, const GraderContext& context) {
  if (kind == KataKind::kSql) return sql::MakeSqlGrader(context);
  return nullptr;
}

}  // namespace kata

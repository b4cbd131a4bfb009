// kata-sql-runner: runs one learner query on the datasets named on stdin; started by the
// SQL grader through the launcher, never by hand.
#include <iostream>

#include "graders/sql/query_runner.h"

int main() {
  std::ios::sync_with_stdio(false);
  return kata::sql::QueryRunnerMain(std::cin, std::cout);
}

// kata-sql-runner: the child the SQL and schema graders start in the sandbox, never run by
// hand. Reads one JSON request on stdin — a query to run on datasets, or (mode "schema")
// DDL to apply and probe — and writes the JSON response on stdout.
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "graders/schema/schema_runner.h"
#include "graders/sql/query_runner.h"

int main() {
  std::ios::sync_with_stdio(false);
  std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  nlohmann::json response;
  try {
    nlohmann::json request = nlohmann::json::parse(input);
    if (request.value("mode", "query") == "schema") {
      response = kata::schema::ToJson(
          kata::schema::RunSchema(kata::schema::SchemaRequestFromJson(request)));
    } else {
      response = kata::sql::ToJson(kata::sql::RunQueries(kata::sql::QueryRequestFromJson(request)));
    }
  } catch (const std::exception& error) {
    std::cerr << "kata-sql-runner: bad request: " << error.what() << "\n";
    return 2;
  }
  std::cout << response.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  std::cout.flush();
  return std::cout ? 0 : 3;
}

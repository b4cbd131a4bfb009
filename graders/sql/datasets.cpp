// Builds dataset databases and runs the reference query on them.
#include "graders/sql/datasets.h"

#include <fmt/format.h>

#include "runner/sqlite.h"

namespace kata::sql {
namespace {

Result<ResultSet> RunReference(Database& db, const std::string& sql) {
  Result<Statement> stmt = db.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  ResultSet result;
  int columns = sqlite3_column_count(stmt->get());
  for (int i = 0; i < columns; ++i) result.columns.push_back(sqlite3_column_name(stmt->get(), i));
  while (stmt->Step()) {
    Row row;
    for (int i = 0; i < columns; ++i) row.push_back(ReadColumn(stmt->get(), i));
    result.rows.push_back(std::move(row));
  }
  if (!stmt->status().ok()) return stmt->status();
  return result;
}

// The database's bytes, as they would be on disk.
Result<std::string> Serialize(Database& db) {
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite3_serialize(db.get(), "main", &size, 0);
  if (!bytes) return Status::Internal("cannot serialise the dataset: out of memory");
  std::string data(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size));
  sqlite3_free(bytes);
  return data;
}

}  // namespace

Result<std::vector<PreparedDataset>> PrepareDatasets(const KataSpec& spec,
                                                     const std::string& solution,
                                                     WorkFolder& work) {
  std::vector<PreparedDataset> prepared;
  for (size_t i = 0; i < spec.datasets.size(); ++i) {
    const Dataset& dataset = spec.datasets[i];
    Result<Database> db = Database::Open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db.ok()) return db.status();
    Status built = db->Exec(spec.schema_sql);
    if (built.ok()) built = db->Exec(dataset.sql);
    if (!built.ok()) {
      return Status::Internal(fmt::format(
          "kata {}: fixtures/schema.sql + fixtures/{}.sql do not load: {}", spec.id,
          dataset.stem, built.message()));
    }
    KATA_RETURN_IF_ERROR(db->Exec("PRAGMA query_only = ON"));
    Result<ResultSet> expected = RunReference(*db, solution);
    if (!expected.ok()) {
      return Status::Internal(fmt::format("kata {}: solution/{} fails on fixtures/{}.sql: {}",
                                          spec.id, spec.SubmissionFileName(), dataset.stem,
                                          expected.status().message()));
    }
    Result<std::string> bytes = Serialize(*db);
    if (!bytes.ok()) return bytes.status();
    std::string file = fmt::format("d{}.db", i);
    KATA_RETURN_IF_ERROR(work.WriteFile(file, *bytes, 0444));
    prepared.push_back(PreparedDataset{file, std::move(*expected)});
  }
  return prepared;
}

}  // namespace kata::sql

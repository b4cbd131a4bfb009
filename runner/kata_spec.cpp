// Loads katas/ID/ into a KataSpec and reports malformed ones precisely.
#include "runner/kata_spec.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <toml++/toml.h>
#include "runner/text.h"

namespace kata {
namespace fs = std::filesystem;

std::string KindName(KataKind kind) {
  switch (kind) {
    case KataKind::kSql: return "sql";
    case KataKind::kSchema: return "schema";
    case KataKind::kHttp: return "http";
  }
  return "?";
}

std::string KataSpec::SubmissionFileName() const {
  switch (kind) {
    case KataKind::kSql: return "query.sql";
    case KataKind::kSchema: return "schema.sql";
    case KataKind::kHttp: return "Procfile";
  }
  return "";
}

std::vector<ProbeInfo> KataSpec::Probes() const {
  std::vector<ProbeInfo> probes;
  for (const Dataset& dataset : datasets) {
    probes.push_back(
        ProbeInfo{dataset.label, {dataset.label, dataset.stem}, dataset.points, dataset.hidden});
  }
  for (const schema::Probe& probe : schema_probes) {
    probes.push_back(ProbeInfo{probe.name, {probe.name}, probe.points, probe.hidden});
  }
  for (const http::Probe& probe : http_probes) {
    probes.push_back(ProbeInfo{probe.name, {probe.name}, probe.points, probe.hidden});
  }
  return probes;
}

int KataSpec::MaxScore() const {
  int total = 0;
  for (const ProbeInfo& probe : Probes()) total += probe.points;
  return total;
}

Result<std::string> ReadTextFile(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    return Status::NotFound(fmt::format("{}: file not found", path.string()));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument(fmt::format("{}: cannot be read", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

std::string Describe(const toml::node& node) {
  if (const auto* text = node.as_string()) return fmt::format("\"{}\"", text->get());
  if (const auto* number = node.as_integer()) return std::to_string(number->get());
  if (const auto* real = node.as_floating_point()) return fmt::format("{}", real->get());
  if (const auto* flag = node.as_boolean()) return flag->get() ? "true" : "false";
  if (node.is_array()) return "an array";
  if (node.is_table()) return "a table";
  return "a date or time";
}

// Collects the fields of kata.toml with messages that name the file and the field.
class TomlReader {
 public:
  TomlReader(const toml::table& table, std::string file) : table_(table), file_(std::move(file)) {}

  Status Text(std::string_view key, std::string& out, bool required = true) {
    const toml::node* node = table_.at_path(key).node();
    if (!node) return required ? Missing(key, "a string") : Status::Ok();
    if (!node->is_string()) return Wrong(key, "a string", *node);
    out = node->as_string()->get();
    if (required && out.empty()) return Wrong(key, "a non-empty string", *node);
    return Status::Ok();
  }

  Status Integer(std::string_view key, int& out, int low, int high, bool required) {
    const toml::node* node = table_.at_path(key).node();
    std::string expected = fmt::format("an integer from {} to {}", low, high);
    if (!node) return required ? Missing(key, expected) : Status::Ok();
    if (!node->is_integer()) return Wrong(key, expected, *node);
    int64_t value = node->as_integer()->get();
    if (value < low || value > high) return Wrong(key, expected, *node);
    out = static_cast<int>(value);
    return Status::Ok();
  }

  Status Boolean(std::string_view key, bool& out) {
    const toml::node* node = table_.at_path(key).node();
    if (!node) return Status::Ok();
    if (!node->is_boolean()) return Wrong(key, "true or false", *node);
    out = node->as_boolean()->get();
    return Status::Ok();
  }

  Status Real(std::string_view key, double& out) {
    const toml::node* node = table_.at_path(key).node();
    if (!node) return Status::Ok();
    std::optional<double> value = node->value<double>();
    if (!value || *value < 0) return Wrong(key, "a number >= 0", *node);
    out = *value;
    return Status::Ok();
  }

  Status Strings(std::string_view key, std::vector<std::string>& out) {
    const toml::node* node = table_.at_path(key).node();
    if (!node) return Missing(key, "an array of strings (may be empty: [])");
    const toml::array* array = node->as_array();
    if (!array) return Wrong(key, "an array of strings", *node);
    for (const toml::node& item : *array) {
      if (!item.is_string()) return Wrong(key, "an array of strings", item);
      out.push_back(item.as_string()->get());
    }
    return Status::Ok();
  }

 private:
  Status Missing(std::string_view key, std::string_view expected) const {
    return Status::InvalidArgument(
        fmt::format("{}: field `{}` is missing; expected {}", file_, key, expected));
  }
  Status Wrong(std::string_view key, std::string_view expected, const toml::node& node) const {
    return Status::InvalidArgument(fmt::format("{}:{}: field `{}`: expected {}, got {}", file_,
                                               node.source().begin.line, key, expected,
                                               Describe(node)));
  }

  const toml::table& table_;
  std::string file_;
};

Status ReadKataToml(const fs::path& dir, KataSpec& spec) {
  fs::path file = dir / "kata.toml";
  Result<std::string> text = ReadTextFile(file);
  if (!text.ok()) return text.status();
  toml::table parsed;
  try {
    parsed = toml::parse(*text, file.string());
  } catch (const toml::parse_error& error) {
    return Status::InvalidArgument(fmt::format("{}:{}:{}: not valid TOML: {}", file.string(),
                                               error.source().begin.line,
                                               error.source().begin.column, error.description()));
  }
  TomlReader reader(parsed, file.string());
  std::string kind;
  KATA_RETURN_IF_ERROR(reader.Text("id", spec.id));
  KATA_RETURN_IF_ERROR(reader.Text("title", spec.title));
  KATA_RETURN_IF_ERROR(reader.Text("kind", kind));
  KATA_RETURN_IF_ERROR(reader.Integer("difficulty", spec.difficulty, 1, 5, true));
  KATA_RETURN_IF_ERROR(reader.Strings("tags", spec.tags));
  KATA_RETURN_IF_ERROR(reader.Text("summary", spec.summary));
  KATA_RETURN_IF_ERROR(reader.Boolean("grading.ordered", spec.grading.ordered));
  KATA_RETURN_IF_ERROR(reader.Boolean("grading.names", spec.grading.names));
  KATA_RETURN_IF_ERROR(reader.Real("grading.tolerance", spec.grading.tolerance));
  KATA_RETURN_IF_ERROR(reader.Integer("limits.time_ms", spec.limits.time_ms, 10, 600000, false));
  KATA_RETURN_IF_ERROR(reader.Integer("limits.memory_mb", spec.limits.memory_mb, 4, 16384, false));
  KATA_RETURN_IF_ERROR(
      reader.Integer("limits.startup_ms", spec.limits.startup_ms, 100, 120000, false));

  if (kind == "sql") {
    spec.kind = KataKind::kSql;
  } else if (kind == "schema") {
    spec.kind = KataKind::kSchema;
  } else if (kind == "http") {
    spec.kind = KataKind::kHttp;
  } else {
    return Status::InvalidArgument(fmt::format(
        "{}: field `kind`: expected \"sql\", \"schema\" or \"http\", got \"{}\"", file.string(),
        kind));
  }
  static const std::regex kIdPattern("[a-z0-9][a-z0-9-]*");
  if (!std::regex_match(spec.id, kIdPattern)) {
    return Status::InvalidArgument(fmt::format(
        "{}: field `id`: expected lowercase letters, digits and '-', got \"{}\"", file.string(),
        spec.id));
  }
  std::string folder = dir.filename().string();
  if (spec.id != folder) {
    return Status::InvalidArgument(fmt::format(
        "{}: field `id` is \"{}\" but the folder is \"{}\"; rename one so they match",
        file.string(), spec.id, folder));
  }
  return Status::Ok();
}

// Reads "-- case:", "-- points:" and "-- hint:" from the leading comment lines.
Status ReadDatasetHeader(const fs::path& file, Dataset& dataset) {
  std::istringstream lines(dataset.sql);
  std::string line;
  int number = 0;
  static const std::regex kHeader(R"(^\s*--\s*(case|points|hint)\s*:\s*(.*?)\s*$)");
  while (std::getline(lines, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::smatch match;
    if (!std::regex_match(line, match, kHeader)) {
      if (Trim(line).rfind("--", 0) == 0) continue;  // an ordinary comment
      break;
    }
    std::string key = match[1], value = match[2];
    if (key == "case") {
      dataset.label = value;
    } else if (key == "hint") {
      dataset.hint = value;
    } else if (static const std::regex kPoints("[1-9][0-9]{0,2}");
               !std::regex_match(value, kPoints)) {
      return Status::InvalidArgument(fmt::format(
          "{}:{}: `-- points:` expected a whole number from 1 to 999, got \"{}\"",
          file.string(), number, value));
    } else {
      dataset.points = std::stoi(value);
    }
  }
  if (dataset.label.empty()) {
    if (dataset.hidden) {
      return Status::InvalidArgument(fmt::format(
          "{}:1: a hidden dataset needs a first line `-- case: LABEL` naming the kind of case "
          "it covers (e.g. `-- case: ties for third place`)",
          file.string()));
    }
    dataset.label = "example data";
  }
  return Status::Ok();
}

std::vector<fs::path> SortedEntries(const fs::path& dir) {
  std::vector<fs::path> entries;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
    entries.push_back(entry.path());
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

Status ReadDatasets(const fs::path& dir, KataSpec& spec) {
  fs::path fixtures = dir / "fixtures";
  if (!fs::is_directory(fixtures)) {
    return Status::InvalidArgument(fmt::format(
        "{}: folder missing; an sql kata needs fixtures/ with at least one dataset (.sql)",
        fixtures.string()));
  }
  for (const fs::path& path : SortedEntries(fixtures)) {
    if (path.extension() != ".sql") continue;
    Result<std::string> text = ReadTextFile(path);
    if (!text.ok()) return text.status();
    if (path.filename() == "schema.sql") {
      spec.schema_sql = *text;
      continue;
    }
    Dataset dataset;
    dataset.stem = path.stem().string();
    dataset.hidden = dataset.stem.rfind("hidden", 0) == 0;
    dataset.sql = *text;
    KATA_RETURN_IF_ERROR(ReadDatasetHeader(path, dataset));
    spec.datasets.push_back(std::move(dataset));
  }
  // Visible datasets first: they are the examples a learner reads about.
  std::stable_sort(spec.datasets.begin(), spec.datasets.end(),
                   [](const Dataset& a, const Dataset& b) { return !a.hidden && b.hidden; });
  if (spec.datasets.empty()) {
    return Status::InvalidArgument(fmt::format(
        "{}: no dataset; add at least one .sql file besides schema.sql", fixtures.string()));
  }
  for (size_t i = 0; i < spec.datasets.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (spec.datasets[i].label == spec.datasets[j].label) {
        return Status::InvalidArgument(fmt::format(
            "{}: datasets {} and {} have the same case label \"{}\"; give each its own",
            fixtures.string(), spec.datasets[j].stem, spec.datasets[i].stem,
            spec.datasets[i].label));
      }
    }
  }
  return Status::Ok();
}

Status ReadHttpKata(const fs::path& dir, KataSpec& spec) {
  for (const char* folder : {"starter", "solution"}) {
    std::error_code error;
    if (!fs::is_regular_file(dir / folder / "Procfile", error)) {
      return Status::InvalidArgument(fmt::format(
          "{}: missing; an http kata's {} is a folder with a Procfile (`web: COMMAND`)",
          (dir / folder / "Procfile").string(), folder));
    }
  }
  for (const char* file : {"schema.sql", "seed.sql"}) {
    fs::path path = dir / "fixtures" / file;
    std::error_code error;
    if (!fs::exists(path, error)) continue;
    Result<std::string> text = ReadTextFile(path);
    if (!text.ok()) return text.status();
    (std::string(file) == "schema.sql" ? spec.schema_sql : spec.seed_sql) = *text;
  }
  fs::path file = dir / "probes.http";
  Result<std::string> text = ReadTextFile(file);
  if (!text.ok()) {
    return Status::InvalidArgument(fmt::format(
        "{}: missing; an http kata's probes live there (see docs/katas.md)", file.string()));
  }
  Result<std::vector<http::Probe>> probes = http::ParseProbes(*text, file.string());
  if (!probes.ok()) return probes.status();
  spec.http_probes = std::move(*probes);
  return Status::Ok();
}

Status ReadSchemaProbes(const fs::path& dir, KataSpec& spec) {
  fs::path file = dir / "probes.txt";
  Result<std::string> text = ReadTextFile(file);
  if (!text.ok()) {
    return Status::InvalidArgument(fmt::format(
        "{}: missing; a schema kata's probes live there (see docs/katas.md)", file.string()));
  }
  Result<std::vector<schema::Probe>> probes = schema::ParseProbes(*text, file.string());
  if (!probes.ok()) return probes.status();
  spec.schema_probes = std::move(*probes);
  return Status::Ok();
}

bool NamesProbe(const KataSpec& spec, const std::string& name) {
  for (const ProbeInfo& probe : spec.Probes()) {
    if (std::find(probe.aliases.begin(), probe.aliases.end(), name) != probe.aliases.end()) {
      return true;
    }
  }
  return false;
}

Status ReadBadSolutions(const fs::path& dir, KataSpec& spec) {
  fs::path bad = dir / "bad";
  if (!fs::is_directory(bad)) return Status::Ok();
  for (const fs::path& path : SortedEntries(bad)) {
    if (!fs::is_directory(path)) continue;
    BadSolution solution{path.filename().string(), path, {}};
    fs::path expect_file = path / "EXPECT";
    Result<std::string> expect = ReadTextFile(expect_file);
    if (!expect.ok()) {
      return Status::InvalidArgument(fmt::format(
          "{}: missing; list the probes this bad solution must fail, one a line",
          expect_file.string()));
    }
    std::istringstream lines(*expect);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
      ++number;
      line.erase(0, line.find_first_not_of(" \t"));
      line.erase(line.find_last_not_of(" \t\r") + 1);
      if (line.empty() || line[0] == '#') continue;
      if (!NamesProbe(spec, line)) {
        return Status::InvalidArgument(fmt::format(
            "{}:{}: \"{}\" names no probe; use a probe's name (for sql katas: a dataset's file "
            "name without .sql, or its case label)",
            expect_file.string(), number, line));
      }
      solution.expect.push_back(line);
    }
    if (solution.expect.empty()) {
      return Status::InvalidArgument(fmt::format(
          "{}: names no probe; list at least one probe this bad solution must fail",
          expect_file.string()));
    }
    spec.bad.push_back(std::move(solution));
  }
  return Status::Ok();
}

Status RequireFile(const fs::path& path, std::string_view why) {
  std::error_code error;
  if (fs::is_regular_file(path, error)) return Status::Ok();
  return Status::InvalidArgument(fmt::format("{}: missing; {}", path.string(), why));
}

}  // namespace

Result<KataSpec> LoadKata(const fs::path& dir) {
  KataSpec spec;
  spec.dir = dir;
  KATA_RETURN_IF_ERROR(ReadKataToml(dir, spec));
  Result<std::string> statement = ReadTextFile(dir / "README.md");
  if (!statement.ok()) {
    return Status::InvalidArgument(fmt::format(
        "{}: missing; every kata needs a statement for learners", (dir / "README.md").string()));
  }
  spec.statement = *statement;
  if (spec.kind == KataKind::kHttp) {
    KATA_RETURN_IF_ERROR(ReadHttpKata(dir, spec));
    KATA_RETURN_IF_ERROR(ReadBadSolutions(dir, spec));
    for (const BadSolution& bad : spec.bad) {
      KATA_RETURN_IF_ERROR(
          RequireFile(bad.dir / "Procfile", "a bad solution has the solution's shape"));
    }
    return spec;
  }

  std::string file = spec.SubmissionFileName();
  KATA_RETURN_IF_ERROR(RequireFile(dir / "starter" / file, "kata fetch gives it to learners"));
  KATA_RETURN_IF_ERROR(RequireFile(dir / "solution" / file, "it is the reference answer"));
  if (spec.kind == KataKind::kSql) {
    KATA_RETURN_IF_ERROR(ReadDatasets(dir, spec));
  } else {
    KATA_RETURN_IF_ERROR(ReadSchemaProbes(dir, spec));
  }
  KATA_RETURN_IF_ERROR(ReadBadSolutions(dir, spec));
  for (const BadSolution& bad : spec.bad) {
    KATA_RETURN_IF_ERROR(RequireFile(bad.dir / file, "a bad solution has the solution's shape"));
  }
  return spec;
}

}  // namespace kata

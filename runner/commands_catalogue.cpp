// kata list, show and fetch: reading the catalogue.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "runner/command_support.h"
#include "runner/remote.h"
#include "runner/terminal.h"

namespace kata {
namespace fs = std::filesystem;
namespace {

bool Matches(const KataSpec& spec, const ListFilter& filter) {
  if (!filter.kind.empty() && KindName(spec.kind) != filter.kind) return false;
  if (filter.difficulty && spec.difficulty != filter.difficulty) return false;
  if (!filter.tag.empty() &&
      std::find(spec.tags.begin(), spec.tags.end(), filter.tag) == spec.tags.end()) {
    return false;
  }
  return true;
}

std::string Stars(int difficulty) {
  std::string stars;
  for (int i = 1; i <= 5; ++i) stars += i <= difficulty ? "★" : "☆";
  return stars;
}

std::map<std::string, BestScore> BestScoresOrNone() {
  Result<std::unique_ptr<Store>> store = OpenStore();
  if (!store.ok()) return {};
  Result<std::map<std::string, BestScore>> best = (*store)->BestScores(LocalLearner());
  return best.ok() ? *best : std::map<std::string, BestScore>{};
}

std::string SubmitWhat(const KataSpec& spec) {
  if (spec.kind == KataKind::kSql) {
    return "query.sql: one read-only query (SELECT, WITH … SELECT or VALUES)";
  }
  if (spec.kind == KataKind::kSchema) {
    return "schema.sql: CREATE TABLE, CREATE INDEX, CREATE VIEW and CREATE TRIGGER statements";
  }
  if (spec.kind == KataKind::kHttp) {
    return "the folder of your server (any language), with a Procfile whose `web:` line starts "
           "it";
  }
  return spec.SubmissionFileName();
}

// The names of the starters besides starter/ (starter-node/ -> "node").
std::vector<std::string> OtherStarters(const KataSpec& spec) {
  std::vector<std::string> names;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(spec.dir, error)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory() && name.rfind("starter-", 0) == 0) names.push_back(name.substr(8));
  }
  std::sort(names.begin(), names.end());
  return names;
}

// What to pass to kata submit for a kata fetched into folder.
std::string SubmitPath(const KataSpec& spec, const fs::path& folder) {
  return spec.kind == KataKind::kHttp ? folder.string()
                                      : (folder / spec.SubmissionFileName()).string();
}

}  // namespace

int CmdList(const GlobalOptions& options, const ListFilter& filter) {
  if (!options.server.empty()) return RemoteList(options, filter);
  Catalogue catalogue = LoadCatalogue(options, true);
  std::map<std::string, BestScore> best = BestScoresOrNone();
  if (options.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const KataSpec& spec : catalogue.katas()) {
      if (!Matches(spec, filter)) continue;
      nlohmann::json item = {{"id", spec.id},           {"title", spec.title},
                             {"kind", KindName(spec.kind)}, {"difficulty", spec.difficulty},
                             {"tags", spec.tags},       {"summary", spec.summary},
                             {"max_score", spec.MaxScore()},
                             {"source", spec.version ? "store" : "bundled"},
                             {"version", spec.version}};
      if (spec.replaces_bundled) item["replaces_bundled"] = true;
      if (auto it = best.find(spec.id); it != best.end()) {
        item["best_score"] = it->second.score;
        item["solved"] = it->second.solved;
      } else {
        item["best_score"] = nullptr;
        item["solved"] = false;
      }
      list.push_back(std::move(item));
    }
    std::cout << DumpJson(list, 2) << "\n";
    return kExitOk;
  }
  if (catalogue.katas().empty()) {
    if (options.katas) {
      std::cerr << "kata: no katas in " << *options.katas
                << "; --katas needs a folder holding kata folders (each with a kata.toml)\n";
    } else {
      std::cerr << "kata: no katas found; pass --katas DIR or set KATA_PATH to a folder of "
                   "katas\n";
    }
    return kExitOk;
  }
  Terminal term(stdout);
  std::vector<std::vector<std::string>> rows = {
      {term.Bold("ID"), term.Bold("KIND"), term.Bold("LEVEL"), term.Bold("TITLE"),
       term.Bold("YOU")}};
  for (const KataSpec& spec : catalogue.katas()) {
    if (!Matches(spec, filter)) continue;
    std::string you = term.Dim("-");
    if (auto it = best.find(spec.id); it != best.end()) {
      std::string score = fmt::format("{}/{}", it->second.score, it->second.max_score);
      you = it->second.solved ? term.Green("✓ solved") : term.Yellow("best " + score);
    }
    std::string title = spec.title;
    if (spec.version) {
      title += term.Dim(fmt::format(" (added, v{}{})", spec.version,
                                    spec.replaces_bundled ? ", replaces the bundled one" : ""));
    }
    rows.push_back({spec.id, KindName(spec.kind), Stars(spec.difficulty), title, you});
  }
  std::cout << FormatTable(rows);
  std::cout << term.Dim("kata show ID reads a statement; kata fetch ID starts one.") << "\n";
  return kExitOk;
}

int CmdShow(const GlobalOptions& options, const std::string& id) {
  if (!options.server.empty()) return RemoteShow(options, id);
  Result<KataSpec> spec = LoadKataById(options, id);
  if (!spec.ok()) return Fail(options, ExitCodeFor(spec.status()), spec.status().message());
  std::vector<ProbeInfo> probes = spec->Probes();
  int hidden = 0;
  for (const ProbeInfo& probe : probes) hidden += probe.hidden ? 1 : 0;
  if (options.json) {
    std::cout << DumpJson({{"id", spec->id},
                           {"title", spec->title},
                           {"kind", KindName(spec->kind)},
                           {"difficulty", spec->difficulty},
                           {"tags", spec->tags},
                           {"summary", spec->summary},
                           {"statement", spec->statement},
                           {"submit", spec->SubmissionFileName()},
                           {"limits",
                            {{"time_ms", spec->limits.time_ms},
                             {"memory_mb", spec->limits.memory_mb}}},
                           {"max_score", spec->MaxScore()}},
                          2)
              << "\n";
    return kExitOk;
  }
  Terminal term(stdout);
  std::cout << term.Bold(spec->title) << "  " << term.Dim(spec->id) << "\n";
  std::cout << term.Dim(fmt::format("{} · difficulty {}/5 · {}", KindName(spec->kind),
                                    spec->difficulty, fmt::join(spec->tags, ", ")))
            << "\n\n";
  std::cout << spec->statement;
  if (!spec->statement.empty() && spec->statement.back() != '\n') std::cout << "\n";
  std::cout << "\n" << term.Bold("Submit") << "  " << SubmitWhat(*spec) << "\n";
  std::cout << "        kata fetch " << spec->id << "   (writes " << spec->id
            << "/README.md and the starter)\n";
  std::cout << "        kata submit " << spec->id << " " << SubmitPath(*spec, spec->id) << "\n";
  if (std::vector<std::string> others = OtherStarters(*spec); !others.empty()) {
    std::cout << "        other starters: " << fmt::format("{}", fmt::join(others, ", "))
              << " (kata fetch " << spec->id << " --starter NAME)\n";
  }
  if (spec->kind == KataKind::kHttp) {
    std::cout << term.Bold("Limits") << "  the server listens within " << spec->limits.startup_ms
              << " ms and answers each request within " << spec->limits.time_ms << " ms\n";
  } else {
    std::cout << term.Bold("Limits") << "  " << spec->limits.time_ms
              << (spec->kind == KataKind::kSql ? " ms per dataset, " : " ms per probe, ")
              << spec->limits.memory_mb << " MiB of memory\n";
  }
  std::cout << term.Bold("Probes") << "  " << probes.size() - hidden << " visible, "
            << hidden << " hidden; " << spec->MaxScore() << " points in all\n";
  return kExitOk;
}

int CmdFetch(const GlobalOptions& options, const std::string& id, const std::string& dir,
             bool force, const std::string& starter_name) {
  if (!options.server.empty()) return RemoteFetch(options, id, dir, force);
  Result<KataSpec> spec = LoadKataById(options, id);
  if (!spec.ok()) return Fail(options, ExitCodeFor(spec.status()), spec.status().message());
  fs::path target = dir.empty() ? fs::path(id) : fs::path(dir);
  fs::path starter = spec->dir / (starter_name.empty() ? "starter" : "starter-" + starter_name);
  if (!fs::is_directory(starter)) {
    std::vector<std::string> others = OtherStarters(*spec);
    return Fail(options, kExitUsage,
                fmt::format("kata {} has no starter \"{}\"; {}", id, starter_name,
                            others.empty() ? "it has only the default one (omit --starter)"
                                           : "it has: " + fmt::format("{}", fmt::join(others, ", "))));
  }

  // Plan every file first, so a refusal writes nothing.
  std::vector<std::pair<fs::path, fs::path>> copies = {{spec->dir / "README.md", "README.md"}};
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(starter, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    std::string name = it->path().filename().string();
    // Caches and hidden files are the author's machine's, not part of the starter.
    if (name == "__pycache__" || name == "node_modules" || name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) copies.emplace_back(it->path(), fs::relative(it->path(), starter));
  }
  if (!force) {
    for (const auto& [from, to] : copies) {
      if (fs::exists(target / to, error)) {
        return Fail(options, kExitUsage,
                    fmt::format("{} already exists; pass --force to overwrite it, or fetch into "
                                "another folder: kata fetch {} DIR",
                                (target / to).string(), id));
      }
    }
  }
  std::vector<std::string> written;
  for (const auto& [from, to] : copies) {
    fs::create_directories((target / to).parent_path(), error);
    fs::copy_file(from, target / to, fs::copy_options::overwrite_existing, error);
    if (error) {
      return Fail(options, kExitUsage,
                  fmt::format("cannot write {}: {}", (target / to).string(), error.message()));
    }
    written.push_back((target / to).string());
  }
  if (options.json) {
    std::cout << DumpJson({{"kata", id}, {"dir", target.string()}, {"files", written}}, 2)
              << "\n";
    return kExitOk;
  }
  for (const std::string& file : written) std::cout << "wrote " << file << "\n";
  std::string edit = spec->kind == KataKind::kHttp
                         ? "the server in " + target.string() + "/"
                         : (target / spec->SubmissionFileName()).string();
  std::cout << "Next: read " << (target / "README.md").string() << ", edit " << edit
            << ", then run\n  kata submit "
            << id << " " << SubmitPath(*spec, target) << "\n";
  return kExitOk;
}

}  // namespace kata

// The CLI as a client of kata serve.
#include "runner/remote.h"

#include <fmt/format.h>
#include <httplib.h>

#include <chrono>
#include <iostream>
#include <regex>
#include <thread>

#include "runner/command_support.h"
#include "runner/terminal.h"
#include "sandbox/archive.h"

namespace kata {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The server's answer as JSON, or the exit code and message of why there is none.
struct Reply {
  int status = 0;
  json body;
  std::string raw;
  std::string error;  // set when the request failed or the server said no
};

Reply Call(const GlobalOptions& options, const std::string& method, const std::string& path,
           const std::string& body = "", const std::string& type = "application/json") {
  Reply reply;
  static const std::regex kUrl(R"(^(https?://[^/]+)(/.*)?$)");
  std::smatch m;
  if (!std::regex_match(options.server, m, kUrl)) {
    reply.error = fmt::format("'{}' is not a server URL; give one like http://127.0.0.1:8080",
                              options.server);
    return reply;
  }
  httplib::Client client(m[1].str());
  client.set_connection_timeout(std::chrono::seconds(5));
  client.set_read_timeout(std::chrono::seconds(60));
  if (!options.token.empty()) client.set_bearer_token_auth(options.token);
  std::string full = (m[2].matched ? m[2].str() : "") + path;
  httplib::Result res = method == "GET" ? client.Get(full.c_str())
                                        : client.Post(full.c_str(), body, type.c_str());
  if (!res) {
    reply.error = fmt::format("cannot reach {}: {}; is kata serve running there?", options.server,
                              httplib::to_string(res.error()));
    return reply;
  }
  reply.status = res->status;
  reply.raw = res->body;
  reply.body = json::parse(res->body, nullptr, false);
  if (res->status >= 400) {
    reply.error = reply.body.is_object() && reply.body.contains("error")
                      ? reply.body["error"].get<std::string>()
                      : fmt::format("the server answered HTTP {}", res->status);
  }
  return reply;
}

// 404 and 400-range refusals are "could not grade" (2); the rest internal (3).
int FailReply(const GlobalOptions& options, const Reply& reply) {
  int code = reply.status >= 400 && reply.status < 500 ? kExitUsage : kExitInternal;
  return Fail(options, code, reply.error);
}

void PrintTests(const json& result, const Terminal& term) {
  Result<GradeResult> parsed = GradeResultFromJson(result);
  if (!parsed.ok()) return;
  if (parsed->status != GradeStatus::kError) {
    for (const TestResult& test : parsed->tests) std::cout << term.ProbeLine(test);
  }
  std::cout << term.Summary(*parsed);
}

}  // namespace

int RemoteList(const GlobalOptions& options, const ListFilter& filter) {
  std::string query;
  if (!filter.kind.empty()) query += "&kind=" + filter.kind;
  if (!filter.tag.empty()) query += "&tag=" + filter.tag;
  if (filter.difficulty) query += "&difficulty=" + std::to_string(filter.difficulty);
  if (!query.empty()) query[0] = '?';
  Reply reply = Call(options, "GET", "/api/katas" + query);
  if (!reply.error.empty()) return FailReply(options, reply);
  if (options.json) {
    std::cout << DumpJson(reply.body, 2) << "\n";
    return kExitOk;
  }
  Terminal term(stdout);
  std::vector<std::vector<std::string>> rows = {
      {term.Bold("ID"), term.Bold("KIND"), term.Bold("LEVEL"), term.Bold("TITLE")}};
  for (const json& kata : reply.body) {
    rows.push_back({kata["id"], kata["kind"], std::string(kata["difficulty"].get<int>(), '*'),
                    kata["title"]});
  }
  std::cout << FormatTable(rows);
  return kExitOk;
}

int RemoteShow(const GlobalOptions& options, const std::string& id) {
  Reply reply = Call(options, "GET", "/api/katas/" + id);
  if (!reply.error.empty()) return FailReply(options, reply);
  if (options.json) {
    std::cout << DumpJson(reply.body, 2) << "\n";
    return kExitOk;
  }
  Terminal term(stdout);
  std::cout << term.Bold(reply.body["title"].get<std::string>()) << "  " << term.Dim(id) << "\n\n"
            << reply.body["statement"].get<std::string>() << "\n"
            << term.Bold("Submit") << "  " << reply.body["submit"].get<std::string>()
            << "   kata --server " << options.server << " submit " << id << " PATH\n";
  return kExitOk;
}

int RemoteFetch(const GlobalOptions& options, const std::string& id, const std::string& dir,
                bool force) {
  Reply kata = Call(options, "GET", "/api/katas/" + id);
  if (!kata.error.empty()) return FailReply(options, kata);
  Reply starter = Call(options, "GET", "/api/katas/" + id + "/starter");
  if (!starter.error.empty()) return FailReply(options, starter);
  fs::path target = dir.empty() ? fs::path(id) : fs::path(dir);
  // Unpacked in a fresh folder first, so a refusal writes nothing.
  Result<std::unique_ptr<WorkFolder>> unpacked = WorkFolder::Create();
  if (!unpacked.ok()) return Fail(options, kExitInternal, unpacked.status().message());
  Status extracted = ExtractArchive(starter.raw, **unpacked);
  if (!extracted.ok()) return Fail(options, kExitInternal, extracted.message());
  (void)(*unpacked)->WriteFile("README.md", kata.body["statement"].get<std::string>());
  std::vector<fs::path> files;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator((*unpacked)->path(), error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file()) files.push_back(fs::relative(it->path(), (*unpacked)->path()));
  }
  for (const fs::path& file : files) {
    if (!force && fs::exists(target / file)) {
      return Fail(options, kExitUsage,
                  fmt::format("{} already exists; pass --force to overwrite it, or fetch into "
                              "another folder",
                              (target / file).string()));
    }
  }
  for (const fs::path& file : files) {
    fs::create_directories((target / file).parent_path(), error);
    fs::copy_file((*unpacked)->path() / file, target / file, fs::copy_options::overwrite_existing,
                  error);
    if (!options.json) std::cout << "wrote " << (target / file).string() << "\n";
  }
  if (options.json) std::cout << DumpJson({{"kata", id}, {"dir", target.string()}}, 2) << "\n";
  return kExitOk;
}

int RemoteSubmit(const GlobalOptions& options, const std::string& id, const std::string& path) {
  Reply kata = Call(options, "GET", "/api/katas/" + id);
  if (!kata.error.empty()) return FailReply(options, kata);
  fs::path source = path.empty() ? "." : path;
  Reply accepted;
  if (kata.body["kind"] == "http") {
    fs::path folder = fs::is_directory(source) ? source : source.parent_path();
    Result<std::string> packed = PackFolder(folder, {}, true);
    if (!packed.ok()) return Fail(options, ExitCodeFor(packed.status()), packed.status().message());
    accepted = Call(options, "POST", "/api/katas/" + id + "/submissions", *packed,
                    "application/gzip");
  } else {
    std::string file_name = kata.body["submit"];
    if (fs::is_directory(source)) source /= file_name;
    Result<std::string> text = ReadTextFile(source);
    if (!text.ok()) return Fail(options, kExitUsage, text.status().message());
    accepted = Call(options, "POST", "/api/katas/" + id + "/submissions",
                    json{{"source", *text}}.dump());
  }
  if (!accepted.error.empty()) return FailReply(options, accepted);
  std::string submission = accepted.body["id"];
  Terminal term(stdout);
  if (!options.json) std::cout << term.Bold("Grading " + id) << term.Dim(" on " + options.server) << "\n";
  for (int attempt = 0; attempt < 1200; ++attempt) {
    Reply state = Call(options, "GET", "/api/submissions/" + submission);
    if (!state.error.empty()) return FailReply(options, state);
    if (state.body["state"] == "done") {
      if (options.json) {
        std::cout << DumpJson(state.body, 2) << "\n";
      } else {
        PrintTests(state.body, term);
      }
      Result<GradeResult> result = GradeResultFromJson(state.body);
      return result.ok() ? ExitCodeFor(*result) : kExitInternal;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return Fail(options, kExitInternal,
              fmt::format("submission {} was not graded within 2 minutes; kata feedback {} later",
                          submission, submission));
}

int RemoteHistory(const GlobalOptions& options, const std::string& id) {
  Reply reply = Call(options, "GET", "/api/submissions" + (id.empty() ? "" : "?kata=" + id));
  if (!reply.error.empty()) return FailReply(options, reply);
  if (options.json) {
    std::cout << DumpJson(reply.body, 2) << "\n";
    return kExitOk;
  }
  Terminal term(stdout);
  std::vector<std::vector<std::string>> rows = {{term.Bold("SUBMISSION"), term.Bold("KATA"),
                                                 term.Bold("STATE"), term.Bold("SCORE")}};
  for (const json& s : reply.body) {
    std::string score = s.contains("score") ? fmt::format("{}/{}", s["score"].get<int>(),
                                                          s["max_score"].get<int>())
                                            : "";
    rows.push_back({s["id"], s["kata"], s.value("status", s["state"].get<std::string>()), score});
  }
  std::cout << FormatTable(rows);
  return kExitOk;
}

int RemoteFeedback(const GlobalOptions& options, const std::string& submission_id) {
  Reply reply = Call(options, "GET", "/api/submissions/" + submission_id);
  if (!reply.error.empty()) return FailReply(options, reply);
  if (options.json) {
    std::cout << DumpJson(reply.body, 2) << "\n";
  } else {
    PrintTests(reply.body, Terminal(stdout));
  }
  return kExitOk;
}

}  // namespace kata

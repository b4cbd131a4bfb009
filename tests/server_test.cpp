// kata serve: the API over HTTP (a real client on a free port), tokens and who sees what,
// every error status, the queue under 50 concurrent submissions, recovery of jobs a dead
// server left running, and SIGTERM draining.
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <fstream>
#include <thread>

#include "runner/scaffold.h"
#include "runner/server/page.h"
#include "runner/server/server.h"
#include "runner/server/token.h"
#include "runner/store.h"
#include "sandbox/archive.h"
#include "test_support.h"

namespace kata {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// A store in a temp KATA_HOME, a learner or two, and a running server.
struct Served {
  testing::TempDir home;
  std::string instructor = NewToken(), ann, bob;
  std::unique_ptr<KataServer> server;

  explicit Served(int per_minute = 1000, int workers = 2) {
    setenv("KATA_HOME", home.path().c_str(), 1);
    std::unique_ptr<Store> store = std::move(*OpenSqliteStore(home.path()));
    ann = NewToken();
    bob = NewToken();
    REQUIRE(store->AddLearner("ann", Sha256Hex(ann)).ok());
    REQUIRE(store->AddLearner("bob", Sha256Hex(bob)).ok());
    REQUIRE(EnsureInstructorToken(instructor).ok());
    ServeOptions options;
    options.port = 0;
    options.workers = workers;
    options.global.katas = KATA_TEST_KATAS;
    options.submissions_per_minute = per_minute;
    options.max_upload_bytes = 1 << 20;
    options.helpers_folder = KATA_HELPERS_DIR;
    server = std::make_unique<KataServer>(options);
    REQUIRE(server->Start().ok());
  }
  ~Served() {
    server.reset();
    unsetenv("KATA_HOME");
  }
  httplib::Client Client(const std::string& token) const {
    httplib::Client client("127.0.0.1", server->port());
    if (!token.empty()) client.set_bearer_token_auth(token);
    client.set_read_timeout(std::chrono::seconds(30));
    return client;
  }
  // Polls a submission until it is done.
  json Await(const std::string& token, const std::string& id) const {
    for (int i = 0; i < 600; ++i) {
      auto res = Client(token).Get("/api/submissions/" + id);
      REQUIRE(res);
      json body = json::parse(res->body);
      if (body["state"] == "done") return body;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("submission " << id << " never finished");
    return {};
  }
};

std::string Source(const std::string& sql) { return json{{"source", sql}}.dump(); }

constexpr const char* kRight =
    "SELECT c.id, c.name, c.email FROM customers AS c WHERE NOT EXISTS (SELECT 1 FROM orders "
    "AS o WHERE o.customer_id = c.id AND o.status <> 'cancelled')";
constexpr const char* kPath = "/api/katas/customers-without-orders/submissions";

TEST_CASE("a learner lists, reads, submits and gets the result through the API", "[server]") {
  Served served;
  auto ann = served.Client(served.ann);
  auto health = served.Client("").Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);

  auto list = ann.Get("/api/katas?kind=schema");
  REQUIRE(list);
  CHECK(list->status == 200);
  for (const json& kata : json::parse(list->body)) CHECK(kata["kind"] == "schema");
  auto kata = ann.Get("/api/katas/customers-without-orders");
  REQUIRE(kata);
  CHECK(json::parse(kata->body)["statement"].get<std::string>().find("NOT EXISTS") !=
        std::string::npos);
  auto starter = ann.Get("/api/katas/customers-without-orders/starter");
  REQUIRE(starter);
  CHECK(starter->get_header_value("Content-Type") == "application/gzip");
  Result<std::unique_ptr<WorkFolder>> unpacked = WorkFolder::Create();
  REQUIRE(ExtractArchive(starter->body, **unpacked).ok());
  CHECK((*unpacked)->ReadFile("query.sql", 1 << 16).ok());

  auto posted = ann.Post(kPath, Source(kRight), "application/json");
  REQUIRE(posted);
  CHECK(posted->status == 202);
  std::string id = json::parse(posted->body)["id"];
  CHECK(posted->get_header_value("Location") == "/api/submissions/" + id);
  json result = served.Await(served.ann, id);
  CHECK(result["status"] == "pass");
  CHECK(result["score"] == result["max_score"]);
  CHECK(result["learner"] == "ann");

  auto mine = ann.Get("/api/submissions");
  REQUIRE(mine);
  CHECK(json::parse(mine->body).size() == 1);
}

TEST_CASE("the web page is served and statements are rendered safely", "[server]") {
  Served served;
  auto page = served.Client("").Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK_THAT(page->body, Catch::Contains("<title>kata</title>"));
  CHECK_FALSE(page->get_header_value("Content-Security-Policy").empty());
  auto kata = served.Client(served.ann).Get("/api/katas/customers-without-orders");
  REQUIRE(kata);
  std::string html = json::parse(kata->body)["statement_html"];
  CHECK_THAT(html, Catch::Contains("<h1>Customers who never ordered</h1>"));
  // Raw HTML and javascript: links in a statement never reach the page.
  std::string rendered = RenderMarkdown("# T\n<script>alert(1)</script>\n[x](javascript:alert(1))\n");
  CHECK_THAT(rendered, !Catch::Contains("<script"));
  CHECK_THAT(rendered, !Catch::Contains("javascript:"));
}

TEST_CASE("the OpenAPI document matches the real routes", "[server]") {
  Served served;
  auto doc = served.Client("").Get("/api/openapi.json");
  REQUIRE(doc);
  REQUIRE(doc->status == 200);
  json openapi = json::parse(doc->body);
  CHECK(openapi["openapi"].get<std::string>().rfind("3.", 0) == 0);
  auto posted = served.Client(served.ann).Post(kPath, Source("SELECT 1, 2, 3"), "application/json");
  std::string submission = json::parse(posted->body)["id"];
  // Every route the server serves is documented...
  const std::vector<std::pair<std::string, std::string>> served_routes = {
      {"/healthz", "get"}, {"/api/openapi.json", "get"}, {"/api/katas", "get"},
      {"/api/katas", "post"}, {"/api/katas/{id}", "get"}, {"/api/katas/{id}/starter", "get"},
      {"/api/katas/{id}/submissions", "post"}, {"/api/submissions", "get"},
      {"/api/submissions/{id}", "get"}, {"/api/scores", "get"}};
  for (const auto& [path, method] : served_routes) {
    INFO(method << " " << path);
    CHECK(openapi["paths"].contains(path));
    CHECK(openapi["paths"][path].contains(method));
  }
  // ...and every documented operation answers one of its documented statuses.
  auto instructor = served.Client(served.instructor);
  for (const auto& [path, item] : openapi["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      std::string url = path;
      std::string id = path.rfind("/api/submissions/", 0) == 0 ? submission : "customers-without-orders";
      size_t at = url.find("{id}");
      if (at != std::string::npos) url.replace(at, 4, id);
      httplib::Result res = method == "get" ? instructor.Get(url.c_str())
                                            : instructor.Post(url.c_str(), "", "application/json");
      INFO(method << " " << url);
      REQUIRE(res);
      CHECK(operation["responses"].contains(std::to_string(res->status)));
    }
  }
}

TEST_CASE("the CLI works against a server with --server and --token", "[server][cli]") {
  Served served;
  testing::TempDir work;
  std::string url = "http://127.0.0.1:" + std::to_string(served.server->port());
  std::vector<std::string> env = {"NO_COLOR=1", "KATA_HOME=" + (work.path() / "local").string()};
  auto kata = [&](std::vector<std::string> args, const std::string& token) {
    args.insert(args.begin(), {"--server", url, "--token", token});
    return testing::RunKata(args, env, work.path());
  };
  testing::CommandResult list = kata({"list", "--json", "--kind", "sql"}, served.ann);
  CHECK(list.exit_code == 0);
  CHECK(json::parse(list.out).size() >= 8);
  CHECK_THAT(kata({"show", "customers-without-orders"}, served.ann).out,
             Catch::Contains("Customers who never ordered"));
  CHECK(kata({"fetch", "customers-without-orders"}, served.ann).exit_code == 0);
  CHECK(fs::exists(work.path() / "customers-without-orders" / "query.sql"));
  CHECK(fs::exists(work.path() / "customers-without-orders" / "README.md"));
  CHECK(kata({"fetch", "customers-without-orders"}, served.ann).exit_code == 2);  // no --force
  testing::WriteFile(work.path() / "customers-without-orders" / "query.sql", kRight);
  testing::CommandResult submitted =
      kata({"submit", "customers-without-orders", "customers-without-orders/query.sql"}, served.ann);
  CHECK(submitted.exit_code == 0);
  CHECK_THAT(submitted.out, Catch::Contains("PASS"));
  testing::CommandResult history = kata({"history", "--json"}, served.ann);
  REQUIRE(history.exit_code == 0);
  json mine = json::parse(history.out);
  REQUIRE(mine.size() == 1);
  CHECK(kata({"feedback", mine[0]["id"]}, served.ann).exit_code == 0);
  CHECK(kata({"feedback", mine[0]["id"]}, served.bob).exit_code == 2);  // foreign: 403
  CHECK(kata({"show", "no-such-kata"}, served.ann).exit_code == 2);
  testing::CommandResult refused = kata({"list"}, "wrong-token");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("unknown or revoked token"));
  CHECK_FALSE(fs::exists(work.path() / "local" / "kata.db"));  // nothing stored locally
}

TEST_CASE("tokens decide who sees what", "[server]") {
  Served served;
  auto posted = served.Client(served.ann).Post(kPath, Source("SELECT 1, 2, 3"), "application/json");
  std::string id = json::parse(posted->body)["id"];
  served.Await(served.ann, id);

  CHECK(served.Client("").Get("/api/katas")->status == 401);
  CHECK_FALSE(served.Client("").Get("/api/katas")->get_header_value("WWW-Authenticate").empty());
  CHECK(served.Client("not-a-token").Get("/api/katas")->status == 401);
  CHECK(served.Client(served.bob).Get("/api/submissions/" + id)->status == 403);  // foreign
  CHECK(served.Client(served.bob).Get("/api/submissions?learner=ann")->status == 403);
  CHECK(json::parse(served.Client(served.bob).Get("/api/submissions")->body).empty());
  CHECK(served.Client(served.instructor).Get("/api/submissions/" + id)->status == 200);
  CHECK(json::parse(served.Client(served.instructor).Get("/api/submissions?learner=ann")->body)
            .size() == 1);
  CHECK(served.Client(served.ann).Get("/api/scores")->status == 403);
  auto csv = served.Client(served.instructor).Get("/api/scores?format=csv");
  CHECK(csv->status == 200);
  CHECK_THAT(csv->body, Catch::Contains("ann,customers-without-orders,0,7,no"));

  std::unique_ptr<Store> store = std::move(*OpenSqliteStore(served.home.path()));
  REQUIRE(store->RevokeLearner("ann").ok());
  CHECK(served.Client(served.ann).Get("/api/katas")->status == 401);  // revoked
}

TEST_CASE("bad requests get the right status and a JSON error", "[server]") {
  Served served(2);
  auto ann = served.Client(served.ann);
  auto check = [](const httplib::Result& res, int status) {
    REQUIRE(res);
    CHECK(res->status == status);
    CHECK(json::parse(res->body).contains("error"));
  };
  check(ann.Post(kPath, "{not json", "application/json"), 400);
  check(ann.Post(kPath, R"({"query": 1})", "application/json"), 400);
  check(ann.Get("/api/katas/no-such-kata"), 404);
  check(ann.Post("/api/katas/no-such-kata/submissions", Source("SELECT 1"), "application/json"), 404);
  check(ann.Get("/api/submissions/00000000"), 404);
  check(ann.Get("/api/nowhere"), 404);
  check(ann.Post(kPath, std::string(2 << 20, 'x'), "application/json"), 413);
  // An http kata's upload with a symlink in it.
  testing::TempDir folder;
  testing::WriteFile(folder.path() / "Procfile", "web: python3 app.py\n");
  fs::create_symlink("/etc/passwd", folder.path() / "passwd");
  // PackFolder refuses links; an archive holding one is built by hand in archive_test.
  CHECK_FALSE(PackFolder(folder.path()).ok());
  fs::remove(folder.path() / "passwd");
  testing::WriteFile(folder.path() / "nested/app.py", "x = 1\n");
  fs::remove(folder.path() / "Procfile");
  check(ann.Post("/api/katas/todos-crud/submissions", *PackFolder(folder.path(), {}, true),
                 "application/gzip"),
        422);  // no Procfile
  // Two submissions a minute allowed: the third is 429 with Retry-After.
  CHECK(ann.Post(kPath, Source("SELECT 1, 2, 3"), "application/json")->status == 202);
  CHECK(ann.Post(kPath, Source("SELECT 1, 2, 3"), "application/json")->status == 202);
  auto limited = ann.Post(kPath, Source("SELECT 1, 2, 3"), "application/json");
  check(limited, 429);
  CHECK(std::stoi(limited->get_header_value("Retry-After")) > 0);
  check(ann.Post("/api/katas", "x", "application/gzip"), 403);  // instructors only
}

TEST_CASE("an instructor adds a kata through the API", "[server]") {
  Served served;
  testing::TempDir authoring;
  REQUIRE(ScaffoldKata(KataKind::kSql, "api-kata", authoring.path()).ok());
  testing::FinishScaffold(authoring.path() / "api-kata");
  auto instructor = served.Client(served.instructor);
  auto added = instructor.Post("/api/katas", *PackFolder(authoring.path() / "api-kata", {}, true),
                               "application/gzip");
  REQUIRE(added);
  CHECK(added->status == 201);
  CHECK(json::parse(added->body)["version"] == 1);
  auto again = instructor.Post("/api/katas", *PackFolder(authoring.path() / "api-kata", {}, true),
                               "application/gzip");
  REQUIRE(again);
  CHECK(again->status == 409);  // the very same files: nothing to add
  // Served katas come from --katas here; the added one is in the store for the next start.
  fs::remove(authoring.path() / "api-kata/solution/query.sql");
  auto invalid = instructor.Post("/api/katas", *PackFolder(authoring.path() / "api-kata", {}, true),
                                 "application/gzip");
  REQUIRE(invalid);
  CHECK(invalid->status == 422);
  CHECK_FALSE(json::parse(invalid->body)["problems"].empty());
}

TEST_CASE("50 concurrent submissions are all graded exactly once", "[server]") {
  Served served(1000, 2);
  std::vector<std::string> ids(50);
  std::vector<std::thread> senders;
  for (int i = 0; i < 50; ++i) {
    senders.emplace_back([&, i] {
      auto start = std::chrono::steady_clock::now();
      auto res = served.Client(i % 2 ? served.ann : served.bob)
                     .Post(kPath, Source(i % 3 ? kRight : "SELECT 1, 2, 3"), "application/json");
      if (res && res->status == 202) {
        ids[i] = json::parse(res->body)["id"];
      } else {
        ids[i] = res ? "status " + std::to_string(res->status) + " " + res->body
                     : "error " + httplib::to_string(res.error()) + " after " +
                           std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                              std::chrono::steady_clock::now() - start)
                                              .count()) +
                           " ms";
      }
    });
  }
  for (std::thread& sender : senders) sender.join();
  for (int i = 0; i < 50; ++i) {
    INFO(ids[i]);
    REQUIRE(ids[i].size() == 10);
    json result = served.Await(served.instructor, ids[i]);
    CHECK(result["status"] == (i % 3 ? "pass" : "fail"));
  }
  std::unique_ptr<Store> store = std::move(*OpenSqliteStore(served.home.path()));
  Result<std::vector<SubmissionRecord>> all = store->Submissions("", "");
  REQUIRE(all.ok());
  CHECK(all->size() == 50);
  for (const SubmissionRecord& record : *all) CHECK(record.state == "done");
}

TEST_CASE("jobs a dead server left running are graded again on restart", "[server]") {
  testing::TempDir home;
  setenv("KATA_HOME", home.path().c_str(), 1);
  {
    std::unique_ptr<Store> store = std::move(*OpenSqliteStore(home.path()));
    for (int i = 0; i < 3; ++i) {
      SubmissionRecord record{"", "customers-without-orders", "ann", 0, "", "query.sql", kRight,
                              std::nullopt, 0};
      REQUIRE(store->EnqueueSubmission(record).ok());
    }
    // A server that claimed two and died (its claims say so).
    REQUIRE((*store->ClaimNext("serve-99999-dead/0"))->state == "running");
    REQUIRE(store->ClaimNext("serve-99999-dead/1")->has_value());
  }
  ServeOptions options;
  options.port = 0;
  options.workers = 1;
  options.global.katas = KATA_TEST_KATAS;
  options.helpers_folder = KATA_HELPERS_DIR;
  {
    KataServer server(options);
    REQUIRE(server.Start().ok());
    std::unique_ptr<Store> store = std::move(*OpenSqliteStore(home.path()));
    for (int i = 0; i < 400; ++i) {
      auto all = store->Submissions("", "");
      if (std::all_of(all->begin(), all->end(), [](auto& r) { return r.state == "done"; })) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    Result<std::vector<SubmissionRecord>> all = store->Submissions("", "");
    REQUIRE(all.ok());
    CHECK(all->size() == 3);
    for (const SubmissionRecord& record : *all) {
      CHECK(record.state == "done");
      REQUIRE(record.result);
      INFO(record.result->output << " / verdict " << VerdictName(record.result->verdict));
      CHECK(record.result->status == GradeStatus::kPass);
    }
  }
  unsetenv("KATA_HOME");
}

// Starts `kata serve` on home (1 worker); returns its pid and port.
std::pair<pid_t, int> StartServe(const fs::path& home, const std::string& log_name) {
  std::string log = (home / log_name).string();
  pid_t pid = fork();
  if (pid == 0) {
    setenv("KATA_HOME", home.c_str(), 1);
    setenv("KATA_INSTRUCTOR_TOKEN", "instructor-secret", 1);
    freopen(log.c_str(), "w", stdout);
    freopen((log + ".err").c_str(), "w", stderr);
    execl(KATA_BINARY, KATA_BINARY, "--katas", KATA_TEST_KATAS, "serve", "--port", "0",
          "--workers", "1", nullptr);
    _exit(127);
  }
  int port = 0;
  for (int i = 0; i < 200 && !port; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::ifstream in(log);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t at = text.find("127.0.0.1:");
    if (at != std::string::npos) port = std::atoi(text.c_str() + at + 10);
  }
  return {pid, port};
}

TEST_CASE("kill -9 mid-grading loses nothing: after a restart every submission is graded",
          "[server]") {
  testing::TempDir home;
  auto [pid, port] = StartServe(home.path(), "first.log");
  REQUIRE(port > 0);
  httplib::Client client("127.0.0.1", port);
  client.set_bearer_token_auth("instructor-secret");
  // Queries that run out of time: each keeps the one worker busy for about two seconds.
  const char* slow = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                     "SELECT x, x, x FROM c WHERE x < 0";
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    auto res = client.Post(kPath, Source(i == 2 ? kRight : slow), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 202);
    ids.push_back(json::parse(res->body)["id"]);
  }
  bool running = false;
  for (int i = 0; i < 200 && !running; ++i) {
    running = json::parse(client.Get("/api/submissions/" + ids[0])->body)["state"] == "running";
    if (!running) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(running);
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);

  auto [again, port2] = StartServe(home.path(), "second.log");
  REQUIRE(port2 > 0);
  httplib::Client restarted("127.0.0.1", port2);
  restarted.set_bearer_token_auth("instructor-secret");
  for (const std::string& id : ids) {
    json result;
    for (int i = 0; i < 300; ++i) {
      result = json::parse(restarted.Get("/api/submissions/" + id)->body);
      if (result["state"] == "done") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(result["state"] == "done");
    CHECK(result.contains("verdict"));
  }
  kill(again, SIGTERM);
  waitpid(again, nullptr, 0);
  std::unique_ptr<Store> store = std::move(*OpenSqliteStore(home.path()));
  Result<std::vector<SubmissionRecord>> all = store->Submissions("", "");
  REQUIRE(all.ok());
  CHECK(all->size() == 3);  // nothing lost, nothing doubled
  for (const SubmissionRecord& record : *all) CHECK(record.result.has_value());
}

TEST_CASE("kata serve drains on SIGTERM and exits 0", "[server]") {
  testing::TempDir home;
  auto [pid, port] = StartServe(home.path(), "log");
  REQUIRE(port > 0);
  httplib::Client client("127.0.0.1", port);
  client.set_bearer_token_auth("instructor-secret");
  auto posted = client.Post(kPath, Source(kRight), "application/json");
  REQUIRE(posted);
  CHECK(posted->status == 202);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  // Whatever was accepted is done or back in the queue, never lost or half-run.
  std::unique_ptr<Store> store = std::move(*OpenSqliteStore(home.path()));
  auto all = store->Submissions("", "");
  REQUIRE(all->size() == 1);
  CHECK((all->front().state == "done" || all->front().state == "queued"));
}

}  // namespace
}  // namespace kata

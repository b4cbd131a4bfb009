// The HTTP grader end to end: a Python server started in the sandbox, probed over HTTP and
// through its database, restarted; servers that never start, crash, hang or flood their
// output get the right verdict; the probe file format and the asserts, table-driven.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "graders/http/http_checks.h"
#include "graders/http/http_client.h"
#include "graders/http/http_grader.h"
#include "graders/http/url_tester.h"
#include "graders/http/http_probes.h"
#include "runner/sqlite.h"
#include "sandbox/archive.h"
#include "test_support.h"

namespace kata {
namespace {

using testing::TempDir;
using testing::WriteFile;
namespace fs = std::filesystem;

// One server, its behaviour chosen by argv[1]: ok, status200, memory, crash, hang, flood.
constexpr const char* kApp = R"PY(
import json, os, sqlite3, sys, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
MODE = sys.argv[1] if len(sys.argv) > 1 else "ok"
NOTES = {}
if MODE == "flood":
    sys.stdout.write("x" * 2000000)
    sys.stdout.flush()
class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def answer(self, code, obj, headers=()):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self):
        if self.path == "/health":
            return self.answer(200, {"status": "ok", "tags": ["a", "b"]})
        if self.path == "/slow":
            time.sleep(10)
        note_id = int(self.path.rsplit("/", 1)[1])
        if MODE == "memory":
            text = NOTES.get(note_id)
        else:
            row = sqlite3.connect(os.environ["DATABASE_PATH"]).execute(
                "SELECT text FROM notes WHERE id = ?", (note_id,)).fetchone()
            text = row and row[0]
        if text is None:
            return self.answer(404, {"error": "no such note"})
        self.answer(200, {"id": note_id, "text": text})
    def do_POST(self):
        if MODE == "crash":
            os._exit(3)
        data = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if MODE == "memory":
            note_id = len(NOTES) + 1
            NOTES[note_id] = data["text"]
        else:
            db = sqlite3.connect(os.environ["DATABASE_PATH"])
            note_id = db.execute("INSERT INTO notes (text) VALUES (?)", (data["text"],)).lastrowid
            db.commit()
        code = 200 if MODE == "status200" else 201
        self.answer(code, {"id": note_id, "text": data["text"]}, [("Location", f"/notes/{note_id}")])
print("listening", flush=True)
ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
)PY";

constexpr const char* kProbes = R"(# a small notes API
probe: health answers 200 JSON
hint: GET /health answers 200 with JSON.
GET /health
HTTP 200
[Asserts]
header "content-type" contains "application/json"
jsonpath "$.status" == "ok"
jsonpath "$.tags" count == 2

probe: POST answers 201 with a Location
points: 2
hint: Creating a note answers 201 Created with a Location header.
POST /notes
Content-Type: application/json
{"text": "buy milk"}
HTTP 201
[Captures]
note_id: jsonpath "$.id"
note_url: header "Location"
[Asserts]
header "Location" matches "^/notes/[0-9]+$"
jsonpath "$.id" isInteger

probe: the note is in the database
hint: Store notes in the table notes of DATABASE_PATH.
sql: SELECT text FROM notes WHERE id = {{note_id}} => VALUES ('buy milk')

probe: notes survive a restart
hint: Keep notes in the database, not in memory.
restart
GET {{note_url}}
HTTP 200
[Asserts]
jsonpath "$.text" == "buy milk"

probe: secret
hidden: true
hint: An unknown note answers 404.
GET /notes/424242
HTTP 404
)";

KataSpec MakeKata(const fs::path& root, const std::string& probes = kProbes, int time_ms = 2000,
                  int startup_ms = 5000) {
  fs::path dir = root / "notes";
  WriteFile(dir / "kata.toml", "id = \"notes\"\ntitle = \"Notes\"\nkind = \"http\"\ndifficulty = "
                               "2\ntags = []\nsummary = \"s\"\n[limits]\ntime_ms = " +
                                   std::to_string(time_ms) + "\nstartup_ms = " +
                                   std::to_string(startup_ms) + "\n");
  WriteFile(dir / "README.md", "# Notes\n");
  WriteFile(dir / "fixtures/schema.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);");
  for (const char* folder : {"starter", "solution"}) {
    WriteFile(dir / folder / "Procfile", "web: python3 app.py ok\n");
    WriteFile(dir / folder / "app.py", kApp);
  }
  WriteFile(dir / "probes.http", probes);
  Result<KataSpec> spec = LoadKata(dir);
  REQUIRE(spec.ok());
  return *spec;
}

// The solution with Procfile `web: COMMAND`, packed as a submission.
std::string Submission(const fs::path& root, const std::string& command) {
  fs::path folder = root / "submission";
  fs::remove_all(folder);
  WriteFile(folder / "Procfile", "web: " + command + "\n");
  WriteFile(folder / "app.py", kApp);
  Result<std::string> packed = PackFolder(folder);
  REQUIRE(packed.ok());
  return *packed;
}

GradeResult Grade(const KataSpec& spec, const std::string& submission) {
  static std::unique_ptr<Launcher> launcher = MakeSandboxLauncher();
  http::HttpGrader grader(*launcher);
  return grader.Grade(spec, submission, nullptr);
}

TEST_CASE("a correct server gets full marks: requests, captures, database and restart",
          "[http]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  GradeResult result = Grade(spec, Submission(temp.path(), "python3 app.py ok"));
  for (const TestResult& test : result.tests) INFO(test.name << ": " << test.message);
  CHECK(result.status == GradeStatus::kPass);
  CHECK(result.score == 6);
  CHECK(VerdictName(result.verdict) == "ok");
}

TEST_CASE("a wrong status fails its probe with a curl command, and later probes that need "
          "its capture are skipped",
          "[http]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  GradeResult result = Grade(spec, Submission(temp.path(), "python3 app.py status200"));
  REQUIRE(result.tests.size() == 5);
  const TestResult& post = result.tests[1];
  CHECK(post.status == TestStatus::kFail);
  CHECK_THAT(post.message, Catch::Contains("Creating a note answers 201"));
  CHECK_THAT(post.message, Catch::Contains("curl -i -X POST 'http://127.0.0.1:8000/notes'"));
  CHECK_THAT(post.message, Catch::Contains("expected HTTP 201, got HTTP 200"));
  CHECK_THAT(post.message, Catch::Contains("Location: /notes/1"));
  CHECK(result.tests[2].status == TestStatus::kSkipped);
  CHECK_THAT(result.tests[2].message, Catch::Contains("{{note_id}}"));
  CHECK_THAT(result.tests[2].message, Catch::Contains("POST answers 201 with a Location"));
  CHECK(result.tests[0].status == TestStatus::kPass);
  CHECK(result.tests[4].status == TestStatus::kPass);
}

TEST_CASE("data kept in memory is caught by the database probe and by the restart",
          "[http]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  GradeResult result = Grade(spec, Submission(temp.path(), "python3 app.py memory"));
  CHECK(result.tests[1].status == TestStatus::kPass);
  CHECK(result.tests[2].status == TestStatus::kFail);
  CHECK_THAT(result.tests[2].message, Catch::Contains("returned no rows"));
  CHECK(result.tests[3].status == TestStatus::kFail);
  CHECK_THAT(result.tests[3].message, Catch::Contains("expected HTTP 200, got HTTP 404"));
}

struct Broken {
  const char* what;
  std::string command;
  int time_ms, startup_ms;
  Verdict verdict;
  GradeStatus status;
  const char* message_part;  // in the output or a test's message
};

TEST_CASE("servers that never start, crash, hang or flood get the right verdict", "[http]") {
  const std::vector<Broken> cases = {
      {"exits at once", "python3 -c 'import sys; print(\"bye\"); sys.exit(3)'", 2000, 3000,
       Verdict::kStartFailed, GradeStatus::kError, "exited with code 3 before it listened"},
      {"never listens", "sleep 100", 2000, 500, Verdict::kStartFailed, GradeStatus::kError,
       "did not accept connections on port 8000 within 500 ms"},
      {"a command that does not exist", "no-such-server", 2000, 3000, Verdict::kStartFailed,
       GradeStatus::kError, "not found"},
      {"crashes on a request", "python3 app.py crash", 2000, 5000, Verdict::kRuntimeError,
       GradeStatus::kFail, "closed the connection without an answer"},
      {"floods its output", "python3 app.py flood", 2000, 5000, Verdict::kOutputLimit,
       GradeStatus::kPass, "bytes before this cut"},
  };
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  for (const Broken& c : cases) {
    DYNAMIC_SECTION(c.what) {
      KataSpec limited = spec;
      limited.limits.time_ms = c.time_ms;
      limited.limits.startup_ms = c.startup_ms;
      GradeResult result = Grade(limited, Submission(temp.path(), c.command));
      std::string everything = result.output;
      for (const TestResult& test : result.tests) everything += "\n" + test.message;
      INFO(everything.substr(0, 600));
      CHECK(VerdictName(result.verdict) == VerdictName(c.verdict));
      CHECK(result.status == c.status);
      CHECK_THAT(everything, Catch::Contains(c.message_part));
    }
  }
}

TEST_CASE("a request that hangs fails its probe, not the run", "[http]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path(),
                           "probe: slow\nhint: answer quickly\nGET /slow\nHTTP 200\n"
                           "probe: health\nhint: h\nGET /health\nHTTP 200\n",
                           300);
  GradeResult result = Grade(spec, Submission(temp.path(), "python3 app.py ok"));
  REQUIRE(result.tests.size() == 2);
  CHECK(result.tests[0].status == TestStatus::kFail);
  CHECK_THAT(result.tests[0].message, Catch::Contains("no complete answer within 300 ms"));
  CHECK(result.tests[1].status == TestStatus::kPass);
  CHECK(result.verdict == Verdict::kTimeLimit);
}

TEST_CASE("a hidden probe shows only its hint", "[http]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path(), "probe: secret\nhidden: true\nhint: Unknown notes are "
                                        "404.\nGET /notes/424242\nHTTP 200\n");
  GradeResult result = Grade(spec, Submission(temp.path(), "python3 app.py ok"));
  CHECK(result.tests[0].status == TestStatus::kFail);
  CHECK(result.tests[0].message == "Unknown notes are 404.");
  CHECK_THAT(DumpJson(ToJson(result)), !Catch::Contains("424242"));
}

TEST_CASE("a submission without a Procfile cannot start", "[http]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  WriteFile(temp.path() / "bare/app.py", kApp);
  Result<std::string> packed = PackFolder(temp.path() / "bare");
  REQUIRE(packed.ok());
  GradeResult result = Grade(spec, *packed);
  CHECK(result.verdict == Verdict::kStartFailed);
  CHECK_THAT(result.output, Catch::Contains("no Procfile"));
}

TEST_CASE("kata test runs the visible HTTP probes against a running server", "[http]") {
  TempDir temp;
  KataSpec spec = MakeKata(temp.path());
  // A free port on the host's loopback.
  int probe = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  socklen_t length = sizeof(address);
  getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length);
  int port = ntohs(address.sin_port);
  close(probe);

  Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create();
  REQUIRE(work.ok());
  REQUIRE((*work)->WriteFile("app.py", kApp).ok());
  {
    Result<Database> db = Database::Open(((*work)->path() / "data.db").string(),
                                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    REQUIRE(db.ok());
    REQUIRE(db->Exec(spec.schema_sql).ok());
  }
  LaunchSpec server;
  server.argv = {"/usr/bin/python3", "app.py", "status200"};
  server.env = {"PATH=/usr/bin:/bin", "PORT=" + std::to_string(port),
                "DATABASE_PATH=" + ((*work)->path() / "data.db").string()};
  server.work_folder = work->get();
  server.limits.wall_ms = 20000;
  std::unique_ptr<Launcher> launcher = MakeProcessLauncher();
  Result<std::unique_ptr<Process>> running = launcher->Start(server);
  REQUIRE(running.ok());
  for (int i = 0; i < 100 && !http::Accepts("127.0.0.1", port, 50); ++i) {
    (*running)->WaitFor(std::chrono::milliseconds(20));
  }
  Result<GradeResult> result =
      http::TestAgainstUrl(spec, "http://127.0.0.1:" + std::to_string(port), nullptr);
  (*running)->Kill();
  REQUIRE(result.ok());
  REQUIRE(result->tests.size() == 5);
  CHECK(result->tests[0].status == TestStatus::kPass);
  CHECK(result->tests[1].status == TestStatus::kFail);  // 200 instead of 201
  CHECK_THAT(result->tests[1].message, Catch::Contains("expected HTTP 201, got HTTP 200"));
  for (size_t i : {2, 3, 4}) {  // database, restart, hidden: left out, not counted
    CHECK(result->tests[i].status == TestStatus::kSkipped);
    CHECK_THAT(result->tests[i].message, Catch::Contains("Left out"));
    CHECK(result->tests[i].max_score == 0);
  }
  CHECK(result->max_score == 3);
  CHECK_THAT(result->output, Catch::Contains("nothing was stored"));

  CHECK_FALSE(http::TestAgainstUrl(spec, "localhost:8000", nullptr).ok());
}

struct AssertCase {
  const char* line;
  bool holds;
};

TEST_CASE("asserts and JSONPath queries evaluate as documented", "[http]") {
  http::Response response{201,
                          {{"Content-Type", "application/json"}, {"Location", "/notes/7"}},
                          R"({"id": 7, "title": "Milk", "done": false, "tags": ["a", "b"],
                              "owner": {"name": "Ann"}, "price": 2.5, "none": null})"};
  const std::vector<AssertCase> cases = {
      {R"(status == 201)", true},
      {R"(status != 201)", false},
      {R"(header "location" == "/notes/7")", true},
      {R"(header "Location" matches "^/notes/[0-9]+$")", true},
      {R"(header "ETag" exists)", false},
      {R"(header "ETag" not exists)", true},
      {R"(jsonpath "$.id" == 7)", true},
      {R"(jsonpath "$.id" == 7.0)", true},
      {R"(jsonpath "$.id" == "7")", false},
      {R"(jsonpath "$.id" isInteger)", true},
      {R"(jsonpath "$.price" isInteger)", false},
      {R"(jsonpath "$.price" isNumber)", true},
      {R"(jsonpath "$.title" isString)", true},
      {R"(jsonpath "$.done" == false)", true},
      {R"(jsonpath "$.done" isBoolean)", true},
      {R"(jsonpath "$.tags" count == 2)", true},
      {R"(jsonpath "$.tags" contains "b")", true},
      {R"(jsonpath "$.tags[1]" == "b")", true},
      {R"(jsonpath "$.tags[5]" exists)", false},
      {R"(jsonpath "$.owner.name" == "Ann")", true},
      {R"(jsonpath "$['owner']['name']" == "Ann")", true},
      {R"(jsonpath "$.owner" isObject)", true},
      {R"(jsonpath "$.none" isNull)", true},
      {R"(jsonpath "$.missing" not exists)", true},
      {R"(body contains "Milk")", true},
  };
  for (const AssertCase& c : cases) {
    DYNAMIC_SECTION(c.line) {
      std::string probes = std::string("probe: p\nhint: h\nGET /\nHTTP *\n[Asserts]\n") + c.line + "\n";
      Result<std::vector<http::Probe>> parsed = http::ParseProbes(probes, "probes.http");
      REQUIRE(parsed.ok());
      REQUIRE(parsed->front().asserts.size() == 1);
      CHECK(http::CheckAssert(parsed->front().asserts[0], response).empty() == c.holds);
    }
  }
}

struct BadProbes {
  const char* what;
  std::string text;
  const char* message_part;
};

TEST_CASE("malformed probes.http files name the line and what was expected", "[http]") {
  const std::vector<BadProbes> cases = {
      {"no status line", "probe: a\nhint: h\nGET /x\n", "no `HTTP STATUS` line"},
      {"a relative path", "probe: a\nhint: h\nGET x\nHTTP 200\n", "must start with /"},
      {"two requests", "probe: a\nhint: h\nGET /x\nHTTP 200\nGET /y\n", "expected `[Captures]`"},
      {"a bad assert", "probe: a\nhint: h\nGET /x\nHTTP 200\n[Asserts]\njsonpath $.a == 1\n",
       "probes.http:6: an assert is"},
      {"a bad regex", "probe: a\nhint: h\nGET /x\nHTTP 200\n[Asserts]\nbody matches \"(\"\n",
       "an assert is"},
      {"a bad capture", "probe: a\nhint: h\nGET /x\nHTTP 200\n[Captures]\nid jsonpath\n",
       "a capture is"},
      {"no hint", "probe: a\nGET /x\nHTTP 200\n", "needs a `hint:`"},
      {"an unclosed raw body", "probe: a\nhint: h\nPOST /x\n```\n{oops\n", "not closed"},
      {"sql without expected rows", "probe: a\nhint: h\nsql: SELECT 1\n", "=> VALUES"},
  };
  for (const BadProbes& c : cases) {
    DYNAMIC_SECTION(c.what) {
      Result<std::vector<http::Probe>> parsed = http::ParseProbes(c.text, "probes.http");
      REQUIRE_FALSE(parsed.ok());
      CHECK_THAT(parsed.status().message(), Catch::Contains(c.message_part));
    }
  }
}

TEST_CASE("a raw body and headers are sent as written", "[http]") {
  Result<std::vector<http::Probe>> parsed = http::ParseProbes(
      "probe: a\nhint: h\nPOST /x/{{id}}\nContent-Type: application/json\nX-Key: {{key}}\n```\n"
      "{not json\n```\nHTTP 400\n",
      "probes.http");
  REQUIRE(parsed.ok());
  const http::Probe& probe = parsed->front();
  REQUIRE(probe.request);
  CHECK(probe.request->body == "{not json");
  CHECK(probe.request->headers.size() == 2);
  CHECK(probe.Uses() == std::set<std::string>{"id", "key"});
  CHECK(http::Substitute(probe.request->path, {{"id", "7"}}) == "/x/7");
}

}  // namespace
}  // namespace kata

// kata serve's HTTP side (cpp-httplib, kept in this file: its header is slow to compile):
// routes, tokens, JSON errors, limits; and the workers that grade queued submissions.
#include <fmt/format.h>
#include <httplib.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <iostream>
#include <map>
#include <mutex>
#include <regex>

#include "runner/catalogue.h"
#include "runner/command_support.h"
#include "runner/kata_paths.h"
#include "runner/kata_registry.h"
#include "runner/server/openapi.h"
#include "runner/server/page.h"
#include "runner/server/server.h"
#include "runner/server/token.h"
#include "runner/submission.h"
#include "sandbox/archive.h"

namespace kata {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void Error(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(DumpJson(json{{"error", message}}), "application/json");
}

void Json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(DumpJson(body, 2), "application/json");
}

json KataSummary(const KataSpec& spec) {
  return {{"id", spec.id},           {"title", spec.title},
          {"kind", KindName(spec.kind)}, {"difficulty", spec.difficulty},
          {"tags", spec.tags},       {"summary", spec.summary},
          {"max_score", spec.MaxScore()}, {"version", spec.version}};
}

// cpp-httplib listens with a backlog of 5, fixed when the library was built: a class's
// burst of submissions would see connections dropped. listen() again on the same socket
// raises the backlog; the socket is found by the port it is bound to.
void RaiseListenBacklog(int port) {
  for (int fd = 3; fd < 4096; ++fd) {
    int accepting = 0;
    socklen_t size = sizeof(accepting);
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &size) != 0 || !accepting) continue;
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) continue;
    int bound = address.ss_family == AF_INET6
                    ? ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port)
                    : ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
    if (bound == port) listen(fd, SOMAXCONN);
  }
}

struct Caller {
  bool instructor = false;
  std::string learner;  // "" for the instructor
};

}  // namespace

class KataServer::Impl {
 public:
  explicit Impl(ServeOptions options) : options_(std::move(options)) {
    instance_ = fmt::format("serve-{}-{}/", getpid(), NewToken().substr(0, 8));
    context_ = ProcessGraderContext(options_.global);
    if (!options_.helpers_folder.empty()) context_.helpers_folder = options_.helpers_folder;
  }

  Status Start(int& port) {
    Result<std::unique_ptr<Store>> store = OpenStore();
    if (!store.ok()) return store.status();
    // Jobs a dead server left running go back to the queue: each is graded once more and
    // ends with exactly one stored result.
    Result<int> requeued = (*store)->Requeue("serve-");
    if (requeued.ok() && *requeued > 0) {
      std::cerr << "kata serve: " << *requeued << " submission(s) left running by a stopped "
                << "server are queued again\n";
    }
    Routes();
    int workers = options_.workers > 0 ? options_.workers
                                       : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    for (int i = 0; i < workers; ++i) workers_.emplace_back([this, i] { Work(i); });
    http_.set_payload_max_length(options_.max_upload_bytes);
    // A keep-alive connection holds a pool thread while it waits for its next request:
    // enough threads for a class's connections, and no reconnect every 5 requests.
    http_.new_task_queue = [] { return new httplib::ThreadPool(64); };
    http_.set_keep_alive_max_count(1000);
    // Headers and body go out in separate writes: without TCP_NODELAY, Nagle and the
    // client's delayed ACK add 40 ms to every answer.
    http_.set_tcp_nodelay(true);
    port = options_.port == 0 ? http_.bind_to_any_port(options_.host)
                              : (http_.bind_to_port(options_.host, options_.port) ? options_.port : -1);
    if (port < 0) {
      Stop();
      return Status::InvalidArgument(fmt::format(
          "cannot listen on {}:{}; is another server using the port? choose one with --port",
          options_.host, options_.port));
    }
    RaiseListenBacklog(port);
    listener_ = std::thread([this] { http_.listen_after_bind(); });
    while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return Status::Ok();
  }

  void Stop() {
    if (stopping_.exchange(true)) return;
    http_.stop();
    if (listener_.joinable()) listener_.join();
    queue_.notify_all();
    for (std::thread& worker : workers_) worker.join();
    workers_.clear();
    if (Result<std::unique_ptr<Store>> store = OpenStore(); store.ok()) {
      (void)(*store)->Requeue(instance_);  // nothing of ours is left running
    }
  }

 private:
  // Each server thread keeps its own connection: SQLite connections are not shared.
  Store& ThreadStore() {
    thread_local std::unique_ptr<Store> store;
    if (!store) {
      Result<std::unique_ptr<Store>> opened = OpenStore();
      if (!opened.ok()) throw std::runtime_error(opened.status().message());
      store = std::move(*opened);
    }
    return *store;
  }

  std::optional<Caller> Authenticate(const httplib::Request& req, httplib::Response& res) {
    std::string header = req.get_header_value("Authorization");
    if (header.rfind("Bearer ", 0) != 0 || header.size() <= 7) {
      res.set_header("WWW-Authenticate", "Bearer");
      Error(res, 401, "no token: send Authorization: Bearer TOKEN (an instructor makes one "
                      "with kata learner add NAME)");
      return std::nullopt;
    }
    std::string hash = Sha256Hex(header.substr(7));
    Result<std::optional<std::string>> instructor = ThreadStore().Setting("instructor_token_hash");
    if (instructor.ok() && *instructor && **instructor == hash) return Caller{true, ""};
    Result<std::optional<std::string>> learner = ThreadStore().LearnerByToken(hash);
    if (learner.ok() && *learner) return Caller{false, **learner};
    res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    Error(res, 401, "unknown or revoked token; ask your instructor for a new one");
    return std::nullopt;
  }

  Result<KataSpec> FindKata(const std::string& id) {
    std::shared_ptr<const Catalogue> catalogue = Katas();
    return catalogue->Find(id);
  }

  // The catalogue, loaded at most once a second: listing reads every kata's files, and a
  // class asks for it all the time. A kata added through the API shows up within a second.
  std::shared_ptr<const Catalogue> Katas(std::shared_ptr<const std::string>* listing = nullptr) {
    std::lock_guard<std::mutex> lock(catalogue_mutex_);
    if (!catalogue_ || Clock::now() - catalogue_loaded_ > std::chrono::seconds(1)) {
      catalogue_ = std::make_shared<const Catalogue>(LoadCatalogue(options_.global, false));
      json list = json::array();
      for (const KataSpec& spec : catalogue_->katas()) list.push_back(KataSummary(spec));
      listing_ = std::make_shared<const std::string>(DumpJson(list, 2));
      catalogue_loaded_ = Clock::now();
    }
    if (listing) *listing = listing_;
    return catalogue_;
  }

  // Submissions per learner per minute.
  std::optional<int> RetryAfter(const std::string& learner) {
    std::lock_guard<std::mutex> lock(rate_mutex_);
    int64_t now = NowMs();
    std::deque<int64_t>& recent = recent_[learner];
    while (!recent.empty() && recent.front() <= now - 60000) recent.pop_front();
    if (static_cast<int>(recent.size()) >= options_.submissions_per_minute) {
      return static_cast<int>((recent.front() + 60000 - now + 999) / 1000);
    }
    recent.push_back(now);
    return std::nullopt;
  }

  void Routes() {
    http_.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;
      std::string message = res.status == 413 ? "the request body is too large"
                            : res.status == 404 ? "no such route; see /api/openapi.json"
                                                : fmt::format("HTTP {}", res.status);
      Error(res, res.status, message);
    });
    http_.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                   std::exception_ptr error) {
      std::string what = "internal error";
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      Error(res, 500, what);
    });
    http_.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Security-Policy",
                     "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                     "img-src 'self' data:");
      res.set_content(WebPage(), "text/html; charset=utf-8");
    });
    http_.Get("/api/openapi.json", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(OpenApiDocument(), "application/json");
    });
    http_.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
      Json(res, 200, {{"status", "ok"}});
    });
    http_.Get("/api/katas", [this](const httplib::Request& req, httplib::Response& res) {
      if (!Authenticate(req, res)) return;
      std::shared_ptr<const std::string> listing;
      std::shared_ptr<const Catalogue> catalogue = Katas(&listing);
      if (req.params.empty()) return res.set_content(*listing, "application/json");
      json list = json::array();
      for (const KataSpec& spec : catalogue->katas()) {
        if (req.has_param("kind") && KindName(spec.kind) != req.get_param_value("kind")) continue;
        if (req.has_param("tag") && std::find(spec.tags.begin(), spec.tags.end(),
                                              req.get_param_value("tag")) == spec.tags.end()) {
          continue;
        }
        if (req.has_param("difficulty") &&
            std::to_string(spec.difficulty) != req.get_param_value("difficulty")) {
          continue;
        }
        list.push_back(KataSummary(spec));
      }
      Json(res, 200, list);
    });
    http_.Get(R"(/api/katas/([a-z0-9-]+))", [this](const httplib::Request& req,
                                                   httplib::Response& res) {
      if (!Authenticate(req, res)) return;
      Result<KataSpec> spec = FindKata(req.matches[1]);
      if (!spec.ok()) return Error(res, 404, spec.status().message());
      json body = KataSummary(*spec);
      body["statement"] = spec->statement;
      body["statement_html"] = RenderMarkdown(spec->statement);
      body["submit"] = spec->SubmissionFileName();
      Json(res, 200, body);
    });
    http_.Get(R"(/api/katas/([a-z0-9-]+)/starter)", [this](const httplib::Request& req,
                                                           httplib::Response& res) {
      if (!Authenticate(req, res)) return;
      Result<KataSpec> spec = FindKata(req.matches[1]);
      if (!spec.ok()) return Error(res, 404, spec.status().message());
      Result<std::string> packed = PackFolder(spec->dir / "starter", {}, true);
      if (!packed.ok()) return Error(res, 500, packed.status().message());
      res.set_header("Content-Disposition",
                     fmt::format("attachment; filename=\"{}-starter.tar.gz\"", spec->id));
      res.set_content(*packed, "application/gzip");
    });
    http_.Post(R"(/api/katas/([a-z0-9-]+)/submissions)",
               [this](const httplib::Request& req, httplib::Response& res) { Submit(req, res); });
    http_.Get(R"(/api/submissions/([0-9a-f]+))", [this](const httplib::Request& req,
                                                        httplib::Response& res) {
      std::optional<Caller> caller = Authenticate(req, res);
      if (!caller) return;
      Result<SubmissionRecord> record = ThreadStore().GetSubmission(req.matches[1]);
      if (!record.ok()) return Error(res, 404, "no such submission");
      if (!caller->instructor && record->learner != caller->learner) {
        return Error(res, 403, "this submission is another learner's");
      }
      Json(res, 200, SubmissionJson(*record));
    });
    http_.Get("/api/submissions", [this](const httplib::Request& req, httplib::Response& res) {
      std::optional<Caller> caller = Authenticate(req, res);
      if (!caller) return;
      std::string learner = req.get_param_value("learner");
      if (!caller->instructor) {
        if (!learner.empty() && learner != caller->learner) {
          return Error(res, 403, "learners see only their own submissions");
        }
        learner = caller->learner;
      }
      Result<std::vector<SubmissionRecord>> records =
          ThreadStore().Submissions(req.get_param_value("kata"), learner);
      if (!records.ok()) return Error(res, 500, records.status().message());
      json list = json::array();
      for (const SubmissionRecord& record : *records) list.push_back(SubmissionJson(record));
      Json(res, 200, list);
    });
    http_.Post("/api/katas", [this](const httplib::Request& req, httplib::Response& res) {
      AddKata(req, res);
    });
    http_.Get("/api/scores", [this](const httplib::Request& req, httplib::Response& res) {
      std::optional<Caller> caller = Authenticate(req, res);
      if (!caller) return;
      if (!caller->instructor) return Error(res, 403, "scores are for the instructor's token");
      Result<std::vector<std::tuple<std::string, std::string, BestScore>>> scores =
          ThreadStore().Scores();
      if (!scores.ok()) return Error(res, 500, scores.status().message());
      if (req.get_param_value("format") == "csv") {
        std::string csv = "learner,kata,best_score,max_score,solved\n";
        for (const auto& [learner, kata, best] : *scores) {
          csv += fmt::format("{},{},{},{},{}\n", learner, kata, best.score, best.max_score,
                             best.solved ? "yes" : "no");
        }
        return res.set_content(csv, "text/csv");
      }
      json list = json::array();
      for (const auto& [learner, kata, best] : *scores) {
        list.push_back({{"learner", learner}, {"kata", kata}, {"best_score", best.score},
                        {"max_score", best.max_score}, {"solved", best.solved}});
      }
      Json(res, 200, list);
    });
  }

  json SubmissionJson(const SubmissionRecord& record) {
    json body;
    if (record.result) {
      body = ToJson(*record.result);
    } else {
      body = {{"id", record.id}, {"kata", record.kata}};
    }
    body["state"] = record.state;
    body["learner"] = record.learner;
    body["created_ms"] = record.created_ms;
    return body;
  }

  void Submit(const httplib::Request& req, httplib::Response& res) {
    std::optional<Caller> caller = Authenticate(req, res);
    if (!caller) return;
    Result<KataSpec> spec = FindKata(req.matches[1]);
    if (!spec.ok()) return Error(res, 404, spec.status().message());
    std::string learner = caller->instructor ? "instructor" : caller->learner;
    SubmittedFile file;
    if (spec->kind == KataKind::kHttp) {
      // A folder, as a tar(.gz) or zip upload: refused whole if it holds anything unsafe.
      Result<std::unique_ptr<WorkFolder>> check = WorkFolder::Create();
      if (!check.ok()) return Error(res, 500, check.status().message());
      Status safe = ExtractArchive(req.body, **check);
      if (!safe.ok()) return Error(res, 422, safe.message());
      if (!(*check)->ReadFile("Procfile", 1 << 16).ok()) {
        return Error(res, 422, "the upload has no Procfile at its top; archive the folder of "
                               "your server with its Procfile");
      }
      file = SubmittedFile{"submission.tar", req.body};
    } else {
      if (req.body.size() > options_.max_json_bytes) return Error(res, 413, "the body is too large");
      json body = json::parse(req.body, nullptr, false);
      if (body.is_discarded() || !body.is_object() || !body.contains("source") ||
          !body["source"].is_string()) {
        return Error(res, 400, fmt::format("send JSON {{\"source\": \"…\"}} with your {}",
                                           spec->SubmissionFileName()));
      }
      file = SubmittedFile{spec->SubmissionFileName(), body["source"].get<std::string>()};
    }
    if (std::optional<int> wait = RetryAfter(learner)) {
      res.set_header("Retry-After", std::to_string(*wait));
      return Error(res, 429, fmt::format("at most {} submissions a minute; try again in {} s",
                                         options_.submissions_per_minute, *wait));
    }
    SubmissionRecord record;
    record.kata = spec->id;
    record.learner = learner;
    record.file_name = file.name;
    record.source = file.source;
    record.kata_version = spec->version;
    Status stored = ThreadStore().EnqueueSubmission(record);  // committed before the 202
    if (!stored.ok()) return Error(res, 500, stored.message());
    queue_.notify_one();
    res.set_header("Location", "/api/submissions/" + record.id);
    Json(res, 202, {{"id", record.id}, {"state", "queued"}, {"kata", record.kata}});
  }

  void AddKata(const httplib::Request& req, httplib::Response& res) {
    std::optional<Caller> caller = Authenticate(req, res);
    if (!caller) return;
    if (!caller->instructor) return Error(res, 403, "adding katas needs the instructor's token");
    Result<std::unique_ptr<WorkFolder>> folder = WorkFolder::Create();
    if (!folder.ok()) return Error(res, 500, folder.status().message());
    ArchiveLimits limits;
    limits.max_total_bytes = 256 << 20;
    limits.max_entries = 20000;
    Status safe = ExtractArchive(req.body, **folder, limits);
    if (!safe.ok()) return Error(res, 422, safe.message());
    // The archive holds the kata's files at its top; the folder must carry the kata's id.
    Result<std::string> toml = (*folder)->ReadFile("kata.toml", 1 << 20);
    if (!toml.ok()) return Error(res, 422, "the upload has no kata.toml at its top");
    std::smatch m;
    static const std::regex kId(R"re((^|\n)\s*id\s*=\s*"([a-z0-9][a-z0-9-]*)")re");
    if (!std::regex_search(*toml, m, kId)) return Error(res, 422, "kata.toml has no valid id");
    std::filesystem::path dir = (*folder)->path().parent_path() /
                                fmt::format("{}.{}", (*folder)->path().filename().string(), m[2].str());
    std::filesystem::create_directories(dir);
    std::filesystem::path kata_dir = dir / m[2].str();
    std::error_code error;
    std::filesystem::copy((*folder)->path(), kata_dir, std::filesystem::copy_options::recursive, error);
    Result<AddedKata> added = AddKataFolder(ThreadStore(), kata_dir, context_);
    std::filesystem::remove_all(dir, error);
    if (!added.ok()) return Error(res, 500, added.status().message());
    if (added->unchanged) {
      return Error(res, 409, fmt::format("kata {} is already stored with these very files; "
                                         "change it to add a new version", added->id));
    }
    if (!added->version) {
      return Json(res, 422, {{"error", "the kata is not valid"}, {"problems", added->report.problems}});
    }
    res.set_header("Location", "/api/katas/" + added->id);
    Json(res, 201, {{"id", added->id}, {"version", added->version}});
  }

  // A worker: claims the oldest queued submission, grades it, stores the result.
  void Work(int index) {
    std::string id = fmt::format("{}{}", instance_, index);
    Result<std::unique_ptr<Store>> opened = OpenStore();
    if (!opened.ok()) {
      std::cerr << "kata serve: worker " << index << ": " << opened.status().message() << "\n";
      return;
    }
    Store& store = **opened;
    while (!stopping_) {
      Result<std::optional<SubmissionRecord>> claimed = store.ClaimNext(id);
      if (!claimed.ok() || !*claimed) {
        std::unique_lock<std::mutex> lock(queue_mutex_);
        queue_.wait_for(lock, std::chrono::milliseconds(200));
        continue;
      }
      const SubmissionRecord& record = **claimed;
      GradeResult result;
      Result<KataSpec> spec = FindKata(record.kata);
      std::unique_ptr<Grader> grader = spec.ok() ? MakeGrader(spec->kind, context_) : nullptr;
      if (!spec.ok() || !grader) {
        result.kata = record.kata;
        result.verdict = Verdict::kSandboxError;
        result.output = spec.ok() ? "this kind of kata cannot be graded" : spec.status().message();
        result.Finish(false);
      } else {
        result = grader->Grade(*spec, record.source, nullptr);
      }
      result.id = record.id;
      Status saved = store.SaveResult(record.id, result);
      if (!saved.ok()) std::cerr << "kata serve: " << saved.message() << "\n";
    }
  }

  ServeOptions options_;
  std::string instance_;
  GraderContext context_;
  httplib::Server http_;
  std::thread listener_;
  std::vector<std::thread> workers_;
  std::atomic<bool> stopping_{false};
  std::mutex queue_mutex_;
  std::condition_variable queue_;
  std::mutex rate_mutex_;
  std::map<std::string, std::deque<int64_t>> recent_;
  std::mutex catalogue_mutex_;
  std::shared_ptr<const Catalogue> catalogue_;
  std::shared_ptr<const std::string> listing_;  // GET /api/katas, unfiltered, ready to send
  Clock::time_point catalogue_loaded_;
};

KataServer::KataServer(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
KataServer::~KataServer() { Stop(); }
Status KataServer::Start() { return impl_->Start(port_); }
void KataServer::Stop() { impl_->Stop(); }

Result<std::string> EnsureInstructorToken(const std::string& token) {
  Result<std::unique_ptr<Store>> store = OpenStore();
  if (!store.ok()) return store.status();
  if (!token.empty()) {
    KATA_RETURN_IF_ERROR((*store)->SetSetting("instructor_token_hash", Sha256Hex(token)));
    return std::string();
  }
  Result<std::optional<std::string>> existing = (*store)->Setting("instructor_token_hash");
  if (!existing.ok()) return existing.status();
  if (*existing) return std::string();
  std::string fresh = NewToken();
  KATA_RETURN_IF_ERROR((*store)->SetSetting("instructor_token_hash", Sha256Hex(fresh)));
  return fresh;
}

int RunServer(const ServeOptions& options) {
  // Signals are taken by this thread alone (sigwait), so every other thread starts with
  // them blocked.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  const char* env_token = std::getenv("KATA_INSTRUCTOR_TOKEN");
  Result<std::string> token = EnsureInstructorToken(env_token ? env_token : "");
  if (!token.ok()) {
    std::cerr << "kata: error: " << token.status().message() << "\n";
    return kExitInternal;
  }
  KataServer server(options);
  Status started = server.Start();
  if (!started.ok()) {
    std::cerr << "kata: error: " << started.message() << "\n";
    return kExitUsage;
  }
  std::cout << fmt::format("kata serve: listening on http://{}:{}\n", options.host, server.port());
  if (!token->empty()) {
    std::cout << "instructor token (shown once; keep it): " << *token << "\n";
  }
  std::cout << std::flush;
  int received = 0;
  sigwait(&signals, &received);
  std::cout << "kata serve: stopping (finishing what is being graded)\n" << std::flush;
  server.Stop();
  return kExitOk;
}

}  // namespace kata

// kata serve, and the instructor's learner and score commands around it.
#include <fmt/format.h>

#include <iostream>
#include <regex>

#include "runner/command_support.h"
#include "runner/server/server.h"
#include "runner/server/token.h"

namespace kata {

int CmdServe(const GlobalOptions& options, const std::string& host, int port, int workers,
             int submissions_per_minute) {
  ServeOptions serve;
  serve.submissions_per_minute = submissions_per_minute;
  serve.host = host;
  serve.port = port;
  serve.workers = workers;
  serve.global = options;
  return RunServer(serve);
}

int CmdLearnerAdd(const GlobalOptions& options, const std::string& name) {
  static const std::regex kName(R"([A-Za-z0-9._@-]{1,64})");
  if (!std::regex_match(name, kName)) {
    return Fail(options, kExitUsage,
                fmt::format("'{}' is not a learner name; use letters, digits, '.', '_', '@' "
                            "or '-' (at most 64)",
                            name));
  }
  Result<std::unique_ptr<Store>> store = OpenStore();
  if (!store.ok()) return Fail(options, kExitInternal, store.status().message());
  std::string token = NewToken();
  Status added = (*store)->AddLearner(name, Sha256Hex(token));
  if (!added.ok()) return Fail(options, kExitInternal, added.message());
  if (options.json) {
    std::cout << DumpJson({{"learner", name}, {"token", token}}, 2) << "\n";
  } else {
    std::cout << "learner " << name << "'s token (shown once; a new add replaces it):\n"
              << token << "\n";
  }
  return kExitOk;
}

int CmdLearnerRevoke(const GlobalOptions& options, const std::string& name) {
  Result<std::unique_ptr<Store>> store = OpenStore();
  if (!store.ok()) return Fail(options, kExitInternal, store.status().message());
  Status revoked = (*store)->RevokeLearner(name);
  if (!revoked.ok()) return Fail(options, ExitCodeFor(revoked), revoked.message());
  std::cout << (options.json ? DumpJson({{"learner", name}, {"revoked", true}})
                             : "revoked " + name + "'s token")
            << "\n";
  return kExitOk;
}

int CmdScores(const GlobalOptions& options, bool csv) {
  Result<std::unique_ptr<Store>> store = OpenStore();
  if (!store.ok()) return Fail(options, kExitInternal, store.status().message());
  auto scores = (*store)->Scores();
  if (!scores.ok()) return Fail(options, kExitInternal, scores.status().message());
  if (csv) {
    std::cout << "learner,kata,best_score,max_score,solved\n";
    for (const auto& [learner, kata, best] : *scores) {
      std::cout << fmt::format("{},{},{},{},{}\n", learner, kata, best.score, best.max_score,
                               best.solved ? "yes" : "no");
    }
    return kExitOk;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [learner, kata, best] : *scores) {
    list.push_back({{"learner", learner}, {"kata", kata}, {"best_score", best.score},
                    {"max_score", best.max_score}, {"solved", best.solved}});
  }
  std::cout << DumpJson(list, 2) << "\n";
  return kExitOk;
}

}  // namespace kata

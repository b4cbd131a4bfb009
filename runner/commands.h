// One function per kata subcommand. Each returns the process exit code (BRIEF):
// 0 full marks / success, 1 graded below full marks (or invalid kata), 2 could not grade
// (bad usage, unknown kata, missing PATH, malformed kata), 3 internal or sandbox failure.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kata {

constexpr int kExitOk = 0;
constexpr int kExitBelowFullMarks = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInternal = 3;

struct GlobalOptions {
  std::optional<std::string> katas;  // --katas DIR
  bool json = false;                 // --json
  std::string server;                // --server URL (or KATA_SERVER): talk to kata serve
  std::string token;                 // --token T (or KATA_TOKEN)
};

struct ListFilter {
  std::string kind;
  std::string tag;
  int difficulty = 0;  // 0: any
};

int CmdList(const GlobalOptions& options, const ListFilter& filter);
int CmdShow(const GlobalOptions& options, const std::string& id);
// starter: "" for starter/, or e.g. "node" for starter-node/.
int CmdFetch(const GlobalOptions& options, const std::string& id, const std::string& dir,
             bool force, const std::string& starter);
// format: "" for the terminal (or --json), else json | gradescope | exercism | junit.
int CmdSubmit(const GlobalOptions& options, const std::string& id, const std::string& path,
              const std::string& format);
int CmdGrade(const GlobalOptions& options, const std::string& id, const std::string& path,
             const std::string& format, const std::string& output_file);
int CmdHistory(const GlobalOptions& options, const std::string& id);
int CmdFeedback(const GlobalOptions& options, const std::string& submission_id);
int CmdValidate(const GlobalOptions& options, const std::vector<std::string>& dirs);
int CmdDoctor(const GlobalOptions& options);
int CmdAdd(const GlobalOptions& options, const std::string& dir);
int CmdServe(const GlobalOptions& options, const std::string& host, int port, int workers,
             int submissions_per_minute);
int CmdLearnerAdd(const GlobalOptions& options, const std::string& name);
int CmdLearnerRevoke(const GlobalOptions& options, const std::string& name);
int CmdScores(const GlobalOptions& options, bool csv);
int CmdRemove(const GlobalOptions& options, const std::string& id);
int CmdNew(const GlobalOptions& options, const std::string& kind, const std::string& id,
           const std::string& dir);
int CmdTest(const GlobalOptions& options, const std::string& id, const std::string& url);

}  // namespace kata

// The command line: CLI11 definitions of every verb, each calling one Cmd* function.
#include "runner/cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <functional>
#include <nlohmann/json.hpp>
#include <iostream>

#include "runner/commands.h"

namespace kata {
namespace {

// Says what was wrong with the command line and how to get help; under --json as
// {"error": ...} on stdout, as the BRIEF wants for every exit 2.
int UsageError(CLI::App& app, int argc, char** argv, const CLI::ParseError& error) {
  bool json = false;
  std::string first_word;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--json") json = true;
    if (arg == "--katas") ++i;  // its value is not a verb
    else if (first_word.empty() && !arg.empty() && arg[0] != '-') first_word = arg;
  }
  std::string message = error.what();
  std::vector<std::string> verbs;
  for (const CLI::App* sub : app.get_subcommands({})) verbs.push_back(sub->get_name());
  bool known = std::find(verbs.begin(), verbs.end(), first_word) != verbs.end();
  if (!first_word.empty() && !known) {
    message = "'" + first_word + "' is not a kata verb; the verbs are " +
              CLI::detail::join(verbs, ", ");
  } else if (first_word.empty()) {
    message = "no verb given; the verbs are " + CLI::detail::join(verbs, ", ");
  }
  if (json) {
    std::cout << nlohmann::json{{"error", message}}.dump() << "\n";
  } else {
    std::cerr << "kata: error: " << message << "\nRun `kata --help` or `kata VERB --help`.\n";
  }
  return kExitUsage;
}

}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App app{"kata: practise backend skills (SQL, schema design, REST APIs) on graded katas.",
               "kata"};
  app.set_version_flag("--version", std::string("kata ") + KATA_VERSION);
  app.require_subcommand(1);
  app.fallthrough();

  GlobalOptions options;
  std::string katas;
  app.add_option("--katas", katas, "Folder of katas to use instead of the bundled ones")
      ->type_name("DIR");
  app.add_flag("--json", options.json, "Print machine-readable JSON");
  app.add_option("--server", options.server,
                 "Use a kata serve at URL for list, show, fetch, submit, history, feedback "
                 "(or KATA_SERVER)")
      ->type_name("URL");
  app.add_option("--token", options.token, "Your token for --server (or KATA_TOKEN)");

  std::function<int()> run;

  ListFilter filter;
  CLI::App* list = app.add_subcommand("list", "List the katas, with your best scores");
  list->add_option("--kind", filter.kind, "Only katas of this kind")
      ->check(CLI::IsMember({"sql", "schema", "http"}));
  list->add_option("--tag", filter.tag, "Only katas with this tag");
  list->add_option("--difficulty", filter.difficulty, "Only katas of this difficulty")
      ->check(CLI::Range(1, 5));
  list->callback([&] { run = [&] { return CmdList(options, filter); }; });

  std::string id;
  CLI::App* show = app.add_subcommand("show", "Print a kata's statement, limits and what to submit");
  show->add_option("ID", id, "The kata's id (see kata list)")->required();
  show->callback([&] { run = [&] { return CmdShow(options, id); }; });

  std::string dir;
  bool force = false;
  CLI::App* fetch = app.add_subcommand("fetch", "Write a kata's statement and starter files");
  fetch->add_option("ID", id, "The kata's id")->required();
  fetch->add_option("DIR", dir, "Where to write them (default: ./ID)");
  fetch->add_flag("--force", force, "Overwrite files that exist");
  std::string starter;
  fetch->add_option("--starter", starter,
                    "Another starter the kata ships, e.g. node (kata show lists them)");
  fetch->callback([&] { run = [&] { return CmdFetch(options, id, dir, force, starter); }; });

  std::string path;
  CLI::App* submit = app.add_subcommand("submit", "Grade your solution and store the result");
  submit->add_option("ID", id, "The kata's id")->required();
  submit->add_option("PATH", path, "Your query.sql or schema.sql, or your server's folder (default: .)");
  std::string format;
  submit->add_option("--format", format, "Print the result as json, gradescope, exercism or junit");
  submit->callback([&] { run = [&] { return CmdSubmit(options, id, path, format); }; });

  std::string output_file;
  CLI::App* grade = app.add_subcommand(
      "grade", "Grade for a pipeline: print only the result in a format, store nothing");
  grade->add_option("ID", id, "The kata's id")->required();
  grade->add_option("PATH", path, "The submission (default: .)");
  grade->add_option("--format", format, "json (default), gradescope, exercism or junit");
  grade->add_option("--output", output_file, "Write the result to FILE instead of stdout")
      ->type_name("FILE");
  grade->callback([&] {
    run = [&] { return CmdGrade(options, id, path, format.empty() ? "json" : format, output_file); };
  });

  CLI::App* history = app.add_subcommand("history", "List your submissions, newest first");
  history->add_option("ID", id, "Only this kata's");
  history->callback([&] { run = [&] { return CmdHistory(options, id); }; });

  std::string submission;
  CLI::App* feedback = app.add_subcommand("feedback", "Print a stored submission's feedback");
  feedback->add_option("SUBMISSION_ID", submission, "As kata history shows it")->required();
  feedback->callback([&] { run = [&] { return CmdFeedback(options, submission); }; });

  std::string kind;
  CLI::App* scaffold = app.add_subcommand(
      "new", "Write a complete, valid kata of a kind to start from (instructors)");
  scaffold->add_option("KIND", kind, "sql, schema or http")->required();
  scaffold->add_option("ID", id, "The new kata's id (lowercase letters, digits, -)")->required();
  scaffold->add_option("DIR", dir, "Where to create ID/ (default: .)");
  scaffold->callback([&] { run = [&] { return CmdNew(options, kind, id, dir); }; });

  CLI::App* add = app.add_subcommand(
      "add", "Validate a kata folder and add it to your store, as a new version (instructors)");
  add->add_option("DIR", dir, "The kata's folder")->required();
  add->callback([&] { run = [&] { return CmdAdd(options, dir); }; });

  CLI::App* remove = app.add_subcommand(
      "remove", "Hide a kata added with kata add; its submissions are kept (instructors)");
  remove->add_option("ID", id, "The kata's id")->required();
  remove->callback([&] { run = [&] { return CmdRemove(options, id); }; });

  std::string host = "127.0.0.1";
  int port = 8080, workers = 0;
  CLI::App* serve = app.add_subcommand("serve", "Serve the REST API and the grading queue for a class");
  serve->add_option("--host", host, "Address to bind (default 127.0.0.1)");
  serve->add_option("--port", port, "Port (default 8080)")->check(CLI::Range(0, 65535));
  serve->add_option("--workers", workers, "Grading workers (default: the number of cores)")
      ->check(CLI::Range(0, 256));
  int per_minute = 30;
  serve->add_option("--submissions-per-minute", per_minute,
                    "Per learner; more answer 429 (default 30)")
      ->check(CLI::Range(1, 1000000));
  serve->callback([&] { run = [&] { return CmdServe(options, host, port, workers, per_minute); }; });

  std::string name;
  CLI::App* learner = app.add_subcommand("learner", "Manage learners' API tokens (instructors)");
  learner->require_subcommand(1);
  CLI::App* learner_add = learner->add_subcommand("add", "Create a learner and print their token");
  learner_add->add_option("NAME", name, "The learner's name")->required();
  learner_add->callback([&] { run = [&] { return CmdLearnerAdd(options, name); }; });
  CLI::App* learner_revoke = learner->add_subcommand("revoke", "Revoke a learner's token");
  learner_revoke->add_option("NAME", name, "The learner's name")->required();
  learner_revoke->callback([&] { run = [&] { return CmdLearnerRevoke(options, name); }; });

  bool csv = false;
  CLI::App* scores = app.add_subcommand("scores", "Each learner's best score per kata (instructors)");
  scores->add_flag("--csv", csv, "As CSV (default: JSON)");
  scores->callback([&] { run = [&] { return CmdScores(options, csv); }; });

  std::vector<std::string> dirs;
  CLI::App* validate = app.add_subcommand(
      "validate", "Prove katas valid: the reference scores full marks, every bad/ fails");
  validate->add_option("DIR", dirs, "Kata folders")->required();
  validate->callback([&] { run = [&] { return CmdValidate(options, dirs); }; });

  std::string url;
  CLI::App* test = app.add_subcommand(
      "test", "Run an http kata's visible probes against your own running server (nothing stored)");
  test->add_option("ID", id, "The kata's id")->required();
  test->add_option("--url", url, "Your server, e.g. http://127.0.0.1:8000")->required();
  test->callback([&] { run = [&] { return CmdTest(options, id, url); }; });

  CLI::App* doctor = app.add_subcommand(
      "doctor", "Show which sandbox mechanisms this machine gives, and what is lost without each");
  doctor->callback([&] { run = [&] { return CmdDoctor(options); }; });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
    return UsageError(app, argc, argv, error);
  }
  if (!katas.empty()) options.katas = katas;
  if (const char* server = std::getenv("KATA_SERVER"); options.server.empty() && server) {
    options.server = server;
  }
  if (const char* token = std::getenv("KATA_TOKEN"); options.token.empty() && token) {
    options.token = token;
  }
  if (!run) return kExitUsage;
  try {
    return run();
  } catch (const std::exception& error) {
    // Whatever escaped (an unexpected answer from a server, say) is a clear error, not a crash.
    std::cerr << "kata: error: " << error.what() << "; this is a bug in kata, please report it\n";
    return kExitInternal;
  }
}

}  // namespace kata

// The sandbox against hostile programs, table-driven. Each case asserts the verdict, that
// the grader (this process) carries on, that no process of the run is left, and that the
// host is untouched. Needs root and namespaces: without them each case exits 77, which
// ctest reports as skipped (never as passed).
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <algorithm>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "sandbox/cgroup.h"
#include "sandbox/doctor.h"
#include "sandbox/seccomp_policy.h"
#include "sandbox/launcher.h"
#include "sandbox/verdict.h"
#include "test_support.h"

namespace kata {
namespace {

namespace fs = std::filesystem;
constexpr int kSkipped = 77;

// Exits 77 with the reason when this machine cannot run the sandbox.
void RequireSandbox() {
  static const std::string why_not = [] {
    Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create({}, 1 << 20);
    if (!work.ok()) return work.status().message();
    LaunchSpec spec;
    spec.argv = {"/bin/true"};
    spec.work_folder = work->get();
    Result<std::unique_ptr<Process>> started = MakeNamespaceLauncher()->Start(spec);
    if (!started.ok()) return started.status().message();
    (*started)->Wait();
    return std::string();
  }();
  if (!why_not.empty()) {
    std::cout << "SKIPPED: the sandbox cannot run here: " << why_not << "\n";
    std::exit(kSkipped);
  }
}

// The PID namespace a process is in (0 when it is gone).
ino_t PidNamespaceOf(pid_t pid) {
  struct stat info {};
  return stat(fmt::format("/proc/{}/ns/pid", pid).c_str(), &info) == 0 ? info.st_ino : 0;
}

// Processes anywhere on the host that are in the PID namespace ns.
int ProcessesIn(ino_t ns) {
  if (ns == 0) return 0;
  int count = 0;
  DIR* proc = opendir("/proc");
  while (dirent* entry = readdir(proc)) {
    if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
    if (PidNamespaceOf(std::atoi(entry->d_name)) == ns) ++count;
  }
  closedir(proc);
  return count;
}

struct Run {
  RunOutcome outcome;
  RunVerdict verdict;
  int left_behind = 0;  // processes of the run's namespace still alive after it
};

Run Sandboxed(const std::string& script, const SandboxLimits& limits,
              const std::vector<std::string>& hidden = {},
              const std::function<void(WorkFolder&)>& after = nullptr) {
  Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create({}, 64 << 20);
  REQUIRE(work.ok());
  LaunchSpec spec;
  spec.argv = {"/bin/sh", "-c", script};
  spec.env = {"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/work"};
  spec.work_folder = work->get();
  spec.limits = limits;
  spec.hidden_paths = hidden;
  Result<std::unique_ptr<Process>> process = MakeNamespaceLauncher()->Start(spec);
  REQUIRE(process.ok());
  ino_t ns = PidNamespaceOf((*process)->pid());
  REQUIRE(ns != PidNamespaceOf(getpid()));
  RunOutcome outcome = (*process)->Wait();
  process->reset();
  if (after) after(**work);
  return Run{outcome, ClassifyRun(outcome, limits), ProcessesIn(ns)};
}

SandboxLimits Limits(int64_t wall_ms = 5000) {
  SandboxLimits limits;
  limits.wall_ms = wall_ms;
  limits.cpu_ms = 10000;
  limits.memory_bytes = 64LL << 20;
  limits.max_processes = 32;
  limits.file_size_bytes = 16LL << 20;
  limits.open_files = 64;
  limits.output_bytes = 1 << 20;
  return limits;
}

struct Case {
  const char* what;
  std::string script;
  SandboxLimits limits;
  Verdict verdict;
  std::string detail_part;  // in the verdict's detail
  std::string stdout_part;  // in the program's stdout
};

TEST_CASE("hostile programs get the right verdict and leave nothing behind", "[sandbox]") {
  RequireSandbox();
  bool cgroup = DetectCgroups().version != CgroupSupport::Version::kNone;
  SandboxLimits cpu = Limits(20000);
  cpu.cpu_ms = 1000;
  const std::vector<Case> cases = {
      {"a fork bomb", "bomb() { bomb | bomb & }; bomb; sleep 100", Limits(1500),
       Verdict::kTimeLimit, "wall clock", ""},
      {"a memory bomb",
       "python3 -c \"x = []\nwhile True: x.append(bytearray(1 << 20))\"", Limits(20000),
       cgroup ? Verdict::kMemoryLimit : Verdict::kRuntimeError, cgroup ? "memory limit" : "", ""},
      {"a busy loop", "while :; do :; done", cpu, Verdict::kTimeLimit, "CPU", ""},
      {"sleeping forever", "sleep 1000", Limits(300), Verdict::kTimeLimit, "wall clock", ""},
      {"1 GB of output", "head -c 1000000000 /dev/zero", Limits(30000), Verdict::kOutputLimit,
       "output limit", ""},
      {"writing a huge file", "exec head -c 200000000 /dev/zero > /work/big", Limits(),
       Verdict::kOutputLimit, "file grew", ""},
      {"exhausting file descriptors",
       "python3 -c \"import os\nfds = []\nwhile True: fds.append(os.open('/dev/null', "
       "os.O_RDONLY))\"",
       Limits(), Verdict::kRuntimeError, "exited with code 1", ""},
      {"killing its parent and init", "kill -9 $PPID; kill -9 1; echo survived", Limits(),
       Verdict::kOk, "", "survived"},
      {"a double-forked daemon", "(setsid sh -c 'sleep 1000' &); sleep 0.2; echo started",
       Limits(), Verdict::kOk, "", "started"},
      {"ptrace", "python3 -c \"import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
                 "print('ptrace', libc.ptrace(0, 0, 0, 0), ctypes.get_errno())\"",
       Limits(), Verdict::kOk, "", "ptrace -1 1"},
      {"unshare and mount", "python3 -c \"import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
                            "print('unshare', libc.unshare(0x20000), ctypes.get_errno())\n"
                            "print('mount', libc.mount(b'x', b'/work', b'tmpfs', 0, None), "
                            "ctypes.get_errno())\"",
       Limits(), Verdict::kOk, "", "unshare -1 1\nmount -1 1"},
      {"a segfault", "exec python3 -c \"import ctypes; ctypes.string_at(0)\"", Limits(),
       Verdict::kRuntimeError, "SIGSEGV", ""},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.what) {
      Run run = Sandboxed(c.script, c.limits);
      INFO("stdout: " << run.outcome.stdout_data.substr(0, 300));
      INFO("stderr: " << run.outcome.stderr_data.substr(0, 300));
      INFO("detail: " << run.verdict.detail);
      CHECK(VerdictName(run.verdict.verdict) == VerdictName(c.verdict));
      CHECK_THAT(run.verdict.detail, Catch::Contains(c.detail_part));
      CHECK_THAT(run.outcome.stdout_data, Catch::Contains(c.stdout_part));
      CHECK(run.outcome.stdout_data.size() <= c.limits.output_bytes);
      CHECK(run.left_behind == 0);
    }
  }
}

TEST_CASE("the sandbox shows a minimal read-only system and a writable work folder",
          "[sandbox]") {
  RequireSandbox();
  Run run = Sandboxed(
      "id -u; hostname; pwd; cat /etc/hosts; ls /dev; echo ok > /work/mine && cat /work/mine; "
      "for p in / /usr /etc /dev /proc/sys /bin; do touch $p/kata-probe 2>/dev/null && echo "
      "WROTE $p; done; ls /home /root /var 2>&1 | head -3",
      Limits());
  const std::string& out = run.outcome.stdout_data;
  CHECK_THAT(out, Catch::StartsWith(geteuid() == 0 ? "65534\nkata\n/work\n" : "0\nkata\n/work\n"));
  CHECK_THAT(out, Catch::Contains("127.0.0.1 localhost"));
  CHECK_THAT(out, Catch::Contains("null\nstderr\nstdin\nstdout\nurandom\nzero\n"));
  CHECK_THAT(out, Catch::Contains("ok\n"));
  CHECK_THAT(out, !Catch::Contains("WROTE"));
  CHECK_FALSE(fs::exists("/usr/kata-probe"));
  CHECK_FALSE(fs::exists("/etc/kata-probe"));
  CHECK_FALSE(fs::exists("/kata-probe"));
  CHECK_THAT(out, Catch::Contains("No such file"));
}

TEST_CASE("the kata folders, the store and hidden paths are unreachable", "[sandbox]") {
  RequireSandbox();
  testing::TempDir home;
  testing::WriteFile(home.path() / "kata.db", "secret store");
  fs::path solution = fs::path(KATA_TEST_KATAS) / "customers-without-orders/solution/query.sql";
  REQUIRE(fs::exists(solution));
  // A secret under a folder the sandbox shows (/usr) must be covered. Only root can
  // plant one there; elsewhere a folder of our own stands in.
  fs::path under_usr = geteuid() == 0
                           ? fs::path(fmt::format("/usr/local/share/kata-hidden-test-{}", getpid()))
                           : home.path() / "hidden";
  testing::WriteFile(under_usr / "solution.sql", "secret solution");
  Run run = Sandboxed(fmt::format("cat {} {} {}/solution.sql; ls {} {}; echo done",
                                  solution.string(), (home.path() / "kata.db").string(),
                                  under_usr.string(), KATA_TEST_KATAS, under_usr.string()),
                      Limits(), {under_usr.string()});
  fs::remove_all(under_usr);
  CHECK_THAT(run.outcome.stdout_data, !Catch::Contains("secret"));
  CHECK_THAT(run.outcome.stdout_data, !Catch::Contains("NOT EXISTS"));
  CHECK_THAT(run.outcome.stdout_data, Catch::Contains("done"));
  CHECK_THAT(run.outcome.stderr_data, Catch::Contains("No such file"));
}

TEST_CASE("the sandbox cannot reach a socket listening outside it", "[sandbox]") {
  RequireSandbox();
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  REQUIRE(listen(listener, 8) == 0);
  socklen_t length = sizeof(address);
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  int port = ntohs(address.sin_port);
  Run run = Sandboxed(
      fmt::format("python3 -c \"import socket\ntry:\n  socket.create_connection(('127.0.0.1', "
                  "{}), timeout=2)\n  print('CONNECTED')\nexcept OSError as e:\n  print('refused', "
                  "e.errno)\ns = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(); "
                  "c = socket.create_connection(s.getsockname()); print('loopback up')\"",
                  port),
      Limits());
  CHECK_THAT(run.outcome.stdout_data, Catch::Contains("refused"));
  CHECK_THAT(run.outcome.stdout_data, Catch::Contains("loopback up"));
  CHECK(accept(listener, nullptr, nullptr) < 0);  // nobody came
  close(listener);
}

TEST_CASE("symlinks planted in the work folder are never followed by the grader",
          "[sandbox]") {
  RequireSandbox();
  testing::TempDir host;
  fs::path victim = host.path() / "victim";
  testing::WriteFile(victim, "untouched");
  // Every name a grader creates or reads in the work folder.
  const std::vector<std::string> names = {"d0.db",      "d1.db",    "schema.db", "schema.db-journal",
                                          "query.sql",  "schema.sql", "Procfile",  "data.db", "data.db-wal",
                                          "output.txt"};
  std::string plant;
  for (const std::string& name : names) plant += fmt::format("ln -s {} {}; ", victim.string(), name);
  plant += fmt::format("ln -s {} dir; ls -la", host.path().string());
  Sandboxed(plant, Limits(), {}, [&](WorkFolder& work) {
    for (const std::string& name : names) {
      CHECK_FALSE(work.ReadFile(name, 100).ok());
      CHECK_FALSE(work.WriteFile(name, "overwritten").ok());
    }
  });
  std::ifstream in(victim);
  std::string content;
  in >> content;
  CHECK(content == "untouched");
  CHECK(fs::exists(host.path()));
}

TEST_CASE("the grader reaches a server inside the sandbox's network, nothing else does",
          "[sandbox]") {
  RequireSandbox();
  Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create({}, 1 << 20);
  REQUIRE(work.ok());
  LaunchSpec spec;
  spec.argv = {"/usr/bin/python3", "-c",
               "import socket\ns = socket.socket(); s.setsockopt(socket.SOL_SOCKET, "
               "socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', 8731)); s.listen()\n"
               "print('listening', flush=True)\nc, _ = s.accept(); c.sendall(b'hello from "
               "inside'); c.close()"};
  spec.env = {"PATH=/usr/bin:/bin"};
  spec.work_folder = work->get();
  spec.limits = Limits(10000);
  Result<std::unique_ptr<Process>> process = MakeNamespaceLauncher()->Start(spec);
  REQUIRE(process.ok());
  // From the host's network the port is closed.
  auto try_connect = [] {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(8731);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string got;
    for (int attempt = 0; attempt < 100 && got.empty(); ++attempt) {
      if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) {
        char buffer[64] = {};
        got = std::string(buffer, std::max<ssize_t>(0, read(fd, buffer, sizeof(buffer))));
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      close(fd);
      fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    }
    close(fd);
    return got;
  };
  Result<std::string> inside = (*process)->RunInNetworkNamespace(try_connect);
  REQUIRE(inside.ok());
  CHECK(*inside == "hello from inside");
  int outside = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(8731);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  CHECK(connect(outside, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0);
  close(outside);
  RunOutcome outcome = (*process)->Wait();
  CHECK(outcome.end == RunOutcome::End::kExited);
  CHECK(outcome.exit_code == 0);
}

TEST_CASE("a program that cannot be exec'd is a clear error, never a hang", "[sandbox]") {
  RequireSandbox();
  testing::TempDir temp;
  testing::WriteFile(temp.path() / "not-a-program", "just text");
  Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create();
  REQUIRE(work.ok());
  LaunchSpec spec;
  spec.argv = {(temp.path() / "not-a-program").string()};
  spec.work_folder = work->get();
  Result<std::unique_ptr<Process>> started = MakeNamespaceLauncher()->Start(spec);
  REQUIRE_FALSE(started.ok());
  CHECK_THAT(started.status().message(), Catch::Contains("exec"));
}

TEST_CASE("SIGTERM reaches the program through init, so a server can stop cleanly",
          "[sandbox]") {
  RequireSandbox();
  Result<std::unique_ptr<WorkFolder>> work = WorkFolder::Create({}, 1 << 20);
  REQUIRE(work.ok());
  LaunchSpec spec;
  spec.argv = {"/bin/sh", "-c", "trap 'echo stopping; exit 0' TERM; echo ready; "
                                "while :; do sleep 0.05; done"};
  spec.env = {"PATH=/usr/bin:/bin"};
  spec.work_folder = work->get();
  spec.limits = Limits(10000);
  Result<std::unique_ptr<Process>> process = MakeNamespaceLauncher()->Start(spec);
  REQUIRE(process.ok());
  REQUIRE_FALSE((*process)->WaitFor(std::chrono::milliseconds(200)));  // still running
  (*process)->Terminate();
  std::optional<RunOutcome> outcome = (*process)->WaitFor(std::chrono::milliseconds(3000));
  REQUIRE(outcome);
  CHECK(outcome->end == RunOutcome::End::kExited);
  CHECK(outcome->exit_code == 0);
  CHECK_THAT(outcome->stdout_data, Catch::Contains("stopping"));
}

TEST_CASE("kata doctor tells the truth about this machine", "[sandbox]") {
  RequireSandbox();
  std::vector<Mechanism> mechanisms = InspectSandbox();
  REQUIRE(mechanisms.size() == 5);
  auto find = [&](const std::string& prefix) {
    for (const Mechanism& m : mechanisms) {
      if (m.name.rfind(prefix, 0) == 0) return m;
    }
    FAIL("no mechanism " << prefix);
    return Mechanism{};
  };
  CHECK(find("namespaces").available);  // RequireSandbox just ran one
  CHECK(find("the whole sandbox").available);
  CHECK(find("seccomp").available == (LearnerSeccompPolicy() != nullptr));
  CHECK(find("cgroup").available == (DetectCgroups().version != CgroupSupport::Version::kNone));
  CHECK(find("cgroup").detail == DetectCgroups().detail);
  for (const Mechanism& m : mechanisms) CHECK_FALSE(m.without.empty());

  testing::CommandResult cli = testing::RunKata({"doctor", "--json"});
  CHECK(cli.exit_code == 0);
  nlohmann::json report = nlohmann::json::parse(cli.out);
  REQUIRE(report.size() == mechanisms.size());
  for (size_t i = 0; i < mechanisms.size(); ++i) {
    CHECK(report[i]["name"] == mechanisms[i].name);
    CHECK(report[i]["available"] == mechanisms[i].available);
  }
}

// The whole suite again as uid nobody: the unprivileged path (a user namespace, no cgroup)
// must hold too. Only root can switch to nobody, so only root runs this.
TEST_CASE("the sandbox holds without root, in a user namespace", "[sandbox][as-root]") {
  RequireSandbox();
  if (geteuid() != 0 || !fs::exists("/usr/bin/setpriv")) {
    std::cout << "SKIPPED: needs root and setpriv to run the suite as nobody\n";
    std::exit(kSkipped);
  }
  testing::TempDir home;
  REQUIRE(chown(home.path().c_str(), kSandboxUid, kSandboxGid) == 0);
  std::string self = fs::read_symlink("/proc/self/exe").string();
  std::string command = fmt::format(
      "HOME={0} TMPDIR={0} setpriv --reuid={1} --regid={2} --clear-groups {3} "
      "'[sandbox]~[as-root]' > {0}/log 2>&1",
      home.path().string(), kSandboxUid, kSandboxGid, self);
  int status = std::system(command.c_str());
  std::ifstream log(home.path() / "log");
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  INFO(text);
  if (WIFEXITED(status) && WEXITSTATUS(status) == kSkipped) {
    std::cout << "SKIPPED: no user namespaces for nobody here\n";
    std::exit(kSkipped);
  }
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

// The three graders on the unprivileged path: queries, schemas and servers graded by kata
// running as nobody (a user namespace; the http probes through the forked helper).
TEST_CASE("kata grades every kind of kata without root", "[sandbox][as-root]") {
  RequireSandbox();
  if (geteuid() != 0 || !fs::exists("/usr/bin/setpriv")) {
    std::cout << "SKIPPED: needs root and setpriv to run kata as nobody\n";
    std::exit(kSkipped);
  }
  testing::TempDir home;
  REQUIRE(chown(home.path().c_str(), kSandboxUid, kSandboxGid) == 0);
  std::string katas = KATA_TEST_KATAS;
  std::string command = fmt::format(
      "HOME={0} TMPDIR={0} KATA_HOME={0} setpriv --reuid={1} --regid={2} --clear-groups {3} "
      "validate {4}/customers-without-orders {4}/customers-and-orders {4}/todos-crud > {0}/log "
      "2>&1",
      home.path().string(), kSandboxUid, kSandboxGid, KATA_BINARY, katas);
  int status = std::system(command.c_str());
  std::ifstream log(home.path() / "log");
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  INFO(text);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(std::count(text.begin(), text.end(), '\n') > 3);
}

}  // namespace
}  // namespace kata

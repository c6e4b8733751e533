#include "git_fixture.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>

#include "match/noise.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

constexpr auto kTimeout = std::chrono::seconds(120);

// Pipes whose parent ends are non-blocking and close on exec.
struct Pipes {
  int in[2], out[2], err[2];
};

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Child side: async-signal-safe calls only.
[[noreturn]] void ExecChild(const Pipes& p, const char* cwd, char** argv,
                            char** envp) {
  setpgid(0, 0);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigaction(SIGPIPE, &dfl, nullptr);
  dup2(p.in[0], 0);
  dup2(p.out[1], 1);
  dup2(p.err[1], 2);
  if (cwd[0] != '\0' && chdir(cwd) != 0) _exit(126);
  execvpe(argv[0], argv, envp);
  _exit(127);
}

// Feeds `input` and drains stdout/stderr until both close or the deadline.
bool Pump(const Pipes& p, const std::string& input, CommandResult& result) {
  size_t written = 0;
  int in_fd = p.in[1];
  if (input.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  bool out_open = true, err_open = true;
  auto deadline = std::chrono::steady_clock::now() + kTimeout;
  char buf[65536];
  while (out_open || err_open) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    pollfd fds[3] = {{out_open ? p.out[0] : -1, POLLIN, 0},
                     {err_open ? p.err[0] : -1, POLLIN, 0},
                     {in_fd, POLLOUT, 0}};
    if (poll(fds, 3, 1000) < 0 && errno != EINTR) return false;
    for (int i = 0; i < 2; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        (i == 0 ? result.out : result.err).append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EAGAIN) {
        (i == 0 ? out_open : err_open) = false;
      }
    }
    if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = write(in_fd, input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<size_t>(n);
      if (n < 0 && errno != EAGAIN) written = input.size();  // reader gone
      if (written == input.size()) {
        close(in_fd);
        in_fd = -1;
      }
    }
  }
  if (in_fd >= 0) close(in_fd);
  return true;
}

void SetNonBlocking(int fd) {
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

CommandResult Run(const Command& command) {
  signal(SIGPIPE,
         SIG_IGN);  // a child that stops reading stdin must not kill us
  std::vector<std::string> argv = command.argv;
  std::vector<std::string> env;
  for (const auto& [name, value] : command.env)
    env.push_back(name + "=" + value);
  std::vector<char*> c_argv = CStrings(argv), c_env = CStrings(env);
  std::string cwd = command.cwd.string();

  Pipes p;
  if (pipe2(p.in, O_CLOEXEC) || pipe2(p.out, O_CLOEXEC) ||
      pipe2(p.err, O_CLOEXEC)) {
    FAIL("pipe2: " << std::strerror(errno));
  }
  pid_t pid = fork();
  if (pid == 0) ExecChild(p, cwd.c_str(), c_argv.data(), c_env.data());
  close(p.in[0]);
  close(p.out[1]);
  close(p.err[1]);
  CommandResult result;
  if (pid < 0) FAIL("fork: " << std::strerror(errno));
  for (int fd : {p.in[1], p.out[0], p.err[0]}) SetNonBlocking(fd);
  bool finished = Pump(p, command.input, result);
  if (!finished) kill(-pid, SIGKILL);
  close(p.out[0]);
  close(p.err[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code =
      WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (!finished) result.err += "\n[e2e: killed after timeout]\n";
  return result;
}

TempDir::TempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl =
      std::string(tmp && *tmp ? tmp : "/tmp") + "/pushguard-e2e-XXXXXX";
  if (!mkdtemp(tmpl.data())) FAIL("mkdtemp: " << std::strerror(errno));
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string FakeAwsKey() {
  static const char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  static std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<int> pick(0, 31);
  // A random key can look made up (a run like "ABCDEF", a word like
  // "HIDDEN") and then rightly be no finding: draw again.
  for (;;) {
    std::string key = "AKIA";
    while (key.size() < 20) key += kBase32[pick(rng)];
    if (!match::LooksLikePlaceholder(key)) return key;
  }
}

std::string PushguardBin() {
  const char* bin = std::getenv("PUSHGUARD_BIN");
  if (!bin || bin[0] != '/') {
    FAIL(
        "set PUSHGUARD_BIN to the absolute path of the pushguard binary (make "
        "test does)");
  }
  return bin;
}

std::map<std::string, std::string> ScratchGitEnv(const fs::path& home,
                                                 const std::string& name) {
  const char* path = std::getenv("PATH");
  return {{"PATH", path != nullptr ? path : "/usr/bin:/bin"},
          {"HOME", home.string()},
          {"GIT_CONFIG_NOSYSTEM", "1"},
          {"GIT_AUTHOR_NAME", name},
          {"GIT_AUTHOR_EMAIL", "corpus@acme-corp.net"},
          {"GIT_COMMITTER_NAME", name},
          {"GIT_COMMITTER_EMAIL", "corpus@acme-corp.net"},
          {"PUSHGUARD_SYSTEM_CONFIG_DIR", (home / "no-config").string()}};
}

fs::path ScratchRepoPath(const fs::path& dir, const char* keep_variable) {
  const char* keep = std::getenv(keep_variable);
  if (keep == nullptr || *keep == '\0') return dir / "repo";
  fs::remove_all(keep);
  return keep;
}

CommandResult ScanAll(const fs::path& repo, const fs::path& cwd,
                      const std::map<std::string, std::string>& env) {
  return Run({{PushguardBin(), "scan", "--repo", repo.string(), "--format",
               "json", "--all"},
              cwd,
              "",
              env});
}

namespace {

// The value of "key":"..." or "key":N in json[from, to).
std::string Field(const std::string& json, const std::string& key, size_t from,
                  size_t to) {
  std::string needle = "\"" + key + "\":";
  size_t at = json.find(needle, from);
  if (at == std::string::npos || at > to) return "";
  at += needle.size();
  if (json[at] == '"')
    return json.substr(at + 1, json.find('"', at + 1) - at - 1);
  return json.substr(at, json.find_first_of(",}", at) - at);
}

}  // namespace

std::vector<ScanFinding> ParseScanFindings(const std::string& json) {
  std::vector<ScanFinding> out;
  const std::string start = "{\"kind\":";
  for (size_t at = json.find(start); at != std::string::npos;) {
    size_t next = json.find(start, at + 1);
    size_t end = next == std::string::npos ? json.size() : next;
    out.push_back({Field(json, "rule", at, end),
                   Field(json, "severity", at, end),
                   Field(json, "path", at, end),
                   std::stoull("0" + Field(json, "line", at, end))});
    at = next;
  }
  return out;
}

void GitOrFail(const fs::path& repo,
               const std::map<std::string, std::string>& env,
               std::vector<std::string> args) {
  args.insert(args.begin(), "git");
  CommandResult r = Run({args, repo, "", env});
  INFO(r.Output());
  REQUIRE(r.exit_code == 0);
}

GitFixture::GitFixture() {
  for (const char* d : {"home", "tmp", "etc-pushguard"})
    fs::create_directories(root() / d);
  std::ofstream(root() / "home" / ".gitconfig")
      << "[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n"
      << "[receive]\n\tunpackLimit = 100\n";
  REQUIRE(
      Run({{"git", "init", "-q", "--bare", bare().string()}, root(), "", Env()})
          .exit_code == 0);
  InstallHook();
  CommandResult clone =
      Run({{"git", "clone", "-q", bare().string(), work().string()},
           root(),
           "",
           Env()});
  INFO(clone.Output());
  REQUIRE(clone.exit_code == 0);
}

std::map<std::string, std::string> GitFixture::Env() const {
  const char* path = std::getenv("PATH");
  std::map<std::string, std::string> env = {
      {"PATH", path ? path : "/usr/local/bin:/usr/bin:/bin"},
      {"HOME", (root() / "home").string()},
      {"TMPDIR", (root() / "tmp").string()},
      {"LC_ALL", "C.UTF-8"},
      {"GIT_CONFIG_NOSYSTEM", "1"},
      {"GIT_TERMINAL_PROMPT", "0"},
      {"PUSHGUARD_SYSTEM_CONFIG_DIR", (root() / "etc-pushguard").string()},
      {"PUSHGUARD_AUDIT_FILE", (root() / "audit.jsonl").string()},
      {"GIT_AUTHOR_NAME", "Pat Pusher"},
      {"GIT_AUTHOR_EMAIL", "pat@example.com"},
      {"GIT_AUTHOR_DATE", "1700000000 +0000"},
      {"GIT_COMMITTER_NAME", "Pat Pusher"},
      {"GIT_COMMITTER_EMAIL", "pat@example.com"},
      {"GIT_COMMITTER_DATE", "1700000000 +0000"},
  };
  // The sanitizer runs (make asan, make tsan) set where the hook under test
  // writes its reports.
  for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS"}) {
    if (const char* value = std::getenv(name)) env[name] = value;
  }
  for (const auto& [name, value] : extra_env_) env[name] = value;
  return env;
}

void GitFixture::SetEnv(const std::string& name, const std::string& value) {
  if (value.empty()) {
    extra_env_.erase(name);
  } else {
    extra_env_[name] = value;
  }
}

fs::path GitFixture::SetPolicy(const std::string& yaml) {
  fs::path file = root() / "policy.yaml";
  std::ofstream(file) << yaml;
  SetEnv("PUSHGUARD_CONFIG", file.string());
  return file;
}

CommandResult GitFixture::Git(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  return Run({argv, work(), "", Env()});
}

CommandResult GitFixture::BareGit(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {"git", "--git-dir=" + bare().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return Run({argv, root(), "", Env()});
}

CommandResult GitFixture::Pushguard(
    const std::vector<std::string>& args, const std::string& input,
    const std::map<std::string, std::string>& env) const {
  std::vector<std::string> argv = {PushguardBin()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::map<std::string, std::string> full = Env();
  for (const auto& [name, value] : env) full[name] = value;
  return Run({argv, root(), input, full});
}

void GitFixture::Write(const std::string& path,
                       const std::string& content) const {
  fs::path file = work() / fs::u8path(path);
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << content;
}

std::string GitFixture::Commit(const std::string& message) const {
  CommandResult add = Git({"add", "-A"});
  CommandResult commit = Git({"commit", "-q", "-m", message});
  INFO(add.Output() << commit.Output());
  REQUIRE(commit.exit_code == 0);
  return Trim(Git({"rev-parse", "HEAD"}).out);
}

std::string GitFixture::CommitFile(const std::string& path,
                                   const std::string& content,
                                   const std::string& message) const {
  Write(path, content);
  return Commit(message);
}

CommandResult GitFixture::Push(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {"push", "origin"};
  argv.insert(argv.end(), args.begin(), args.end());
  return Git(argv);
}

std::string GitFixture::BareRef(const std::string& ref) const {
  CommandResult r = BareGit({"rev-parse", "-q", "--verify", ref});
  return r.exit_code == 0 ? Trim(r.out) : "";
}

std::string GitFixture::BareRefs() const {
  return BareGit({"for-each-ref", "--format=%(objectname) %(refname)"}).out;
}

void GitFixture::InstallHook() const {
  // The fixture plays the administrator who sets PUSHGUARD_* in the hook's
  // environment (here the test's environment reaches the hook over the
  // local transport), so it vouches for them with --trust-env.
  // hook_trust_test.cc checks the default, which ignores them.
  CommandResult r = Pushguard({"install", "--trust-env", bare().string()});
  INFO(r.Output());
  REQUIRE(r.exit_code == 0);
}

void GitFixture::UninstallHook() const {
  CommandResult r = Pushguard({"install", "--uninstall", bare().string()});
  INFO(r.Output());
  REQUIRE(r.exit_code == 0);
}

}  // namespace pushguard::e2e

// End-to-end harness: real git pushing over the local transport into a real
// bare repository whose pre-receive hook is the pushguard binary under test
// (absolute path in env PUSHGUARD_BIN).
//
//   GitFixture git;                       // bare repo + hook + working clone
//   git.Write("config/prod.env", "AWS_ID=" + FakeAwsKey() + "\n");
//   git.Commit("add config");
//   CommandResult push = git.Push({"HEAD:refs/heads/main"});
//   CHECK(push.exit_code != 0);
//
// Every command runs hermetically: HOME, TMPDIR, the pushguard system config
// dir and audit file (audit.jsonl) point into the fixture's temp dir, git
// ignores the system config, author/committer identity and dates are fixed, and
// inherited GIT_* and PUSHGUARD_* variables are dropped. Not thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace pushguard::e2e {

struct CommandResult {
  int exit_code = -1;  // 128 + signal number if killed by a signal
  std::string out;
  std::string err;
  std::string Output() const { return out + err; }
};

struct Command {
  std::vector<std::string> argv;           // argv[0] is looked up in PATH
  std::filesystem::path cwd;               // empty: the current directory
  std::string input;                       // fed to stdin, then stdin is closed
  std::map<std::string, std::string> env;  // replaces the whole environment
};

// Runs `command` without a shell and waits for it (killed after 120 s).
CommandResult Run(const Command& command);

// A fresh directory under $TMPDIR, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// "AKIA" + 16 random characters of [A-Z2-7]: well-formed, never a real key,
// never the documented (allowlisted) example key, and never one the
// placeholder filter (match/noise.h) would take for made up.
std::string FakeAwsKey();

// The binary under test, from env PUSHGUARD_BIN; fails the test if unset.
std::string PushguardBin();

// The environment of a scratch repository under `home`: PATH, HOME, no
// system git config, author and committer `name` <corpus@acme-corp.net>,
// and no pushguard system layers.
std::map<std::string, std::string> ScratchGitEnv(
    const std::filesystem::path& home, const std::string& name);

// `dir`/repo, or the directory env `keep_variable` names (emptied first), so
// that a generated repository can be kept for inspection.
std::filesystem::path ScratchRepoPath(const std::filesystem::path& dir,
                                      const char* keep_variable);

// `pushguard scan --repo REPO --format json --all`, run in `cwd` with `env`.
CommandResult ScanAll(const std::filesystem::path& repo,
                      const std::filesystem::path& cwd,
                      const std::map<std::string, std::string>& env);

// The fields of one finding of a `scan --format json` report that the
// measurement tests read.
struct ScanFinding {
  std::string rule, severity, path;
  uint64_t line = 0;
};

// The findings of a `scan --format json` report, in order; a field a
// finding lacks is empty (0 for the line).
std::vector<ScanFinding> ParseScanFindings(const std::string& json);

// Runs `git ARGS` in `repo` with `env`; fails the test (REQUIRE) if git does.
void GitOrFail(const std::filesystem::path& repo,
               const std::map<std::string, std::string>& env,
               std::vector<std::string> args);

class GitFixture {
 public:
  // Creates server.git (bare, hook installed) and a clone in work/.
  GitFixture();

  const std::filesystem::path& root() const { return dir_.path(); }
  std::filesystem::path bare() const { return root() / "server.git"; }
  std::filesystem::path work() const { return root() / "work"; }

  // The hermetic environment every command gets, plus `extra_env_`.
  std::map<std::string, std::string> Env() const;
  // Adds (or, with an empty value, removes) a variable for every later command.
  void SetEnv(const std::string& name, const std::string& value);
  // Writes `yaml` to policy.yaml and points PUSHGUARD_CONFIG at it.
  std::filesystem::path SetPolicy(const std::string& yaml);

  // `git ARGS` in the working clone / in the bare repository.
  CommandResult Git(const std::vector<std::string>& args) const;
  CommandResult BareGit(const std::vector<std::string>& args) const;
  // `pushguard ARGS` with the fixture's environment plus `env`.
  CommandResult Pushguard(
      const std::vector<std::string>& args, const std::string& input = "",
      const std::map<std::string, std::string>& env = {}) const;

  // Writes a file in the working clone (creating directories).
  void Write(const std::string& path, const std::string& content) const;
  // Stages everything and commits; returns the new commit's full oid.
  std::string Commit(const std::string& message) const;
  // Write + Commit.
  std::string CommitFile(const std::string& path, const std::string& content,
                         const std::string& message = "change") const;
  // `git push origin ARGS` from the working clone.
  CommandResult Push(const std::vector<std::string>& args) const;

  // The oid `ref` points to in the bare repository, "" if it does not exist.
  std::string BareRef(const std::string& ref) const;
  // "oid refname" lines of every ref in the bare repository.
  std::string BareRefs() const;

  // `pushguard install --trust-env server.git` (the hook honours the
  // PUSHGUARD_* variables the fixture sets) or `pushguard install
  // --uninstall server.git`; CHECKs it succeeded.
  void InstallHook() const;
  void UninstallHook() const;

 private:
  TempDir dir_;
  std::map<std::string, std::string> extra_env_;
};

}  // namespace pushguard::e2e

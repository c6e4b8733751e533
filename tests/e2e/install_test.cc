// End-to-end: `pushguard install` into a real bare repository.
#include <doctest/doctest.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "install/hook_script.h"
#include "push_checks.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

// The repository's own layer sends the hook's records to `file` (the hook
// reads it without --trust-env, as an installed hook does).
void SetRepoAuditFile(const GitFixture& git, const fs::path& file) {
  WriteFile(git.bare() / "pushguard.yaml",
            "audit:\n  file: " + file.string() + "\n");
}

TEST_CASE("the installed hook keeps a pre-existing pre-receive hook working") {
  GitFixture git;
  git.UninstallHook();
  std::filesystem::path hook = git.bare() / "hooks" / "pre-receive";
  {
    std::ofstream out(hook);
    out << "#!/bin/sh\nwhile read old new ref; do\n"
           "  case $ref in refs/heads/frozen) echo \"frozen is read-only\" "
           ">&2; exit 1;; esac\n"
           "done\nexit 0\n";
  }
  std::filesystem::permissions(hook, std::filesystem::perms(0755));
  git.InstallHook();
  git.CommitFile("README.md", "# chained\n");
  CHECK(git.Push({"HEAD:refs/heads/main"}).exit_code == 0);
  CommandResult frozen = git.Push({"HEAD:refs/heads/frozen"});
  INFO(frozen.Output());
  CHECK(frozen.exit_code != 0);
  CHECK(Contains(frozen.err, "frozen is read-only"));
  CHECK(git.BareRef("refs/heads/frozen").empty());
}

TEST_CASE("install --server plain recommends receive.fsckObjects until set") {
  GitFixture git;
  std::string bare = git.bare().string();
  const std::string advice = bare + ": recommended: git -C " + bare +
                             " config receive.fsckObjects true";
  CommandResult r = git.Pushguard({"install", "--server", "plain", bare});
  INFO(r.Output());
  REQUIRE(r.exit_code == 0);
  CHECK(Contains(r.out, advice));
  REQUIRE(git.BareGit({"config", "receive.fsckObjects", "true"}).exit_code ==
          0);
  r = git.Pushguard({"install", "--server", "plain", bare});
  CHECK(r.exit_code == 0);
  CHECK_FALSE(Contains(r.out, "receive.fsckObjects"));
  // transfer.fsckObjects stands in for it when it is unset.
  REQUIRE(git.BareGit({"config", "--unset", "receive.fsckObjects"}).exit_code ==
          0);
  REQUIRE(git.BareGit({"config", "transfer.fsckObjects", "true"}).exit_code ==
          0);
  r = git.Pushguard({"install", "--server", "plain", bare});
  CHECK_FALSE(Contains(r.out, "receive.fsckObjects"));
  // Uninstalling recommends nothing.
  REQUIRE(
      git.BareGit({"config", "--unset", "transfer.fsckObjects"}).exit_code ==
      0);
  r = git.Pushguard({"install", "--uninstall", "--server", "plain", bare});
  CHECK_FALSE(Contains(r.out, "receive.fsckObjects"));
}

// Running as root (as the test suite does), install creates the group
// `pushguard` on this machine when it is missing, as the package would.
TEST_CASE("install makes the audit log directory the hook writes to") {
  GitFixture git;
  git.UninstallHook();
  const fs::path dir = git.root() / "log" / "pushguard";
  SetRepoAuditFile(git, dir / "audit.jsonl");
  CommandResult r = git.Pushguard({"install", git.bare().string()});
  INFO(r.Output());
  REQUIRE(r.exit_code == 0);
  CHECK(Contains(r.out,
                 "created " + dir.string() + " (root:pushguard, mode 2770)"));
  struct stat st;
  REQUIRE(stat(dir.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 02770);
  CHECK(st.st_uid == 0);
  const group* g = getgrgid(st.st_gid);
  REQUIRE(g != nullptr);
  CHECK(std::string(g->gr_name) == "pushguard");

  git.CommitFile("README.md", "# audited\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(push);
  CHECK_FALSE(Contains(push.err, "audit record not written"));
  CHECK(Contains(ReadAll(dir / "audit.jsonl"), "\"verdict\":\"accept\""));
  CommandResult log = git.Pushguard(
      {"log", "--file", (dir / "audit.jsonl").string(), "--format", "json"});
  CHECK(log.exit_code == 0);
  CHECK(Contains(log.out, "\"verdict\":\"accept\""));

  // Idempotent: an existing directory is left alone.
  r = git.Pushguard({"install", git.bare().string()});
  CHECK(r.exit_code == 0);
  CHECK_FALSE(Contains(r.out, "audit log"));
}

TEST_CASE("install prints the exact commands when it cannot make the log dir") {
  GitFixture git;
  git.UninstallHook();
  // A file where a directory must go: even root cannot create it.
  WriteFile(git.root() / "blocker", "");
  const fs::path dir = git.root() / "blocker" / "log";
  SetRepoAuditFile(git, dir / "audit.jsonl");
  CommandResult r = git.Pushguard({"install", git.bare().string()});
  INFO(r.Output());
  CHECK(r.exit_code == 0);  // the hook is installed all the same
  CHECK(Contains(r.out,
                 "until it exists no audit record is written. As "
                 "root:\n"
                 "  getent group pushguard >/dev/null || groupadd "
                 "--system pushguard\n"));
  CHECK(Contains(r.out, "  install -d -o root -g pushguard -m 2770 " +
                            install::ShellQuote(dir.string()) + "\n"));

  // Not root: nothing is changed, the same commands are printed, and they
  // add the repository's owner to the group. The binary is copied where
  // nobody can reach it (the checkout may be under root's 0700 home).
  fs::remove(git.root() / "blocker");
  fs::permissions(git.root(), fs::perms(0755));
  const fs::path bin = git.root() / "pushguard";
  fs::copy_file(PushguardBin(), bin);
  REQUIRE(Run({{"chown", "-R", "nobody", git.bare().string()},
               git.root(),
               "",
               git.Env()})
              .exit_code == 0);
  std::vector<std::string> as_nobody = {
      "setpriv",    "--reuid=nobody", "--regid=nogroup",  "--clear-groups",
      bin.string(), "install",        git.bare().string()};
  r = Run({as_nobody, git.root(), "", git.Env()});
  INFO(r.Output());
  CHECK(r.exit_code == 0);
  CHECK_FALSE(fs::exists(dir));
  CHECK(Contains(r.out, "only root can create it"));
  CHECK(Contains(r.out, "  usermod -a -G pushguard 'nobody'\n"));
  CHECK(Contains(r.out, "  install -d -o root -g pushguard -m 2770 " +
                            install::ShellQuote(dir.string()) + "\n"));
}

// The administrator (root) inspects repositories the server's account owns:
// libgit2's ownership check (safe.directory) must not refuse them.
TEST_CASE(
    "root opens a repository another account owns (policy show, install)") {
  if (geteuid() != 0) return;  // the suite runs as root; chown needs it
  GitFixture git;
  fs::permissions(git.root(), fs::perms(0755));
  REQUIRE(Run({{"chown", "-R", "nobody", git.bare().string()},
               git.root(),
               "",
               git.Env()})
              .exit_code == 0);
  CommandResult show =
      git.Pushguard({"policy", "show", "--repo", git.bare().string()});
  INFO(show.Output());
  CHECK(show.exit_code == 0);
  CHECK_FALSE(Contains(show.err, "cannot open repository"));
  CommandResult install = git.Pushguard({"install", git.bare().string()});
  INFO(install.Output());
  CHECK(install.exit_code == 0);
  CHECK(Contains(install.out, "recommended: git -C"));  // it read the config
}

TEST_CASE("an empty PUSHGUARD_AUDIT_FILE (trusted) writes no audit file") {
  GitFixture git;
  PushCleanMain(git);
  const fs::path policy_log = git.root() / "policy-audit.jsonl";
  git.SetPolicy("audit:\n  file: " + policy_log.string() + "\n");
  git.UninstallHook();
  // The server's environment sets it empty for the hook.
  fs::path hook = git.bare() / "hooks" / "pre-receive";
  WriteFile(hook, "#!/bin/sh\nPUSHGUARD_AUDIT_FILE= exec " +
                      install::ShellQuote(PushguardBin()) +
                      " pre-receive --trust-env\n");
  fs::permissions(hook, fs::perms(0755));
  size_t fixture_log = ReadAll(git.root() / "audit.jsonl").size();
  git.CommitFile("README.md", "# no record\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(push);
  CHECK_FALSE(Contains(push.err, "audit record not written"));
  CHECK_FALSE(fs::exists(policy_log));  // no fall back to audit.file
  CHECK(ReadAll(git.root() / "audit.jsonl").size() == fixture_log);
}

}  // namespace
}  // namespace pushguard::e2e

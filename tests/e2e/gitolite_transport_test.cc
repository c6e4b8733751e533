// End-to-end through Debian's gitolite3 behind a real sshd: gitolite is set
// up here under a temporary system user, pushguard goes in as its global
// (common) pre-receive hook, and two gitolite users push over SSH. The hook
// names each pusher by gitolite's GL_USER.
#include <doctest/doctest.h>
#include <unistd.h>

#include "push_checks.h"
#include "server_fixture.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

const std::map<std::string, std::string> kSystemEnv = {
    {"PATH", "/usr/sbin:/usr/bin:/sbin:/bin"}};

void RunOrFail(const std::vector<std::string>& argv,
               const std::map<std::string, std::string>& env = kSystemEnv,
               const fs::path& cwd = "") {
  CommandResult r = Run({argv, cwd, "", env});
  INFO(argv[0] << " " << (argv.size() > 1 ? argv[1] : "") << ": "
               << r.Output());
  REQUIRE(r.exit_code == 0);
}

// A system user with its home directory, deleted (home and all) on
// destruction, so nothing outlives the test even when an assertion failed.
class TemporaryUser {
 public:
  TemporaryUser(const std::string& name, const fs::path& home)
      : name_(name), home_(home) {
    RunOrFail({"useradd", "-M", "-d", home.string(), "-s", "/bin/sh", name});
    created_ = true;
    RunOrFail({"usermod", "-p", "*", name});  // no password, not locked
    fs::create_directories(home);
    RunOrFail({"chown", name + ":", home.string()});
  }
  ~TemporaryUser() {
    if (created_) Run({{"userdel", name_}, "", "", kSystemEnv});
  }
  const std::string& name() const { return name_; }
  const fs::path& home() const { return home_; }

  // Runs `argv` as this user, with HOME set, REQUIRing success.
  void Run_(const std::vector<std::string>& argv) const {
    std::vector<std::string> full = {
        "runuser", "-u", name_, "--", "env", "HOME=" + home_.string()};
    full.insert(full.end(), argv.begin(), argv.end());
    RunOrFail(full);
  }

 private:
  std::string name_;
  fs::path home_;
  bool created_ = false;
};

struct Keys {
  fs::path admin, alice, bob;
};

// The gitolite-admin change that gives alice and bob read/write access to a
// new repository "project".
void AddProject(const GitFixture& git, const TemporaryUser& user, int port,
                const Keys& keys) {
  std::map<std::string, std::string> env = git.Env();
  env["GIT_SSH_COMMAND"] = SshCommand(keys.admin, port);
  fs::path admin = git.root() / "gitolite-admin";
  RunOrFail({"git", "clone", "-q",
             "ssh://" + user.name() + "@127.0.0.1:" + std::to_string(port) +
                 "/gitolite-admin",
             admin.string()},
            env);
  fs::copy_file(keys.alice.string() + ".pub", admin / "keydir" / "alice.pub");
  fs::copy_file(keys.bob.string() + ".pub", admin / "keydir" / "bob.pub");
  WriteFile(admin / "conf" / "gitolite.conf",
            ReadFile(admin / "conf" / "gitolite.conf") +
                "\nrepo project\n    RW+ = alice bob\n");
  RunOrFail({"git", "add", "-A"}, env, admin);
  RunOrFail({"git", "commit", "-q", "-m", "add project"}, env, admin);
  RunOrFail({"git", "push", "-q", "origin", "HEAD"}, env, admin);
}

}  // namespace

TEST_CASE("pushes through gitolite are guarded and name the gitolite user") {
  RequireProgram("/usr/sbin/sshd");
  RequireProgram("/usr/bin/gitolite");
  REQUIRE_MESSAGE(geteuid() == 0, "the gitolite test creates a system user");
  GitFixture git;
  fs::path base = git.root() / "gitolite";
  fs::create_directories(base / "keys");
  fs::permissions(git.root(), fs::perms(0755));  // the gitolite user's path
  fs::permissions(base, fs::perms(0755));
  // The hook runs as the gitolite user: give it a binary it can reach.
  fs::create_directories(base / "bin");
  fs::copy_file(PushguardBin(), base / "bin" / "pushguard");
  fs::create_directories(base / "etc-pushguard");
  TemporaryUser user("pgtest" + std::to_string(getpid() % 100000),
                     base / "home");
  Keys keys{base / "keys" / "admin", base / "keys" / "alice",
            base / "keys" / "bob"};
  MakeSshKey(keys.admin);
  MakeSshKey(keys.alice);
  MakeSshKey(keys.bob);
  fs::permissions(base / "keys", fs::perms(0755));
  user.Run_({"gitolite", "setup", "-pk", keys.admin.string() + ".pub"});

  // pushguard as gitolite's global pre-receive hook, in every repository.
  fs::path common = user.home() / ".gitolite" / "hooks" / "common";
  // sshd sets PUSHGUARD_* (SetEnv below): the hook may trust them.
  RunOrFail({(base / "bin" / "pushguard").string(), "install", "--server",
             "gitolite", "--trust-env", "--hooks-dir", common.string()});
  user.Run_({"gitolite", "setup", "--hooks-only"});

  int port = FreePort();
  fs::create_directories("/run/sshd");
  MakeSshKey(base / "host_key");
  const fs::path audit_file = user.home() / "audit.jsonl";
  WriteFile(base / "sshd_config",
            "Port " + std::to_string(port) +
                "\nListenAddress 127.0.0.1\nHostKey " +
                (base / "host_key").string() + "\nPidFile " +
                (base / "sshd.pid").string() + "\nAllowUsers " + user.name() +
                "\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n"
                "KbdInteractiveAuthentication no\n"
                "SetEnv PUSHGUARD_AUDIT_FILE=" +
                audit_file.string() + " PUSHGUARD_SYSTEM_CONFIG_DIR=" +
                (base / "etc-pushguard").string() + "\n");
  Daemon sshd(
      {"/usr/sbin/sshd", "-D", "-e", "-f", (base / "sshd_config").string()},
      kSystemEnv, base / "sshd.log");
  INFO(sshd.Log());
  REQUIRE(WaitForPort(port, sshd));
  AddProject(git, user, port, keys);

  const std::string url = "ssh://" + user.name() +
                          "@127.0.0.1:" + std::to_string(port) + "/project";
  const fs::path project = user.home() / "repositories" / "project.git";
  auto project_ref = [&] {
    CommandResult r =
        Run({{"git", "-c", "safe.directory=*", "--git-dir=" + project.string(),
              "rev-parse", "-q", "--verify", "refs/heads/main"},
             "",
             "",
             git.Env()});
    return r.out;
  };
  git.SetEnv("GIT_SSH_COMMAND", SshCommand(keys.alice, port));
  git.CommitFile("README.md", "# project\n", "initial");
  CommandResult ok = git.Git({"push", url, "HEAD:refs/heads/main"});
  INFO(ok.Output());
  REQUIRE(ok.exit_code == 0);
  CHECK(Contains(ok.err, "remote: pushguard: checked 1 commit"));
  const std::string accepted = project_ref();
  CHECK_FALSE(accepted.empty());

  git.SetEnv("GIT_SSH_COMMAND", SshCommand(keys.bob, port));
  const std::string key = FakeAwsKey();
  git.CommitFile("config/prod.env", ProdEnv(key), "add config");
  CommandResult bad = git.Git({"push", url, "HEAD:refs/heads/main"});
  INFO(bad.Output());
  CHECK(bad.exit_code != 0);
  CHECK(Contains(bad.err, "pre-receive hook declined"));
  CHECK(Contains(bad.err, "remote: error: pushguard rejected this push"));
  CheckRedactedAwsFinding(bad.err, key);
  CHECK(project_ref() == accepted);

  std::vector<audit::AuditRecord> records;
  for (audit::AuditRecord& r : AuditRecords(audit_file)) {
    if (r.repository == "project") records.push_back(std::move(r));
  }
  REQUIRE(records.size() == 2);
  CHECK(records[0].user == "alice");
  CHECK(records[0].verdict == "accept");
  CHECK(records[1].user == "bob");
  CHECK(records[1].verdict == "reject");
  for (const audit::AuditRecord& r : records) {
    CHECK(r.user_source == "GL_USER");
    CHECK(r.server == "gitolite");
    CHECK(r.protocol == "ssh");
  }
}

}  // namespace pushguard::e2e

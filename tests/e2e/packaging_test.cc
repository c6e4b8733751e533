// End-to-end for what `make deb`, `make static` and `make ghes-env` build
// (make test builds them and passes their paths in PUSHGUARD_DEB,
// PUSHGUARD_STATIC_BIN and PUSHGUARD_GHES_ENV): the package installed into a
// fresh dpkg root guards a real push, the static binary runs in an empty
// chroot, and a push goes through the GHES hook environment.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "push_checks.h"
#include "server_fixture.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

const std::map<std::string, std::string> kSystemEnv = {
    {"PATH", "/usr/sbin:/usr/bin:/sbin:/bin"}};

std::string Artifact(const char* name) {
  const char* value = std::getenv(name);
  REQUIRE_MESSAGE((value != nullptr && value[0] == '/'),
                  "set " << name << " (make test does)");
  REQUIRE_MESSAGE(fs::exists(value), value << " does not exist");
  return value;
}

CommandResult RunOk(const std::vector<std::string>& argv,
                    const std::map<std::string, std::string>& env = kSystemEnv,
                    const std::string& input = "") {
  CommandResult r = Run({argv, "", input, env});
  INFO(argv[0] << " " << (argv.size() > 1 ? argv[1] : "") << ": "
               << r.Output());
  REQUIRE(r.exit_code == 0);
  return r;
}

// A dpkg root with nothing installed, and the accounts of a Git server.
fs::path FreshRoot(const fs::path& root) {
  for (const char* d :
       {"etc", "var/lib/dpkg/info", "var/lib/dpkg/updates", "var/log"}) {
    fs::create_directories(root / d);
  }
  WriteFile(root / "var/lib/dpkg/status", "");
  WriteFile(root / "var/lib/dpkg/available", "");
  WriteFile(
      root / "etc/passwd",
      "root:x:0:0:root:/root:/bin/sh\ngit:x:990:990:git:/srv/git:/bin/sh\n"
      "dev:x:1000:1000:dev:/home/dev:/bin/sh\n");
  WriteFile(root / "etc/group", "root:x:0:\ngit:x:990:\ndev:x:1000:\n");
  return root;
}

std::string Dpkg(const fs::path& root, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"dpkg", "--root=" + root.string(),
                                   "--force-script-chrootless",
                                   "--force-depends"};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunOk(argv).Output();
}

// Pushes a clean commit (accepted) and a secret (rejected) into `git`.
void CheckGuardedPushes(GitFixture& git) {
  PushCleanMain(git);
  const std::string key = FakeAwsKey();
  git.CommitFile("config/prod.env", ProdEnv(key), "add config");
  std::string refs_before = git.BareRefs();
  CommandResult bad = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, bad, refs_before);
  CHECK(Contains(bad.err, "remote: error: pushguard rejected this push"));
  CheckRedactedAwsFinding(bad.err, key);
}

}  // namespace

TEST_CASE("the Debian package installs into a fresh root and guards a push") {
  const std::string deb = Artifact("PUSHGUARD_DEB");
  GitFixture git;
  fs::path root = FreshRoot(git.root() / "root");
  Dpkg(root, {"-i", deb});

  fs::path bin = root / "usr/bin/pushguard";
  CHECK(access(bin.c_str(), X_OK) == 0);
  for (const char* f :
       {"etc/pushguard/pushguard.yaml", "etc/pushguard/examples/ghes.yaml",
        "etc/logrotate.d/pushguard", "usr/share/man/man1/pushguard.1.gz",
        "usr/share/man/man5/pushguard.yaml.5.gz",
        "usr/share/doc/pushguard/copyright",
        "usr/share/pushguard/server-hooks/README.md"}) {
    CHECK_MESSAGE(fs::exists(root / f), f);
  }
  std::string status = Dpkg(root, {"-s", "pushguard"});
  CHECK(Contains(status, "Status: install ok installed"));
  CHECK(Contains(status, " /etc/pushguard/pushguard.yaml "));  // a conffile
  // The audit log directory: the git user (group pushguard) appends,
  // everyone else stays out.
  std::string group = ReadFile(root / "etc/group");
  CHECK(Contains(group, "\npushguard:x:"));
  CHECK(Contains(group, ":git\n"));
  struct stat st {};
  REQUIRE(stat((root / "var/log/pushguard").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 02770);
  CHECK(st.st_uid == 0);

  // The packaged binary and policy, wired into a real repository.
  git.SetEnv("PUSHGUARD_SYSTEM_CONFIG_DIR", (root / "etc/pushguard").string());
  RunOk({bin.string(), "install", "--uninstall", git.bare().string()},
        git.Env());
  RunOk({bin.string(), "install", "--server", "plain", "--trust-env",
         git.bare().string()},
        git.Env());
  CHECK(Contains(ReadFile(git.bare() / "hooks/pre-receive"), bin.string()));
  RunOk({bin.string(), "rules", "check"}, git.Env());
  CheckGuardedPushes(git);

  Dpkg(root, {"-r", "pushguard"});
  CHECK_FALSE(fs::exists(bin));
  CHECK(fs::exists(root / "etc/pushguard/pushguard.yaml"));  // conffiles stay
  Dpkg(root, {"--purge", "pushguard"});
  CHECK_FALSE(fs::exists(root / "etc/pushguard/pushguard.yaml"));
  CHECK_FALSE(fs::exists(root / "var/log/pushguard"));
  CHECK_FALSE(Contains(ReadFile(root / "etc/group"), "pushguard"));
}

TEST_CASE(
    "the static binary scans a repository in an otherwise empty "
    "chroot") {
  const std::string bin = Artifact("PUSHGUARD_STATIC_BIN");
  CHECK(Contains(RunOk({"file", "-b", bin}).out, "statically linked"));
  GitFixture git;
  const std::string key = FakeAwsKey();
  std::string bad = git.CommitFile("config/prod.env", ProdEnv(key), "config");
  fs::path root = git.root() / "chroot";
  fs::create_directories(root);
  fs::copy_file(bin, root / "pushguard");
  RunOk({"git", "clone", "-q", "--bare", "--no-local", git.work().string(),
         (root / "repo.git").string()},
        git.Env());
  // Nothing but the binary and the repository: no libraries, no shell, no
  // /etc, no /tmp.
  CommandResult version =
      RunOk({"chroot", root.string(), "/pushguard", "version"});
  CHECK(version.out == "pushguard 0.1.0\n");
  CommandResult scan = Run({{"chroot", root.string(), "/pushguard", "scan",
                             "--repo", "/repo.git", "--all"},
                            "",
                            "",
                            kSystemEnv});
  INFO(scan.Output());
  CHECK(scan.exit_code == 1);
  CHECK(Contains(scan.out, "config/prod.env:3:8"));
  CHECK(Contains(scan.out, "commit " + bad.substr(0, 12)));
  CheckRedactedAwsFinding(scan.out, key);
}

TEST_CASE("a push goes through the GHES hook environment") {
  const std::string tarball = Artifact("PUSHGUARD_GHES_ENV");
  const fs::path source = Artifact("PUSHGUARD_SOURCE_DIR");
  GitFixture git;
  fs::path env_root = git.root() / "ghes-env";
  fs::create_directories(env_root / "hooks");
  RunOk({"tar", "-xzf", tarball, "-C", env_root.string()});
  fs::copy_file(source / "server-hooks/ghes/pushguard-pre-receive.sh",
                env_root / "hooks/pushguard-pre-receive.sh");
  // The repository lives inside the environment; the bare repo's hook stands
  // in for GHES, running the hook script in the chroot with the paths as
  // seen from inside and the pusher in GITHUB_USER_LOGIN.
  fs::path repo = env_root / "data/repo.git";
  fs::create_directories(repo.parent_path());
  fs::rename(git.bare(), repo);
  fs::create_symlink(repo, git.bare());
  fs::remove(repo / "hooks/pre-receive");
  const std::string root = env_root.string();
  WriteFile(repo / "hooks/pre-receive",
            "#!/bin/sh\nroot='" + root +
                "'\n"
                "inside() { case \"$1\" in \"$root\"/*) printf '%s' "
                "\"${1#\"$root\"}\";; *) printf '%s' \"$1\";; esac; }\n"
                "exec env -i GIT_DIR=/data/repo.git "
                "GIT_QUARANTINE_PATH=\"$(inside \"$GIT_QUARANTINE_PATH\")\" "
                "GIT_OBJECT_DIRECTORY=\"$(inside \"$GIT_OBJECT_DIRECTORY\")\" "
                "GIT_ALTERNATE_OBJECT_DIRECTORIES=\"$(inside "
                "\"$GIT_ALTERNATE_OBJECT_DIRECTORIES\")\" "
                "GITHUB_USER_LOGIN=octocat GITHUB_REPO_NAME=org/repo "
                "/usr/sbin/chroot \"$root\" /bin/sh "
                "/hooks/pushguard-pre-receive.sh\n");
  fs::permissions(repo / "hooks/pre-receive", fs::perms(0755));
  CheckGuardedPushes(git);
}

}  // namespace pushguard::e2e

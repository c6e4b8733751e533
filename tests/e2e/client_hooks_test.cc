// End-to-end: the developer's side. `pushguard install --client` in a real
// clone, then real `git commit` and `git push` runs that the pre-commit and
// pre-push hooks stop, with the server's rules and wording.
#include <doctest/doctest.h>

#include <filesystem>

#include "push_checks.h"

namespace pushguard::e2e {
namespace {

void InstallClientHooks(const GitFixture& git) {
  CommandResult r = git.Pushguard({"install", "--client", git.work().string()});
  INFO(r.Output());
  REQUIRE(r.exit_code == 0);
}

// The commit objects in the clone's object store, reachable or not.
size_t CommitObjects(const GitFixture& git) {
  CommandResult r = git.Git(
      {"cat-file", "--batch-all-objects", "--batch-check=%(objecttype)"});
  REQUIRE(r.exit_code == 0);
  size_t n = 0;
  for (size_t at = r.out.find("commit"); at != std::string::npos;
       at = r.out.find("commit", at + 1)) {
    ++n;
  }
  return n;
}

CommandResult TryCommit(const GitFixture& git,
                        const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv = {"commit", "-q", "-m", "change"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return git.Git(argv);
}

}  // namespace

TEST_CASE("pre-commit stops a staged secret with the server's message") {
  GitFixture git;
  PushCleanMain(git);
  InstallClientHooks(git);
  std::string head = git.BareRef("refs/heads/main");
  const std::string key = FakeAwsKey();
  git.Write("config/prod.env", ProdEnv(key));
  REQUIRE(git.Git({"add", "config/prod.env"}).exit_code == 0);
  size_t commits_before = CommitObjects(git);

  CommandResult commit = TryCommit(git);
  INFO(commit.Output());
  CHECK(commit.exit_code != 0);
  CHECK(Contains(commit.err,
                 "error: pushguard stopped this commit: 1 secret "
                 "in the changes you are committing:"));
  CHECK(Contains(commit.err, "error:     config/prod.env:3:8\n"));
  CHECK(Contains(commit.err, "error:     staged, not committed yet\n"));
  CheckRedactedAwsFinding(commit.err, key);
  CHECK(git.Git({"rev-parse", "HEAD"}).out.substr(0, 40) == head);
  // The check wrote its staged commit to a scratch directory only, and
  // removed it.
  CHECK(CommitObjects(git) == commits_before);
  size_t scratch_dirs = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(git.root() / "tmp")) {
    scratch_dirs +=
        entry.path().filename().string().rfind("pushguard-staged-", 0) == 0;
  }
  CHECK(scratch_dirs == 0);
}

TEST_CASE(
    "pre-commit passes a clean commit and one that only touches an "
    "old secret's file") {
  GitFixture git;
  const std::string key = FakeAwsKey();
  git.CommitFile("config/prod.env", ProdEnv(key), "old secret");
  InstallClientHooks(git);
  git.Write("config/prod.env", ProdEnv(key) + "DEBUG=0\n");
  REQUIRE(git.Git({"add", "-A"}).exit_code == 0);
  CommandResult commit = TryCommit(git);
  INFO(commit.Output());
  CHECK(commit.exit_code == 0);
  CHECK(Contains(commit.err, "pushguard: checked the staged changes"));
}

TEST_CASE(
    "pre-commit checks what `git commit -a` commits, not just the "
    "index") {
  GitFixture git;
  git.CommitFile("app.cfg", "name = app\n", "initial");
  InstallClientHooks(git);
  git.Write("app.cfg", "name = app\naws = " + FakeAwsKey() + "\n");
  CommandResult commit = TryCommit(git, {"-a"});
  INFO(commit.Output());
  CHECK(commit.exit_code != 0);
  CHECK(Contains(commit.err, "app.cfg:2:7"));
}

TEST_CASE("pre-commit works on the first commit of a new repository") {
  GitFixture git;
  InstallClientHooks(git);
  git.Write("keys.txt", FakeAwsKey() + "\n");
  REQUIRE(git.Git({"add", "-A"}).exit_code == 0);
  CommandResult commit = TryCommit(git);
  INFO(commit.Output());
  CHECK(commit.exit_code != 0);
  CHECK(Contains(commit.err, "keys.txt:1:1"));
}

TEST_CASE("pre-push stops unpushed commits with a secret, and only those") {
  GitFixture git;
  std::string main = PushCleanMain(git);
  const std::string key = FakeAwsKey();
  std::string bad =
      git.CommitFile("config/prod.env", ProdEnv(key), "add config");
  git.CommitFile("README.md", "# service\nmore\n", "docs");
  InstallClientHooks(git);
  std::string refs_before = git.BareRefs();

  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  INFO(push.Output());
  CHECK(push.exit_code != 0);
  CHECK(Contains(push.err,
                 "error: pushguard stopped this push: 1 secret in "
                 "the commits you are pushing:"));
  CHECK(Contains(push.err, "commit " + bad.substr(0, 12)));
  CHECK(Contains(push.err, "git rebase -i " + bad.substr(0, 12) + "~1"));
  CHECK_FALSE(Contains(push.err, "pre-receive hook declined"));
  CheckRedactedAwsFinding(push.err, key);
  CHECK(git.BareRefs() == refs_before);

  SUBCASE("a new branch is checked against what the remote already has") {
    Checkout(git, {"-b", "feature", main});
    git.CommitFile("notes.md", "clean\n", "notes");
    CommandResult feature = git.Push({"HEAD:refs/heads/feature"});
    INFO(feature.Output());
    CHECK(feature.exit_code == 0);
    CHECK(Contains(feature.err, "pushguard: checked 1 commit"));
  }
  SUBCASE("deleting a remote branch checks nothing") {
    REQUIRE(git.Push({"HEAD:refs/heads/tmp", "--no-verify"}).exit_code != 0);
    CommandResult del = git.Push({":refs/heads/main"});
    INFO(del.Output());
    CHECK_FALSE(Contains(del.err, "pushguard stopped"));
  }
}

TEST_CASE("pre-push reads the pre-commit framework's environment") {
  GitFixture git;
  std::string main = PushCleanMain(git);
  std::string bad = git.CommitFile("k.env", "K=" + FakeAwsKey() + "\n");
  CommandResult r =
      git.Pushguard({"pre-push"}, "",
                    {{"PRE_COMMIT_FROM_REF", main},
                     {"PRE_COMMIT_TO_REF", bad},
                     {"PRE_COMMIT_REMOTE_NAME", "origin"},
                     {"GIT_DIR", (git.work() / ".git").string()}});
  INFO(r.Output());
  CHECK(r.exit_code == 1);
  CHECK(Contains(r.err, "k.env:1:3"));
}

TEST_CASE("pre-push refuses malformed input with a clear error") {
  GitFixture git;
  CommandResult r =
      git.Pushguard({"pre-push", "origin"}, "refs/heads/main abc\n",
                    {{"GIT_DIR", (git.work() / ".git").string()}});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "pushguard pre-push: stdin:1: expected '<local ref> <local oid> "
        "<remote ref> <remote oid>'\n");
}

}  // namespace pushguard::e2e

// End-to-end: "already in history" means reachable from the refs that exist
// before the push, never "present in the object store". Each case plants a
// secret where the object store holds it but no ref reaches it, then tries
// to bring it into history.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "policy_checks.h"
#include "raw_receive_pack.h"

namespace pushguard::e2e {
namespace {

const std::string kZero(40, '0');

// A commit on top of main holding config/prod.env with `key`, made in the
// working clone only (main is left where it was); returns its id.
std::string SecretCommitAside(GitFixture& git, const std::string& key) {
  Checkout(git, {"-b", "aside"});
  std::string secret = git.CommitFile("config/prod.env", ProdEnv(key), "oops");
  Checkout(git, {"main"});
  return secret;
}

// Pushes a harmless branch with the raw client, its pack also carrying
// every object of `planted`: the hook accepts the branch, and receive-pack
// keeps the extra objects although no ref points to them.
void PlantUnreferenced(GitFixture& git, const std::string& planted) {
  Checkout(git, {"-b", "harmless"});
  std::string harmless = git.CommitFile("notes.txt", "hello\n", "notes");
  Checkout(git, {"main"});
  std::vector<std::string> objects = ObjectsOf(git, harmless);
  for (const std::string& o : ObjectsOf(git, planted)) objects.push_back(o);
  CommandResult push =
      RawPush(git, {{kZero, harmless, "refs/heads/harmless"}}, objects);
  INFO(push.Output());
  REQUIRE(git.BareRef("refs/heads/harmless") == harmless);
  REQUIRE(git.BareGit({"cat-file", "-e", planted}).exit_code == 0);
}

TEST_CASE("a ref to a commit that an earlier pack planted is refused") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  std::string planted = SecretCommitAside(git, key);
  PlantUnreferenced(git, planted);

  SUBCASE("created by stock git") {
    std::string before = git.BareRefs();
    CommandResult push = git.Push({planted + ":refs/heads/evil"});
    CheckRejected(git, push, before);
    CheckRedactedAwsFinding(push.Output(), key);
    CHECK(Contains(push.Output(), "config/prod.env:3"));
  }
  SUBCASE("main fast-forwarded to it by stock git") {
    std::string before = git.BareRefs();
    CheckRejected(git, git.Push({planted + ":refs/heads/main"}), before);
  }
  SUBCASE("created by a raw client with an empty pack") {
    RawPush(git, {{kZero, planted, "refs/heads/evil"}}, {});
    CHECK(git.BareRef("refs/heads/evil").empty());
  }
  SUBCASE("a tag of it") {
    std::string before = git.BareRefs();
    REQUIRE(git.Git({"tag", "planted-tag", planted}).exit_code == 0);
    CheckRejected(git, git.Push({"refs/tags/planted-tag"}), before);
  }
}

TEST_CASE("a new commit reusing a planted blob is refused") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  std::string planted = SecretCommitAside(git, key);
  PlantUnreferenced(git, planted);
  // The same file content, committed afresh on main: its blob is the
  // planted one, already in the server's object store.
  git.CommitFile("config/prod.env", ProdEnv(key), "same content");
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.Output(), key);
}

TEST_CASE("an old value the ref does not have vouches for nothing") {
  // The hook sees the client's claimed old value before git checks it: a
  // false claim fails its own update, but must not make a planted commit
  // count as history for another ref of the same push.
  GitFixture git;
  std::string main = PushCleanMain(git);
  std::string key = FakeAwsKey();
  std::string planted = SecretCommitAside(git, key);
  PlantUnreferenced(git, planted);
  Checkout(git, {"-b", "next", planted});
  std::string child = git.CommitFile("more.txt", "more\n", "child");
  Checkout(git, {"main"});
  RawPush(git,
          {{planted, child, "refs/heads/main"},
           {kZero, planted, "refs/heads/evil"}},
          ObjectsOf(git, child));
  CHECK(git.BareRef("refs/heads/main") == main);
  CHECK(git.BareRef("refs/heads/evil").empty());
}

TEST_CASE("objects in an alternate object store are not history") {
  // A fork network or object pool: the pool holds the secret commit, the
  // repository borrows its objects, no ref of the repository reaches it.
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  std::string secret = SecretCommitAside(git, key);
  TempDir pool_dir;
  std::string pool = (pool_dir.path() / "pool.git").string();
  REQUIRE(Run({{"git", "init", "-q", "--bare", pool}, {}, "", git.Env()})
              .exit_code == 0);
  REQUIRE(git.Git({"push", "-q", pool, "aside:refs/heads/fork"}).exit_code ==
          0);
  std::ofstream(git.bare() / "objects" / "info" / "alternates")
      << pool << "/objects\n";
  REQUIRE(git.BareGit({"cat-file", "-e", secret}).exit_code == 0);

  std::string before = git.BareRefs();
  CommandResult push = git.Push({secret + ":refs/heads/from-pool"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.Output(), key);
}

TEST_CASE("a commit that a ref reaches stays history for a new branch") {
  // The reverse: a branch created at a commit in the middle of main's
  // history (no quarantine, no ref at it) is not new, so an old secret
  // there does not block.
  GitFixture git;
  git.UninstallHook();
  std::string key = FakeAwsKey();
  std::string legacy = git.CommitFile("config/prod.env", ProdEnv(key), "old");
  git.CommitFile("README.md", "later\n", "later");
  REQUIRE(git.Push({"HEAD:refs/heads/main"}).exit_code == 0);
  git.InstallHook();
  CheckAccepted(git.Push({legacy + ":refs/heads/maintenance"}));
  CHECK(git.BareRef("refs/heads/maintenance") == legacy);
}

}  // namespace
}  // namespace pushguard::e2e

namespace pushguard::e2e {
namespace {

const char kReleasePolicy[] =
    "policies:\n"
    "  - id: no-binaries-on-release\n    type: forbidden_paths\n"
    "    extensions: [exe]\n"
    "    scope: {refs: ['refs/heads/release/**']}\n"
    "    remediation: Ship binaries as release assets.\n";

TEST_CASE(
    "a ref-scoped policy checks what a new ref gains, not only what the "
    "repository gains") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(kReleasePolicy);
  std::string bad = git.CommitFile("tools/setup.exe", "MZ\n", "tool");
  CheckAccepted(git.Push({"HEAD:refs/heads/feature"}));

  SUBCASE("a release branch created from it is refused") {
    std::string before = git.BareRefs();
    CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/release/2"}), before,
                         "no-binaries-on-release", bad, "tools/setup.exe");
  }
  SUBCASE("a release branch fast-forwarded to it is refused") {
    git.UninstallHook();
    REQUIRE(git.Push({"HEAD~1:refs/heads/release/1"}).exit_code == 0);
    git.InstallHook();
    git.SetPolicy(kReleasePolicy);
    std::string before = git.BareRefs();
    CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/release/1"}), before,
                         "no-binaries-on-release", bad, "tools/setup.exe");
  }
  SUBCASE("a second release branch from a checked one is accepted") {
    git.UninstallHook();
    REQUIRE(git.Push({"HEAD~1:refs/heads/release/1"}).exit_code == 0);
    git.InstallHook();
    git.SetPolicy(kReleasePolicy);
    CheckAccepted(git.Push({"HEAD~1:refs/heads/release/2"}));
  }
}

}  // namespace
}  // namespace pushguard::e2e

namespace pushguard::e2e {
namespace {

TEST_CASE("a tag object is history only when a ref named it") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  REQUIRE(
      git.Git({"tag", "-a", "v1", "-m", "release\nAWS_ID=" + key}).exit_code ==
      0);
  std::string tag = git.Git({"rev-parse", "v1"}).out.substr(0, 40);

  SUBCASE("an old tag under a new name is accepted") {
    git.UninstallHook();
    REQUIRE(git.Push({"refs/tags/v1"}).exit_code == 0);
    git.InstallHook();
    CheckAccepted(git.Push({tag + ":refs/tags/v1-again"}));
    CHECK(git.BareRef("refs/tags/v1-again") == tag);
  }
  SUBCASE("a planted tag object is refused") {
    std::vector<std::string> objects = {tag};
    Checkout(git, {"-b", "harmless"});
    std::string harmless = git.CommitFile("notes.txt", "hello\n", "notes");
    Checkout(git, {"main"});
    for (const std::string& o : ObjectsOf(git, harmless)) objects.push_back(o);
    RawPush(git, {{kZero, harmless, "refs/heads/harmless"}}, objects);
    REQUIRE(git.BareGit({"cat-file", "-e", tag}).exit_code == 0);
    std::string before = git.BareRefs();
    CommandResult push = git.Push({tag + ":refs/tags/v1"});
    CheckRejected(git, push, before);
    CHECK(Contains(push.Output(), "(tag message)"));
  }
}

}  // namespace
}  // namespace pushguard::e2e

// End-to-end: secrets that are already in the repository never block a
// push; only what the push introduces counts.
#include <doctest/doctest.h>

#include <string>

#include "push_checks.h"

namespace pushguard::e2e {
namespace {

// Pushes config/prod.env holding `key` to main with the hook uninstalled,
// as if it predated pushguard; returns the commit.
std::string PushLegacySecret(GitFixture& git, const std::string& key) {
  git.UninstallHook();
  std::string oid = git.CommitFile("config/prod.env", ProdEnv(key), "legacy");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  INFO(push.Output());
  REQUIRE(push.exit_code == 0);
  git.InstallHook();
  return oid;
}

TEST_CASE("renaming or copying a file that holds an old secret is accepted") {
  GitFixture git;
  PushLegacySecret(git, FakeAwsKey());
  REQUIRE(git.Git({"mv", "config/prod.env", "config/live.env"}).exit_code == 0);
  std::string moved = git.Commit("rename");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == moved);

  REQUIRE(git.Git({"show", "HEAD:config/live.env"}).exit_code == 0);
  git.Write("config/copy.env", git.Git({"show", "HEAD:config/live.env"}).out);
  std::string copied = git.Commit("copy");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == copied);
}

TEST_CASE(
    "a new branch and a tag at a commit that already holds a secret are "
    "accepted") {
  GitFixture git;
  std::string legacy = PushLegacySecret(git, FakeAwsKey());
  CheckAccepted(git.Push({"HEAD:refs/heads/release"}));
  CHECK(git.BareRef("refs/heads/release") == legacy);
  REQUIRE(git.Git({"tag", "-a", "v0.9", "-m", "old release"}).exit_code == 0);
  CheckAccepted(git.Push({"refs/tags/v0.9"}));
  CHECK_FALSE(git.BareRef("refs/tags/v0.9").empty());
}

TEST_CASE(
    "a push of more than 100 objects editing a file with an old secret is "
    "accepted") {
  // receive-pack completes the thin pack with base objects the repository
  // already has (the old blob with the secret): they are not new.
  GitFixture git;
  std::string key = FakeAwsKey();
  std::string big;
  for (int i = 0; i < 300; ++i)
    big += "setting_" + std::to_string(i) + "=value\n";
  git.Write("config/big.env", big);
  PushLegacySecret(git, key);
  git.Write("config/big.env", "# edited\n" + big);
  git.Write("config/prod.env", "# edited\n" + ProdEnv(key));
  for (int i = 0; i < 120; ++i)
    git.Write("data/f" + std::to_string(i), std::to_string(i) + "\n");
  std::string oid = git.Commit("bulk edit");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == oid);
}

TEST_CASE("an unrelated orphan history carrying a secret is rejected") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  Checkout(git, {"--orphan", "orphan"});
  REQUIRE(git.Git({"rm", "-q", "-rf", "."}).exit_code == 0);
  std::string key = FakeAwsKey();
  git.CommitFile("config/prod.env", ProdEnv(key), "orphan");
  CommandResult push = git.Push({"orphan"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
}

}  // namespace
}  // namespace pushguard::e2e

// Commit messages are history too: a secret pasted into one is leaked.
#include <doctest/doctest.h>

#include "git_fixture.h"
#include "push_checks.h"

namespace pushguard::e2e {

TEST_CASE("a secret in a commit message is rejected, naming the message") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  std::string key = FakeAwsKey();
  git.Write("notes.txt", "deployed\n");
  git.Commit("Deploy with the new key\n\nAWS_ACCESS_KEY_ID=" + key + "\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  CHECK(Contains(push.err, "(commit message):3:19"));
}

TEST_CASE("a secret in an old commit message does not block a new branch") {
  GitFixture git;
  PushCleanMain(git);
  git.UninstallHook();
  git.Write("notes.txt", "deployed\n");
  git.Commit("Deploy\n\nkey " + FakeAwsKey() + "\n");
  REQUIRE(git.Push({"HEAD:refs/heads/main"}).exit_code == 0);
  git.InstallHook();
  CheckAccepted(git.Push({"HEAD:refs/heads/copy"}));
  git.CommitFile("more.txt", "clean\n", "clean change");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
}

}  // namespace pushguard::e2e

// End-to-end: ref policies (ref_names, protected_refs, immutable_tags).
#include <doctest/doctest.h>

#include <string>

#include "policy_checks.h"

namespace pushguard::e2e {
namespace {

TEST_CASE("ref_names: new branches and tags must follow the naming scheme") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "policies:\n  - id: names\n    type: ref_names\n"
      "    branch_regex: '^(main|(feature|fix)/[a-z0-9-]+)$'\n"
      "    tag_regex: '^v[0-9]+\\.[0-9]+\\.[0-9]+$'\n");
  std::string before = git.BareRefs();
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/My_Branch"}), before,
                       "names", "",
                       "branch name 'My_Branch' does not match branch_regex");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/tags/latest"}), before,
                       "names", "", "tag name 'latest' does not match");
  CheckAccepted(git.Push({"HEAD:refs/heads/feature/login-form"}));
  CheckAccepted(git.Push({"HEAD:refs/tags/v1.2.3"}));
}

TEST_CASE(
    "protected_refs: no deleting or force-pushing main, except exempt users") {
  GitFixture git;
  std::string first = PushCleanMain(git);
  std::string second = git.CommitFile("a.txt", "a\n", "second");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  git.SetPolicy(
      "policies:\n  - id: protect-main\n    type: protected_refs\n"
      "    scope: {refs: [refs/heads/main], exempt_users: [admin]}\n");
  std::string before = git.BareRefs();
  CheckPolicyRejection(git, git.Push({":refs/heads/main"}), before,
                       "protect-main", "", "may not be deleted");
  REQUIRE(git.Git({"reset", "-q", "--hard", first}).exit_code == 0);
  std::string rewritten = git.CommitFile("b.txt", "b\n", "rewritten");
  CommandResult force = git.Push({"+HEAD:refs/heads/main"});
  CheckPolicyRejection(
      git, force, before, "protect-main", rewritten,
      "force push (old " + second.substr(0, 12) + " is not an ancestor");
  REQUIRE(git.Git({"reset", "-q", "--hard", second}).exit_code == 0);
  std::string next = git.CommitFile("c.txt", "c\n", "fast-forward");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == next);
  git.SetEnv("REMOTE_USER", "admin");
  CheckAccepted(git.Push({"+" + rewritten + ":refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == rewritten);
  CHECK(Contains(LastAuditRecord(git), "\"change\":\"force\""));
}

TEST_CASE("immutable_tags: a pushed tag cannot be moved or deleted") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy("policies:\n  - id: fixed-tags\n    type: immutable_tags\n");
  REQUIRE(git.Git({"tag", "-a", "-m", "release", "v1"}).exit_code == 0);
  CheckAccepted(git.Push({"refs/tags/v1"}));
  std::string before = git.BareRefs();
  git.CommitFile("a.txt", "a\n", "later");
  REQUIRE(git.Git({"tag", "-f", "-a", "-m", "moved", "v1"}).exit_code == 0);
  CheckPolicyRejection(git, git.Push({"--force", "refs/tags/v1"}), before,
                       "fixed-tags", "", "tags may not be moved once pushed");
  CheckPolicyRejection(git, git.Push({":refs/tags/v1"}), before, "fixed-tags",
                       "", "may not be deleted");
  REQUIRE(git.Git({"tag", "v2"}).exit_code == 0);
  CheckAccepted(git.Push({"refs/tags/v2"}));
}

}  // namespace
}  // namespace pushguard::e2e

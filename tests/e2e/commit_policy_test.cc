// End-to-end: commit policies (commit_message, signed_off_by, author_email,
// committer_email, committer_is_pusher, no_merge_commits) with real pushes.
#include <doctest/doctest.h>

#include <string>

#include "policy_checks.h"

namespace pushguard::e2e {
namespace {

void Undo(const GitFixture& git, int commits = 1) {
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~" + std::to_string(commits)})
              .exit_code == 0);
}

TEST_CASE(
    "commit_message: Conventional Commits enforced; merges and reverts pass") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "policies:\n  - id: conventional\n    type: commit_message\n"
      "    must_match: '^(feat|fix|docs|chore)(\\([a-z-]+\\))?: '\n"
      "    must_not_match: '(?i)^wip'\n    subject_max_length: 50\n"
      "    remediation: See CONTRIBUTING.md.\n");
  std::string before = git.BareRefs();
  std::string bad = git.CommitFile("a.txt", "a\n", "added a file");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckPolicyRejection(git, push, before, "conventional", bad,
                       "message \"added a file\" does not match");
  CHECK(Contains(push.err, "git rebase -i " + bad.substr(0, 12) + "~1"));
  CHECK(Contains(push.err, "See CONTRIBUTING.md."));
  Undo(git);
  std::string longer =
      git.CommitFile("a.txt", "a\n", "feat: " + std::string(60, 'x'));
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "conventional", longer, "more than 50");
  Undo(git);

  git.CommitFile("a.txt", "a\n", "feat(api): add a file");
  REQUIRE(git.Git({"revert", "--no-edit", "HEAD"}).exit_code == 0);
  Checkout(git, {"-b", "topic", "HEAD~1"});
  git.CommitFile("b.txt", "b\n", "fix: add b");
  Checkout(git, {"-"});
  Checkout(git, {"main"});
  REQUIRE(git.Git({"merge", "-q", "--no-ff", "--no-edit", "topic"}).exit_code ==
          0);
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
}

TEST_CASE("signed_off_by: a DCO sign-off by the author is required") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy("policies:\n  - id: dco\n    type: signed_off_by\n");
  std::string before = git.BareRefs();
  std::string bad = git.CommitFile("a.txt", "a\n", "no sign-off");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before, "dco",
                       bad, "no Signed-off-by trailer (DCO)");
  Undo(git);
  git.Write("a.txt", "a\n");
  REQUIRE(git.Git({"add", "-A"}).exit_code == 0);
  std::string other =
      git.Commit("x\n\nSigned-off-by: Someone <someone@else.example>");
  CheckPolicyRejection(
      git, git.Push({"HEAD:refs/heads/main"}), before, "dco", other,
      "no Signed-off-by trailer for the author <pat@example.com>");
  Undo(git);
  git.Write("a.txt", "a\n");
  REQUIRE(git.Git({"add", "-A"}).exit_code == 0);
  REQUIRE(git.Git({"commit", "-q", "-s", "-m", "signed off"}).exit_code == 0);
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
}

TEST_CASE("author_email and committer_email: only company addresses") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "policies:\n"
      "  - {id: corp-author, type: author_email, allowed: ['*@corp.example']}\n"
      "  - {id: corp-committer, type: committer_email,\n"
      "     allowed: ['*@corp.example']}\n");
  std::string before = git.BareRefs();
  std::string bad = git.CommitFile("a.txt", "a\n", "private address");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckPolicyRejection(git, push, before, "corp-author", bad,
                       "author e-mail <pat@example.com> is not allowed");
  CHECK(Contains(push.err, "[corp-committer]"));
  Undo(git);
  git.SetEnv("GIT_AUTHOR_EMAIL", "Pat@Corp.Example");
  git.SetEnv("GIT_COMMITTER_EMAIL", "pat@corp.example");
  git.CommitFile("a.txt", "a\n", "company address");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
}

TEST_CASE("committer_is_pusher: the pusher's own commits only") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "policies:\n  - id: own-commits\n    type: committer_is_pusher\n"
      "    emails: ['{user}@example.com']\n");
  std::string before = git.BareRefs();
  git.SetEnv("REMOTE_USER", "mallory");
  std::string c = git.CommitFile("a.txt", "a\n", "pat's work");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "own-commits", c,
                       "committer <pat@example.com> is not you (mallory)");
  git.SetEnv("REMOTE_USER", "pat");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
}

TEST_CASE("no_merge_commits: linear history on main, merges elsewhere") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "policies:\n  - id: linear-main\n    type: no_merge_commits\n"
      "    scope: {refs: [refs/heads/main]}\n");
  std::string before = git.BareRefs();
  Checkout(git, {"-b", "topic"});
  git.CommitFile("b.txt", "b\n", "topic work");
  Checkout(git, {"main"});
  git.CommitFile("c.txt", "c\n", "main work");
  REQUIRE(git.Git({"merge", "-q", "--no-edit", "topic"}).exit_code == 0);
  std::string merge = git.Git({"rev-parse", "HEAD"}).out.substr(0, 40);
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "linear-main", merge, "git pull --rebase");
  CheckAccepted(git.Push({"HEAD:refs/heads/integration"}));
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
  REQUIRE(git.Git({"rebase", "-q", "topic"}).exit_code == 0);
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
}

}  // namespace
}  // namespace pushguard::e2e

// End-to-end: what an administrator and a pusher learn about a policy:
// `rules check --repo` layers the repository's own file on the system
// configuration, `policy show` prints remediations and fails on ignored
// changes, and a pusher on a bypass list is told they may bypass.
#include <doctest/doctest.h>

#include <string>

#include "policy_checks.h"

namespace pushguard::e2e {
namespace {

const char kOrgNoBinaries[] =
    "policies:\n  - id: no-bin\n    type: forbidden_paths\n"
    "    paths: ['*.bin']\n    remediation: Publish binaries as release "
    "assets.\n";

TEST_CASE(
    "rules check --repo checks the repository's file on the system "
    "configuration") {
  GitFixture git;
  std::string org =
      SetOrgPolicy(git, std::string(kOrgNoBinaries) + "    mandatory: true\n");
  // Changes a field of the organisation's policy (no `type`: the policy is
  // defined in /etc/pushguard), and tries to disable the mandatory one.
  std::string repo = SetRepoPolicy(
      git, "policies:\n  - id: no-bin\n    paths: ['*.bin', '*.exe']\n");
  CommandResult check =
      git.Pushguard({"rules", "check", "--repo", git.bare().string()});
  INFO(check.Output());
  CHECK(check.exit_code == 0);
  CHECK(Contains(check.out, "push policies checked from"));

  // Checked alone on the embedded default, the same file is wrong.
  CommandResult alone = git.Pushguard({"rules", "check", repo});
  CHECK(alone.exit_code == 2);

  SetRepoPolicy(git, "policies:\n  - id: no-bin\n    enabled: false\n");
  check = git.Pushguard({"rules", "check", "--repo", git.bare().string()});
  CHECK(check.exit_code == 2);
  CHECK(Contains(check.err, repo +
                                ":3: rule 'no-bin': enabled: ignored: the "
                                "policy is mandatory (" +
                                org + ":6)"));

  // A repository without a file of its own: the system configuration.
  std::filesystem::remove(repo);
  check = git.Pushguard({"rules", "check", "--repo", git.bare().string()});
  CHECK(check.exit_code == 0);
  CHECK(Contains(check.out, "has no pushguard.yaml"));
  check = git.Pushguard({"rules", "check", "--repo", git.root().string()});
  CHECK(check.exit_code == 2);
}

TEST_CASE(
    "policy show prints remediations and fails when a change is ignored") {
  GitFixture git;
  SetOrgPolicy(git, std::string(kOrgNoBinaries) + "    mandatory: true\n");
  CommandResult show =
      git.Pushguard({"policy", "show", "--repo", git.bare().string()});
  INFO(show.Output());
  CHECK(show.exit_code == 0);
  CHECK(Contains(show.out,
                 "      remediation: Publish binaries as release assets.\n"));

  std::string repo =
      SetRepoPolicy(git, "policies:\n  - id: no-bin\n    mode: warn\n");
  show = git.Pushguard({"policy", "show", "--repo", git.bare().string()});
  CHECK(show.exit_code == 1);
  CHECK(Contains(show.out, repo + ":3: rule 'no-bin': mode: ignored"));
  CHECK(Contains(show.err, "1 change(s) to mandatory policies ignored"));
}

TEST_CASE(
    "a pusher on the bypass list is told in the rejection how to bypass") {
  GitFixture git;
  PushCleanMain(git);
  AllowPushOptions(git);
  git.SetPolicy(std::string(kOrgNoBinaries) +
                "    bypass: {bypassable: true, users: [alice]}\n");
  std::string before = git.BareRefs();
  std::string c = git.CommitFile("fw/image.bin", "bin\n");

  git.SetEnv("REMOTE_USER", "alice");
  CommandResult alice = git.Push({"HEAD:refs/heads/main"});
  CheckPolicyRejection(git, alice, before, "no-bin", c, "fw/image.bin");
  CHECK(Contains(alice.err,
                 "you (alice) may bypass [no-bin]: push again with git push "
                 "-o pushguard.bypass=\"<why this push must go through>\""));

  git.SetEnv("REMOTE_USER", "bob");
  CommandResult bob = git.Push({"HEAD:refs/heads/main"});
  CheckPolicyRejection(git, bob, before, "no-bin", c, "fw/image.bin");
  CHECK_FALSE(Contains(bob.err, "may bypass"));

  // Following the advice works.
  git.SetEnv("REMOTE_USER", "alice");
  CheckAccepted(PushWithOptions(git, {"pushguard.bypass=release 1.2"},
                                "HEAD:refs/heads/main"));
  CHECK(git.BareRef("refs/heads/main") == c);
}

}  // namespace
}  // namespace pushguard::e2e

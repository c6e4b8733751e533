// End-to-end: modes (warn, evaluate, per scope), layering with a mandatory
// policy, bypass through push options, `pre-receive --dry-run` and
// `policy show`.
#include <doctest/doctest.h>

#include <string>

#include "policy_checks.h"

namespace pushguard::e2e {
namespace {

const char kNoBinaries[] =
    "policies:\n  - id: no-bin\n    type: forbidden_paths\n"
    "    paths: ['*.bin']\n";

void Undo(const GitFixture& git) {
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
}

TEST_CASE(
    "warn mode accepts with a warning; evaluate mode accepts silently and "
    "logs") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(std::string(kNoBinaries) + "    mode: warn\n");
  std::string c = git.CommitFile("fw/image.bin",
                                 "\x7f"
                                 "ELF\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(push);
  CHECK(git.BareRef("refs/heads/main") == c);
  CHECK(
      Contains(push.err, "warning: pushguard: policy [no-bin] (not blocking)"));
  CHECK(Contains(push.err, "fw/image.bin"));

  git.SetPolicy(std::string(kNoBinaries) + "    mode: evaluate\n");
  std::string d = git.CommitFile("fw/other.bin",
                                 "\x7f"
                                 "ELF2\n");
  push = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(push);
  CHECK(git.BareRef("refs/heads/main") == d);
  CHECK_FALSE(Contains(push.err, "no-bin"));
  std::string record = LastAuditRecord(git);
  INFO(record);
  CHECK(Contains(
      record, "\"kind\":\"policy\",\"rule\":\"no-bin\",\"mode\":\"evaluate\""));
  CHECK(Contains(record, "\"would_block\":1"));
}

TEST_CASE(
    "a scoped mode enforces on main and warns elsewhere; scopes skip other "
    "repos") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(std::string(kNoBinaries) +
                "    mode: warn\n    modes: [{refs: [refs/heads/main], mode: "
                "enforce}]\n");
  std::string before = git.BareRefs();
  std::string c = git.CommitFile("fw/image.bin", "bin\n");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "no-bin", c, "fw/image.bin");
  // One push, the same commit on two refs: each ref gets its own mode.
  CommandResult both =
      git.Push({"HEAD:refs/heads/feature", "HEAD:refs/heads/main"});
  CheckPolicyRejection(git, both, before, "no-bin", c, "fw/image.bin");
  CHECK(Contains(both.err, "(not blocking)"));
  CommandResult feature = git.Push({"HEAD:refs/heads/feature"});
  CheckAccepted(feature);
  CHECK(Contains(feature.err, "(not blocking)"));
  git.SetPolicy(std::string(kNoBinaries) + "    scope: {repos: ['other/*']}\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
}

TEST_CASE(
    "a repository cannot disable or weaken a mandatory organisation policy") {
  GitFixture git;
  PushCleanMain(git);
  std::string org =
      SetOrgPolicy(git, std::string(kNoBinaries) + "    mandatory: true\n");
  std::string repo =
      SetRepoPolicy(git,
                    "policies:\n  - id: no-bin\n    enabled: false\n"
                    "  - id: forbidden-credential-files\n    mode: warn\n");
  std::string before = git.BareRefs();
  std::string c = git.CommitFile("fw/image.bin", "bin\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckPolicyRejection(git, push, before, "no-bin", c, "fw/image.bin");
  CHECK(Contains(push.err, "warning: pushguard: configuration: " + repo +
                               ":3: rule 'no-bin': enabled: ignored: the "
                               "policy is mandatory (" +
                               org + ":5)"));
  Undo(git);
  // The non-mandatory default may be weakened by the repository.
  git.CommitFile("deploy/id_rsa", "not a key\n");
  CommandResult warned = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(warned);
  CHECK(Contains(warned.err,
                 "policy [forbidden-credential-files] (not blocking)"));

  CommandResult show =
      git.Pushguard({"policy", "show", "--repo", git.bare().string()});
  INFO(show.Output());
  CHECK(show.exit_code == 1);  // a change was ignored
  CHECK(Contains(show.out, "no-bin  (forbidden_paths, enforce, mandatory)"));
  CHECK(Contains(show.out, "from " + org + ":2"));
  CHECK(Contains(show.out,
                 "forbidden-credential-files  (forbidden_paths, warn)"));
  CHECK(Contains(show.out, "changed by " + repo));
  CHECK(Contains(show.out, "ignored changes to mandatory policies:"));
  CommandResult check = git.Pushguard({"rules", "check", org, repo});
  CHECK(check.exit_code == 2);
  CHECK(Contains(check.err, repo + ":3: rule 'no-bin': enabled: ignored"));
}

TEST_CASE(
    "bypass: a listed user with a reason passes and is audited; others are "
    "refused") {
  GitFixture git;
  PushCleanMain(git);
  AllowPushOptions(git);
  git.SetPolicy(std::string(kNoBinaries) +
                "    bypass: {bypassable: true, users: [alice]}\n");
  std::string before = git.BareRefs();
  std::string c = git.CommitFile("fw/image.bin", "bin\n");

  git.SetEnv("REMOTE_USER", "bob");
  CommandResult bob = PushWithOptions(git, {"pushguard.bypass=vendor drop"},
                                      "HEAD:refs/heads/main");
  CheckPolicyRejection(git, bob, before, "no-bin", c, "fw/image.bin");
  CHECK(Contains(bob.err,
                 "bypass refused for [no-bin]: 'bob' is not on its "
                 "bypass list"));

  git.SetEnv("REMOTE_USER", "alice");
  CommandResult no_reason =
      PushWithOptions(git, {"pushguard.bypass"}, "HEAD:refs/heads/main");
  CheckPolicyRejection(git, no_reason, before, "no-bin", c, "fw/image.bin");
  CHECK(Contains(no_reason.err, "bypass refused: a reason is required"));

  CommandResult alice =
      PushWithOptions(git,
                      {"pushguard.bypass=vendor drop, ticket 42",
                       "pushguard.bypass.rule=no-bin"},
                      "HEAD:refs/heads/main");
  CheckAccepted(alice);
  CHECK(git.BareRef("refs/heads/main") == c);
  CHECK(Contains(alice.err, "bypass by alice of [no-bin] on refs/heads/main"));
  std::string record = LastAuditRecord(git);
  INFO(record);
  CHECK(Contains(record,
                 "\"bypasses\":[{\"user\":\"alice\",\"reason\":\"vendor "
                 "drop, ticket 42\",\"rules\":[\"no-bin\"],\"ref\":"
                 "\"refs/heads/main\",\"commits\":[\"" +
                     c + "\"]}]"));
  CommandResult log =
      git.Pushguard({"log", "--bypassed", "--format", "json", "--file",
                     (git.root() / "audit.jsonl").string()});
  INFO(log.Output());
  CHECK(Contains(log.out, "vendor drop, ticket 42"));
}

TEST_CASE(
    "pre-receive --dry-run says what a push would do, and changes nothing") {
  GitFixture git;
  std::string base = PushCleanMain(git);
  std::string c = git.CommitFile("fw/image.bin", "bin\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/staging"}));
  std::string lines = base + " " + c + " refs/heads/main\n";
  std::string policy = git.SetPolicy(kNoBinaries).string();
  std::string log_before = LastAuditRecord(git);
  CommandResult dry = git.Pushguard({"pre-receive", "--dry-run", "--repo",
                                     git.bare().string(), "--user", "carol"},
                                    lines);
  INFO(dry.Output());
  CHECK(dry.exit_code == 1);
  CHECK(Contains(dry.out, "by carol"));
  CHECK(Contains(dry.out, "[no-bin]"));
  CHECK(Contains(dry.out, "dry run: the push would be rejected"));
  CHECK(LastAuditRecord(git) == log_before);
  CHECK(git.BareRef("refs/heads/main") == base);

  SetRepoPolicy(git, "policies:\n  - id: no-bin\n    mode: warn\n");
  dry = git.Pushguard(
      {"pre-receive", "--dry-run", "--repo", git.bare().string()}, lines);
  CHECK(dry.exit_code == 0);
  CHECK(Contains(dry.out, "dry run: the push would be accepted"));
}

}  // namespace
}  // namespace pushguard::e2e

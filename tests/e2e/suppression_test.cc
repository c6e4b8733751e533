// End-to-end: suppressions a pusher controls do not defeat the server hook.
// Inline allow markers (`# pushguard:allow`) are ignored unless
// settings.marker_bypass says otherwise, and then each is recorded as a
// bypass (the client hooks keep honouring them); lock files and digest
// prefixes quiet only generic rules, never a provider token or private key.
#include <doctest/doctest.h>

#include <fstream>

#include "git_fixture.h"
#include "push_checks.h"

namespace pushguard::e2e {
namespace {

// Commits docs/setup.md with a fake key and the marker on line 2.
std::string CommitMarkedKey(GitFixture& git, const std::string& key) {
  return git.CommitFile("docs/setup.md", "# Setup\nAWS_ACCESS_KEY_ID=" + key +
                                             "  # pushguard:allow\n");
}

// The last line of the fixture's audit log.
std::string LastAuditLine(const GitFixture& git) {
  std::ifstream in(git.root() / "audit.jsonl");
  std::string line, last;
  while (std::getline(in, line)) last = line;
  return last;
}

}  // namespace

TEST_CASE("by default the server hook ignores an inline allow marker") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  std::string key = FakeAwsKey();
  CommitMarkedKey(git, key);
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  CHECK(Contains(push.err, "docs/setup.md:2:19"));
  CHECK(Contains(push.err,
                 "inline marker 'pushguard:allow' at docs/setup.md:2 ignored "
                 "for [aws-access-key-id]: inline markers do not let secrets "
                 "through on this server (settings.marker_bypass is off)"));
  std::string record = LastAuditLine(git);
  INFO(record);
  CHECK(Contains(record, "\"verdict\":\"reject\""));
  CHECK_FALSE(Contains(record, "allowed_by"));
  CHECK(Contains(record, "\"bypasses\":[]"));
}

TEST_CASE("an enabled marker is an audited bypass naming pusher and line") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy("settings:\n  marker_bypass: {enabled: true}\n");
  git.SetEnv("REMOTE_USER", "alice");
  std::string key = FakeAwsKey();
  std::string c = CommitMarkedKey(git, key);
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(push);
  CHECK(git.BareRef("refs/heads/main") == c);
  CHECK(Contains(push.err, "allowed by inline marker 'pushguard:allow'"));
  CHECK_FALSE(Contains(push.err, key));

  std::string record = LastAuditLine(git);
  INFO(record);
  CHECK_FALSE(Contains(record, key));
  CHECK(Contains(record, "\"user\":\"alice\""));
  CHECK(Contains(record,
                 "\"mode\":\"enforce\",\"severity\":\"info\","
                 "\"would_block\":false"));
  CHECK(Contains(record,
                 "\"allowed_by\":\"pushguard:allow\",\"marker_line\":2}"));
  CHECK(Contains(record, "\"would_block\":0"));
  CHECK(Contains(record,
                 "\"bypasses\":[{\"user\":\"alice\",\"reason\":\"inline "
                 "marker 'pushguard:allow' at docs/setup.md:2\",\"rules\":"
                 "[\"aws-access-key-id\"],\"ref\":\"refs/heads/main\","
                 "\"commits\":[\"" +
                     c + "\"],\"kind\":\"inline_marker\",\"fingerprint\":\""));
  CHECK(Contains(record, "\"path\":\"docs/setup.md\",\"marker_line\":2}]"));

  std::string file = (git.root() / "audit.jsonl").string();
  CommandResult log =
      git.Pushguard({"log", "--bypassed", "--format", "csv", "--file", file});
  INFO(log.Output());
  CHECK(log.exit_code == 0);
  CHECK(Contains(log.out, "alice"));
  CHECK(
      Contains(log.out, "inline marker 'pushguard:allow' at docs/setup.md:2"));
  CommandResult stats = git.Pushguard({"log", "--stats", "--file", file});
  INFO(stats.Output());
  CHECK(Contains(stats.out, "pushes with a bypass: 1"));
  CHECK(Contains(stats.out, "inline marker 'pushguard:allow'"));
}

TEST_CASE("marker_bypass.users refuses a marker from anyone else") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "settings:\n  marker_bypass: {enabled: true, users: [alice]}\n");
  git.SetEnv("REMOTE_USER", "bob");
  std::string before = git.BareRefs();
  CommitMarkedKey(git, FakeAwsKey());
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "docs/setup.md:2:19"));
  CHECK(Contains(push.err,
                 "ignored for [aws-access-key-id]: 'bob' is not in "
                 "settings.marker_bypass.users"));
  git.SetEnv("REMOTE_USER", "alice");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
}

TEST_CASE("marker_bypass.modes [warn] does not let an enforce rule through") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy("settings:\n  marker_bypass: {enabled: true, modes: [warn]}\n");
  std::string before = git.BareRefs();
  CommitMarkedKey(git, FakeAwsKey());
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err,
                 "ignored for [aws-access-key-id]: the rule is in enforce "
                 "mode, not in settings.marker_bypass.modes"));
}

TEST_CASE("the client pre-commit hook still honours an inline marker") {
  GitFixture git;
  PushCleanMain(git);
  CommandResult install =
      git.Pushguard({"install", "--client", git.work().string()});
  REQUIRE(install.exit_code == 0);
  git.Write("docs/setup.md", "# Setup\nAWS_ACCESS_KEY_ID=" + FakeAwsKey() +
                                 "  # pushguard:allow\n");
  REQUIRE(git.Git({"add", "-A"}).exit_code == 0);
  CommandResult commit = git.Git({"commit", "-q", "-m", "docs"});
  INFO(commit.Output());
  CHECK(commit.exit_code == 0);
  CHECK(Contains(commit.err, "allowed by inline marker 'pushguard:allow'"));
  // A policy that drops the marker from the list blocks the same line.
  git.SetPolicy("settings:\n  inline_allow_markers: [\"gitleaks:allow\"]\n");
  git.Write("docs/more.md",
            "AWS_ACCESS_KEY_ID=" + FakeAwsKey() + "  # pushguard:allow\n");
  REQUIRE(git.Git({"add", "-A"}).exit_code == 0);
  CHECK(git.Git({"commit", "-q", "-m", "more"}).exit_code != 0);
}

TEST_CASE("a private key in Cargo.lock and a token after sha1- are refused") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  std::string body;
  for (int i = 0; i < 4; ++i) {
    body += FakeAwsKey().substr(4) + FakeAwsKey().substr(4) +
            FakeAwsKey().substr(4) + FakeAwsKey().substr(4) + "\n";
  }
  const std::string kind = std::string("RSA PRIVATE") + " KEY";
  git.CommitFile("Cargo.lock", "[[package]]\nname = \"app\"\n-----BEGIN " +
                                   kind + "-----\n" + body + "-----END " +
                                   kind + "-----\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "[private-key]"));
  CHECK(Contains(push.err, "Cargo.lock:3"));

  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
  std::string key = FakeAwsKey();
  git.CommitFile("deps.txt", "vendor/lib checksum sha1-" + key + "\n");
  push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  CHECK(Contains(push.err, "deps.txt:1:26"));
}

}  // namespace pushguard::e2e

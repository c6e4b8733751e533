// Text in other encodings than UTF-8 is read as text: a key in a UTF-16 file
// or in a commit message whose `encoding` header names UTF-16 is found, at
// its line in the decoded text. And what the guard prints never carries a
// bidi control that would reorder it on the pusher's terminal.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "git_fixture.h"
#include "policy_checks.h"
#include "push_checks.h"

namespace pushguard::e2e {
namespace {

// `text` (ASCII) as UTF-16 code units in the given byte order, no BOM.
std::string Utf16(const std::string& text, bool big_endian) {
  std::string out;
  for (char c : text) {
    out += big_endian ? std::string{'\0', c} : std::string{c, '\0'};
  }
  return out;
}

const std::string kUtf16LeBom("\xFF\xFE", 2);
const std::string kUtf16BeBom("\xFE\xFF", 2);

std::string GitOut(const GitFixture& git,
                   const std::vector<std::string>& args) {
  CommandResult r = git.Git(args);
  INFO(r.Output());
  REQUIRE(r.exit_code == 0);
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// Commits the staged tree on HEAD with a message of exactly `message` bytes
// and, unless empty, an `encoding` header (git commit refuses NUL bytes in a
// message, so the object is written by hand). Returns its oid.
std::string CommitRaw(const GitFixture& git, const std::string& encoding,
                      const std::string& message) {
  REQUIRE(git.Git({"add", "-A"}).exit_code == 0);
  std::string tree = GitOut(git, {"write-tree"});
  std::string parent = GitOut(git, {"rev-parse", "HEAD"});
  std::string who = "A U Thor <author@example.com> 1700000000 +0000\n";
  std::string object = "tree " + tree + "\nparent " + parent + "\nauthor " +
                       who + "committer " + who;
  if (!encoding.empty()) object += "encoding " + encoding + "\n";
  object += "\n" + message;
  CommandResult hash = Run(
      {{"git", "hash-object", "-t", "commit", "-w", "--literally", "--stdin"},
       git.work(),
       object,
       git.Env()});
  INFO(hash.Output());
  REQUIRE(hash.exit_code == 0);
  std::string oid = hash.out.substr(0, 40);
  REQUIRE(git.Git({"reset", "-q", "--soft", oid}).exit_code == 0);
  return oid;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos;
       start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  lines.push_back(text.substr(start));
  return lines;
}

}  // namespace

TEST_CASE("a key in a UTF-16LE file with a BOM is rejected at its line") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  std::string key = FakeAwsKey();
  std::string oid = git.CommitFile("config/win.env",
                                   kUtf16LeBom + Utf16(ProdEnv(key), false));
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  INFO(push.err);
  CHECK(Contains(push.err, "config/win.env:3:8"));  // of the decoded text
  CHECK(Contains(push.err, oid.substr(0, 7)));
}

TEST_CASE("a key in a UTF-16BE file without a BOM is rejected at its line") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  std::string key = FakeAwsKey();
  git.CommitFile("settings/app.ini", Utf16("[aws]\r\nregion = eu-west-1\r\n\r\n"
                                           "aws_access_key_id = " +
                                               key + "\r\n",
                                           true));
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  INFO(push.err);
  CHECK(Contains(push.err, "settings/app.ini:4:21"));
}

TEST_CASE("a UTF-8 byte order mark does not hide a match on line 1") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "rules:\n"
      "  - id: acme-token\n"
      "    description: ACME API token\n"
      "    regex: '(?m)^acme ([a-z0-9]{24})'\n"
      "    secret_group: 1\n"
      "    keywords: [acme]\n");
  std::string before = git.BareRefs();
  git.CommitFile("deploy.env",
                 "\xEF\xBB\xBF"
                 "acme q8v3k1x9z0m2p7w4r6t5y1u3\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  INFO(push.err);
  CHECK(Contains(push.err, "[acme-token]"));
  CHECK(Contains(push.err, "deploy.env:1:6"));
}

TEST_CASE("in a UTF-16 file only the lines a commit adds count") {
  GitFixture git;
  PushCleanMain(git);
  std::string old_text = ProdEnv(FakeAwsKey());
  git.UninstallHook();
  git.CommitFile("config/win.env", kUtf16LeBom + Utf16(old_text, false));
  REQUIRE(git.Push({"HEAD:refs/heads/main"}).exit_code == 0);
  git.InstallHook();
  // An unrelated line, then the same text re-saved as UTF-8: nothing new.
  std::string edited = old_text + "DEBUG=0\n";
  git.CommitFile("config/win.env", kUtf16LeBom + Utf16(edited, false));
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  git.CommitFile("config/win.env", edited);
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  // Back to UTF-16, with a new key on line 5.
  std::string before = git.BareRefs();
  std::string key = FakeAwsKey();
  git.CommitFile("config/win.env",
                 kUtf16BeBom + Utf16(edited + "AWS_ID=" + key + "\n", true));
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  INFO(push.err);
  CHECK(Contains(push.err, "config/win.env:5:8"));
}

TEST_CASE("a key in a commit message stored as UTF-16 is rejected") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  std::string key = FakeAwsKey();
  git.Write("notes.txt", "deployed\n");
  std::string text =
      "Deploy with the new key\n\nAWS_ACCESS_KEY_ID=" + key + "\n";
  CommitRaw(git, "UTF-16", kUtf16LeBom + Utf16(text, false));
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  INFO(push.err);
  CHECK(Contains(push.err, "(commit message):3:19"));
}

TEST_CASE("a NUL byte or an unknown encoding does not hide a message") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  std::string key1 = FakeAwsKey(), key2 = FakeAwsKey();
  git.Write("a.txt", "a\n");
  CommitRaw(
      git, "",
      std::string("Deploy\0", 7) + "\n\nAWS_ACCESS_KEY_ID=" + key1 + "\n");
  git.Write("b.txt", "b\n");
  CommitRaw(git, "X-NO-SUCH-CHARSET",
            "Deploy with the new key\n\nAWS_ACCESS_KEY_ID=" + key2 + "\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key1);
  CheckRedactedAwsFinding(push.err, key2);
}

TEST_CASE("a commit message policy reads a UTF-16 message as text") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "policies:\n  - id: no-wip\n    type: commit_message\n"
      "    must_not_match: '(?i)do not merge'\n");
  std::string before = git.BareRefs();
  git.Write("a.txt", "a\n");
  std::string oid = CommitRaw(git, "UTF-16LE",
                              Utf16("Fix the build\n\nDO NOT MERGE\n", false));
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckPolicyRejection(git, push, before, "no-wip", oid,
                       "message \"Fix the build\" matches the forbidden");
}

TEST_CASE("bidi controls in a path and a ref name are shown escaped") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  const std::string rlo = "\xE2\x80\xAE";  // RIGHT-TO-LEFT OVERRIDE
  std::string key = FakeAwsKey();
  git.CommitFile("docs/" + rlo + "vne.txt", ProdEnv(key));
  CommandResult push = git.Push({"HEAD:refs/heads/fix-" + rlo + "gnp"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.err, key);
  INFO(push.err);
  CHECK(Contains(push.err, "docs/\\u202evne.txt:3:8"));
  CHECK(Contains(push.err, "refs/heads/fix-\\u202egnp"));
  // git's own summary line names the ref as given; the guard's lines do not.
  for (const std::string& line : Lines(push.err)) {
    if (line.starts_with("remote:")) CHECK_FALSE(Contains(line, rlo));
  }
}

}  // namespace pushguard::e2e

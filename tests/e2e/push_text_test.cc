// End-to-end: every place a push carries text besides file content (tag
// messages, taggers, commit identities, ref names, paths, symlink targets)
// is scanned, findings say where, and a secret in a ref name or a path is
// shown redacted in the remote: output and the audit record.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "audit/record.h"
#include "git_fixture.h"
#include "push_checks.h"

namespace pushguard::e2e {
namespace {

// The hook's own lines: what git shows as "remote: ..." (git's own status
// lines quote the pusher's ref names, which are the pusher's to see).
std::string RemoteLines(const std::string& err) {
  std::istringstream in(err);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("remote:")) out += line + "\n";
  }
  return out;
}

std::string ReadAll(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

audit::AuditRecord LastRecord(const GitFixture& git) {
  std::istringstream lines(ReadAll(git.root() / "audit.jsonl"));
  std::string last;
  for (std::string line; std::getline(lines, line);) last = line;
  Result<audit::AuditRecord> r = audit::ParseRecord(last);
  REQUIRE(r.ok());
  return *r;
}

// A rejected push whose remote: lines name `where` and show `key` only
// redacted.
void CheckFoundAt(const GitFixture& git, const CommandResult& push,
                  const std::string& before, const std::string& key,
                  const std::string& where) {
  CheckRejected(git, push, before);
  std::string remote = RemoteLines(push.err);
  CheckRedactedAwsFinding(remote, key);
  INFO(remote);
  CHECK(Contains(remote, where));
}

}  // namespace

TEST_CASE("a secret in an annotated tag's message is rejected, naming it") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  REQUIRE(
      git.Git({"tag", "-a", "v1", "-m", "release\n\nkey=" + key}).exit_code ==
      0);
  std::string tag = git.Git({"rev-parse", "v1"}).out.substr(0, 12);
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"refs/tags/v1"});
  CheckFoundAt(git, push, before, key, "(tag message):3:5");
  std::string remote = RemoteLines(push.err);
  CHECK(Contains(remote, "tag " + tag + " on refs/tags/v1"));
  CHECK(Contains(remote, "delete the tag and create it again"));
}

TEST_CASE("a tag of a tag, and a tag of a blob, have their text scanned") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  REQUIRE(git.Git({"tag", "-a", "inner", "-m", "key " + key}).exit_code == 0);
  REQUIRE(git.Git({"tag", "-a", "outer", "-m", "clean", "inner"}).exit_code ==
          0);
  std::string before = git.BareRefs();
  CheckFoundAt(git, git.Push({"refs/tags/outer"}), before, key,
               "(tag message):1:5");
  REQUIRE(
      git.Git({"tag", "-a", "blob-tag", "-m", "key " + key, "HEAD:README.md"})
          .exit_code == 0);
  CheckFoundAt(git, git.Push({"refs/tags/blob-tag"}), before, key,
               "(tag message)");
}

TEST_CASE("a secret in the tagger or a commit's author is rejected") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  std::string before = git.BareRefs();
  git.SetEnv("GIT_COMMITTER_EMAIL", key + "@example.com");
  REQUIRE(git.Git({"tag", "-a", "v2", "-m", "clean"}).exit_code == 0);
  CheckFoundAt(git, git.Push({"refs/tags/v2"}), before, key, "(tagger):1:");
  git.SetEnv("GIT_COMMITTER_EMAIL", "");
  git.SetEnv("GIT_AUTHOR_NAME", "Pat " + key);
  git.CommitFile("notes.txt", "clean\n");
  CheckFoundAt(git, git.Push({"HEAD:refs/heads/main"}), before, key,
               "(commit author):1:5");
}

TEST_CASE("a secret in an extra commit header is rejected, naming it") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  auto git_out = [&](const std::vector<std::string>& args,
                     const std::string& input) {
    std::vector<std::string> argv = {"git"};
    argv.insert(argv.end(), args.begin(), args.end());
    CommandResult r = Run({argv, git.work(), input, git.Env()});
    REQUIRE(r.exit_code == 0);
    return r.out.substr(0, r.out.find('\n'));
  };
  std::string text = "tree " + git_out({"rev-parse", "HEAD^{tree}"}, "") +
                     "\nparent " + git_out({"rev-parse", "HEAD"}, "") +
                     "\nauthor Pat <pat@example.com> 1700000000 +0000"
                     "\ncommitter Pat <pat@example.com> 1700000000 +0000"
                     "\nx-deploy note\n key " +
                     key + "\n\nclean message\n";
  std::string commit = git_out(
      {"hash-object", "-t", "commit", "--literally", "-w", "--stdin"}, text);
  std::string before = git.BareRefs();
  CheckFoundAt(git, git.Push({commit + ":refs/heads/main"}), before, key,
               "(commit header):2:6");
}

TEST_CASE("a secret in an extra tag header is rejected, naming it") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  std::string head = git.BareRef("refs/heads/main");
  std::string text = "object " + head +
                     "\ntype commit\ntag v9\ntagger Pat <pat@example.com> "
                     "1700000000 +0000\nx-note " +
                     key + "\n\nclean message\n";
  CommandResult tag =
      Run({{"git", "hash-object", "-t", "tag", "--literally", "-w", "--stdin"},
           git.work(),
           text,
           git.Env()});
  REQUIRE(tag.exit_code == 0);
  std::string oid = tag.out.substr(0, tag.out.find('\n'));
  REQUIRE(git.Git({"update-ref", "refs/tags/v9", oid}).exit_code == 0);
  std::string before = git.BareRefs();
  CheckFoundAt(git, git.Push({"refs/tags/v9"}), before, key,
               "(tag header):1:8");
}

TEST_CASE("a secret in a new ref name is rejected, and redacted everywhere") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  for (std::string ref :
       {"refs/heads/fix-" + key, "refs/notes/" + key, "refs/custom/" + key}) {
    INFO(ref);
    std::string before = git.BareRefs();
    CommandResult push = git.Push({"HEAD:" + ref});
    CheckFoundAt(git, push, before, key, "(ref name):1:");
    CHECK(Contains(RemoteLines(push.err), "the name of the ref refs/"));
    CHECK(Contains(RemoteLines(push.err), "push to a ref whose name"));
    audit::AuditRecord r = LastRecord(git);
    REQUIRE(r.refs.size() == 1);
    CHECK_FALSE(Contains(r.refs[0].ref, key));
    CHECK(Contains(r.refs[0].ref, key.substr(0, 4) + "*"));
    CHECK_FALSE(Contains(ReadAll(git.root() / "audit.jsonl"), key));
    CommandResult log = git.Pushguard({"log"});
    CHECK_FALSE(Contains(log.Output(), key));
  }
}

TEST_CASE("a secret in a file path is rejected, and redacted everywhere") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  git.CommitFile("config/" + key + "/settings.txt", "clean\n");
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckFoundAt(git, push, before, key, "(path) config/" + key.substr(0, 4));
  audit::AuditRecord r = LastRecord(git);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].path.starts_with("(path) config/AKIA*"));
  CHECK_FALSE(Contains(ReadAll(git.root() / "audit.jsonl"), key));
  CHECK_FALSE(Contains(git.Pushguard({"log"}).Output(), key));
}

TEST_CASE("a secret in a path also redacts the path of a content finding") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  git.CommitFile(key + ".env", ProdEnv(FakeAwsKey()));
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK_FALSE(Contains(push.err, key));
  CHECK_FALSE(Contains(ReadAll(git.root() / "audit.jsonl"), key));
}

TEST_CASE("a secret as a symlink's target is rejected") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  std::filesystem::create_symlink("/run/keys/" + key, git.work() / "link");
  git.Commit("link");
  std::string before = git.BareRefs();
  CheckFoundAt(git, git.Push({"HEAD:refs/heads/main"}), before, key, "link:1");
}

TEST_CASE("an existing ref or path holding a secret does not block again") {
  GitFixture git;
  PushCleanMain(git);
  git.UninstallHook();
  std::string key = FakeAwsKey();
  git.CommitFile("dir-" + key + "/a.txt", "one\n");
  REQUIRE(git.Push({"HEAD:refs/heads/old-" + key}).exit_code == 0);
  git.InstallHook();
  git.CommitFile("dir-" + key + "/a.txt", "two\n");
  CommandResult push = git.Push({"HEAD:refs/heads/old-" + key});
  CheckAccepted(push);
  CHECK_FALSE(Contains(RemoteLines(push.err), key));
}

}  // namespace pushguard::e2e

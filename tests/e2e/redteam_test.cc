// End-to-end red-team routes: a pusher who wants a (fake) secret in the
// server's history, default configuration, real pushes. Each case asserts
// the push is refused and no ref moved.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "git_fixture.h"
#include "push_checks.h"
#include "raw_receive_pack.h"

namespace pushguard::e2e {
namespace {

const std::string kZero(40, '0');
const std::string kEmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

// `git ARGS` in the working clone with `input`; REQUIREs success and gives
// the first line of its output.
std::string GitLine(const GitFixture& git, const std::vector<std::string>& args,
                    const std::string& input = "") {
  std::vector<std::string> argv = {"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult r = Run({argv, git.work(), input, git.Env()});
  INFO(r.Output());
  REQUIRE(r.exit_code == 0);
  return r.out.substr(0, r.out.find('\n'));
}

// Writes an object of `type` exactly as `text` says (git checks nothing).
std::string HashLiterally(const GitFixture& git, const std::string& type,
                          const std::string& text) {
  return GitLine(
      git, {"hash-object", "-t", type, "--literally", "-w", "--stdin"}, text);
}

// The `git ls-tree` lines of HEAD's tree plus `extra` (mktree input lines).
std::string TreeWith(const GitFixture& git, const std::string& extra) {
  CommandResult r = git.Git({"ls-tree", "HEAD"});
  REQUIRE(r.exit_code == 0);
  return r.out + extra;
}

std::string MakeTree(const GitFixture& git, const std::string& lines) {
  return GitLine(git, {"mktree", "--missing"}, lines);
}

std::string CommitTree(const GitFixture& git, const std::string& tree,
                       const std::string& parent) {
  return GitLine(git, {"commit-tree", tree, "-p", parent, "-m", "change"});
}

// A commit on top of HEAD whose raw headers (after tree and parent) are
// `headers`; the message is clean.
std::string RawCommit(const GitFixture& git, const std::string& headers) {
  std::string text = "tree " + GitLine(git, {"rev-parse", "HEAD^{tree}"}) +
                     "\nparent " + GitLine(git, {"rev-parse", "HEAD"}) + "\n" +
                     headers + "\nclean message\n";
  return HashLiterally(git, "commit", text);
}

void CheckCommitRefused(GitFixture& git, const std::string& commit) {
  std::string before = git.BareRefs();
  CommandResult push = git.Push({commit + ":refs/heads/main"});
  INFO(push.Output());
  CheckRejected(git, push, before);
}

// An annotated tag of main whose raw text is `text` (object line first),
// pushed as refs/tags/v9.
void CheckTagRefused(GitFixture& git, const std::string& text) {
  std::string head = git.BareRef("refs/heads/main");
  std::string tag = HashLiterally(git, "tag", "object " + head + "\n" + text);
  REQUIRE(git.Git({"update-ref", "refs/tags/v9", tag}).exit_code == 0);
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"refs/tags/v9"});
  INFO(push.Output());
  CheckRejected(git, push, before);
}

const char kIdent[] = "Pat <pat@example.com> 1700000000 +0000";

}  // namespace

// Route: HoldsBlob's path lookup in history does not check the entry's
// mode. A first (clean) push adds a gitlink at `cfg` whose "commit id" is
// the id of a blob holding the secret, and carries that blob unreferenced
// in its pack; a second push turns `cfg` into a file with that blob: the
// finding is dropped as "history holds this blob at this path".
TEST_CASE("redteam: a gitlink naming a planted blob does not make it old") {
  GitFixture git;
  std::string main = PushCleanMain(git);
  std::string key = FakeAwsKey();
  std::string content = ProdEnv(key);
  std::string blob = GitLine(git, {"hash-object", "--stdin"}, content);
  std::string with_link = CommitTree(
      git, MakeTree(git, TreeWith(git, "160000 commit " + blob + "\tcfg\n")),
      main);
  REQUIRE(GitLine(git, {"hash-object", "-w", "--stdin"}, content) == blob);
  std::vector<std::string> objects = ObjectsOf(git, with_link);
  objects.push_back(blob);
  CommandResult first =
      RawPush(git, {{main, with_link, "refs/heads/main"}}, objects);
  INFO(first.Output());
  REQUIRE(git.BareRef("refs/heads/main") == with_link);
  REQUIRE(git.BareGit({"cat-file", "-e", blob}).exit_code == 0);

  std::string file = CommitTree(
      git, MakeTree(git, TreeWith(git, "100644 blob " + blob + "\tcfg\n")),
      with_link);
  CheckCommitRefused(git, file);
}

// Route: gitlinks are not blobs, so a gitlink's path is never scanned.
TEST_CASE("redteam: a secret in the path of a gitlink is refused") {
  GitFixture git;
  std::string main = PushCleanMain(git);
  std::string key = FakeAwsKey();
  std::string tree = MakeTree(
      git, TreeWith(git, "160000 commit " + main + "\tmod-" + key + "\n"));
  CheckCommitRefused(git, CommitTree(git, tree, main));
}

// Route: a directory holding only an empty tree adds no blob, so its name
// is never scanned.
TEST_CASE("redteam: a secret in the name of an empty directory is refused") {
  GitFixture git;
  std::string main = PushCleanMain(git);
  std::string key = FakeAwsKey();
  REQUIRE(GitLine(git, {"mktree"}) == kEmptyTree);
  std::string tree = MakeTree(
      git, TreeWith(git, "040000 tree " + kEmptyTree + "\tdir-" + key + "\n"));
  CheckCommitRefused(git, CommitTree(git, tree, main));
}

// Route: only the first author line is read (libgit2's parse), and only
// "Name <email>" of it; "author" is not an "other" header.
TEST_CASE("redteam: a secret in a second author header is refused") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  CheckCommitRefused(
      git, RawCommit(git, std::string("author ") + kIdent + "\ncommitter " +
                              kIdent + "\nauthor " + key +
                              " <pat@example.com> 1700000000 +0000\n"));
}

TEST_CASE("redteam: a secret after the author's date is refused") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  CheckCommitRefused(
      git, RawCommit(git, std::string("author ") + kIdent + " " + key +
                              "\ncommitter " + kIdent + "\n"));
}

// Route: the gpgsig header is never scanned (nor checked to be a signature).
TEST_CASE("redteam: a secret inside a commit's gpgsig header is refused") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  CheckCommitRefused(
      git,
      RawCommit(git, std::string("author ") + kIdent + "\ncommitter " + kIdent +
                         "\ngpgsig -----BEGIN PGP SIGNATURE-----\n " + key +
                         "\n -----END PGP SIGNATURE-----\n"));
}

// Route: a tag message is cut at its last signature start line, whatever
// follows it.
TEST_CASE("redteam: a secret after a signature line of a tag is refused") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  CheckTagRefused(git, std::string("type commit\ntag v9\ntagger ") + kIdent +
                           "\n\nrelease\n-----BEGIN PGP SIGNATURE-----\n" +
                           key + "\n-----END PGP SIGNATURE-----\n");
}

// Route: of several "tag" header lines only the last is scanned; "type"
// lines never are.
TEST_CASE("redteam: a secret in a repeated tag header is refused") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  SUBCASE("an earlier tag line") {
    CheckTagRefused(git, "type commit\ntag " + key + "\ntagger " + kIdent +
                             "\ntag v9\n\nrelease\n");
  }
  SUBCASE("a second type line") {
    CheckTagRefused(git, std::string("type commit\ntag v9\ntagger ") + kIdent +
                             "\ntype " + key + "\n\nrelease\n");
  }
  SUBCASE("after the tagger's date") {
    CheckTagRefused(git, std::string("type commit\ntag v9\ntagger ") + kIdent +
                             " " + key + "\n\nrelease\n");
  }
}

// Route: UTF-16 without a byte order mark is recognized only when most code
// units are ASCII; a file of mostly CJK text hid an ASCII key stored as
// UTF-16LE (a NUL after each letter) from the matcher. Closed: content with
// NUL bytes is also read through its UTF-16 text runs (policy/match_text.h).
TEST_CASE("redteam: a key in BOM-less UTF-16 of mostly non-ASCII text") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  std::string text;
  for (int i = 0; i < 200; ++i) text += "\xe5\x65";  // U+65E5, little-endian
  text += std::string("\n\0", 2);
  for (char c : "AWS_ACCESS_KEY_ID=" + key + "\n") text += {c, '\0'};
  for (int i = 0; i < 200; ++i) text += "\xe5\x65";
  git.CommitFile("notes/readme.txt", text, "notes");
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  INFO(push.Output());
  CheckRejected(git, push, before);
}

// Refused correctly (regression): a merge whose resolution keeps the secret
// blob at a path where its other parent has the same blob, executable; that
// parent is new too, so it is scanned itself.
TEST_CASE("redteam: a merge taking a secret blob from a new side parent") {
  GitFixture git;
  std::string main = PushCleanMain(git);
  std::string key = FakeAwsKey();
  std::string blob =
      GitLine(git, {"hash-object", "-w", "--stdin"}, ProdEnv(key));
  std::string side = CommitTree(
      git, MakeTree(git, TreeWith(git, "100755 blob " + blob + "\tcfg\n")),
      main);
  std::string merge = GitLine(
      git, {"commit-tree",
            MakeTree(git, TreeWith(git, "100644 blob " + blob + "\tcfg\n")),
            "-p", main, "-p", side, "-m", "merge"});
  CheckCommitRefused(git, merge);
}

// Refused correctly (regression): a note is a blob of a commit on
// refs/notes/commits.
TEST_CASE("redteam: a secret in a git note is refused") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  REQUIRE(git.Git({"notes", "add", "-m", "AWS_ID=" + key}).exit_code == 0);
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"refs/notes/commits"});
  INFO(push.Output());
  CheckRejected(git, push, before);
}

}  // namespace pushguard::e2e

namespace pushguard::e2e {

// A file at an allowlisted path is renamed, in the same push, to a path
// that is not: the rename's source must not vouch for the secret (it was
// never judged there).
TEST_CASE("redteam: a secret renamed out of an allowlisted path is refused") {
  GitFixture git;
  git.SetPolicy("allowlist:\n  paths: ['fixtures/**']\n");
  PushCleanMain(git);
  git.CommitFile("fixtures/aws.env", ProdEnv(FakeAwsKey()), "fixture");
  REQUIRE(git.Git({"mv", "fixtures/aws.env", "prod.env"}).exit_code == 0);
  git.Commit("move the config");
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  INFO(push.Output());
  CheckRejected(git, push, before);
  CHECK(push.Output().find("prod.env") != std::string::npos);
}

}  // namespace pushguard::e2e

namespace pushguard::e2e {

// The parent's version holds the key's characters, but not as a key (inside
// a longer word, so no rule matches there); the next commit of the same
// push cuts the key out. The parent vouches only for a secret it holds as a
// finding of the same rule.
TEST_CASE("redteam: a key cut out of a longer word in the parent is refused") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  git.CommitFile("config.env", "ID=X" + key + "X\n", "an opaque id");
  git.CommitFile("config.env", "ID=" + key + "\n", "trim it");
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  INFO(push.Output());
  CheckRejected(git, push, before);
  CHECK(push.Output().find("config.env") != std::string::npos);
}

// A key the parent holds as a finding is not new: moving its line is no
// leak.
TEST_CASE("a key the parent already holds is not refused again") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  git.SetPolicy("rules:\n  - id: aws-access-key-id\n    mode: warn\n");
  git.CommitFile("config.env", "ID=" + key + "\n", "a key (warned)");
  CommandResult first = git.Push({"HEAD:refs/heads/main"});
  INFO(first.Output());
  REQUIRE(first.exit_code == 0);
  git.SetPolicy("");
  git.CommitFile("config.env", "# moved\n\nID=" + key + "\n", "move it");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  INFO(push.Output());
  CHECK(push.exit_code == 0);
}

}  // namespace pushguard::e2e

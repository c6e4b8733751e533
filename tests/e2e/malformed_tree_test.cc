// End-to-end: trees git fsck refuses, hand-built with `git hash-object
// --literally` and pushed with real git into a server that does not set
// receive.fsckObjects (git's default). The guard refuses each outright,
// whatever on_error says, and names the tree, the path and the problem.
#include <doctest/doctest.h>

#include <string>

#include "git_fixture.h"
#include "push_checks.h"

namespace pushguard::e2e {
namespace {

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// `git ARGS` in the working clone with `input` on stdin; REQUIREs success.
std::string GitIn(const GitFixture& git, std::vector<std::string> args,
                  const std::string& input) {
  args.insert(args.begin(), "git");
  CommandResult r = Run({args, git.work(), input, git.Env()});
  INFO(r.Output());
  REQUIRE(r.exit_code == 0);
  return Trimmed(r.out);
}

std::string WriteBlob(const GitFixture& git, const std::string& content) {
  return GitIn(git, {"hash-object", "-w", "--stdin"}, content);
}

std::string Binary(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return out;
}

struct RawEntry {
  std::string mode;
  std::string name;
  std::string oid;
};

// A tree object holding exactly `entries`, in this order, unchecked.
std::string WriteTree(const GitFixture& git,
                      const std::vector<RawEntry>& entries) {
  std::string data;
  for (const RawEntry& e : entries) {
    data += e.mode + " " + e.name + std::string(1, '\0') + Binary(e.oid);
  }
  return GitIn(
      git, {"hash-object", "-t", "tree", "--literally", "-w", "--stdin"}, data);
}

// A commit of `tree` on top of the working clone's HEAD.
std::string CommitTree(const GitFixture& git, const std::string& tree) {
  std::string head = GitIn(git, {"rev-parse", "HEAD"}, "");
  return GitIn(git, {"commit-tree", tree, "-p", head, "-m", "hand-made"}, "");
}

// Some line of `output`, trailing blanks dropped, is exactly `line` (git
// pads remote: lines with spaces).
bool HasLine(const std::string& output, const std::string& line) {
  size_t at = 0;
  while (at < output.size()) {
    size_t end = output.find('\n', at);
    if (end == std::string::npos) end = output.size();
    std::string l = output.substr(at, end - at);
    while (!l.empty() && (l.back() == ' ' || l.back() == '\r')) l.pop_back();
    if (l == line) return true;
    at = end + 1;
  }
  return false;
}

struct Case {
  std::string what;
  std::vector<RawEntry> entries;  // "B" = a harmless blob, "T" = a subtree
  std::string path;               // where the problem is
  std::string problem;
};

}  // namespace

TEST_CASE("trees git fsck refuses are rejected, naming tree, path, problem") {
  GitFixture git;
  PushCleanMain(git);
  std::string harmless = WriteBlob(git, "harmless\n");
  std::string secret = WriteBlob(git, ProdEnv(FakeAwsKey()));
  std::string sub = WriteTree(git, {{"100644", "x", harmless}});
  const Case cases[] = {
      {"a duplicate name hides the second entry",
       {{"100644", "config.env", harmless}, {"100644", "config.env", secret}},
       "config.env",
       "duplicate entry 'config.env' (git fsck: duplicateEntries)"},
      {"a file and a directory of one name",
       {{"100644", "a", secret}, {"40000", "a", sub}},
       "a",
       "duplicate entry 'a' (git fsck: duplicateEntries)"},
      {"a .git directory, in another case",
       {{"40000", ".GIT", sub}},
       ".GIT",
       "entry '.GIT' is git's own directory .git on some file systems (git "
       "fsck: hasDotgit)"},
      {"the NTFS short name of .git",
       {{"40000", "git~1", sub}},
       "git~1",
       "entry 'git~1' is git's own directory .git"},
      {"a '..' component",
       {{"40000", "..", sub}},
       "..",
       "entry named '..' (git fsck: hasDotdot)"},
      {"a .gitmodules symlink",
       {{"120000", ".gitmodules", harmless}},
       ".gitmodules",
       "'.gitmodules' is .gitmodules and a symbolic link (git fsck: "
       "gitmodulesSymlink)"},
      {"a zero-padded mode",
       {{"0100644", "a", harmless}},
       "a",
       "zero-padded file mode 0100644 of 'a' (git fsck: zeroPaddedFilemode)"},
      {"entries out of order",
       {{"100644", "b", harmless}, {"100644", "a", secret}},
       "a",
       "entries not sorted: 'b' before 'a' (git fsck: treeNotSorted)"},
      {"a name longer than git allows",
       {{"100644", std::string(5000, 'n'), harmless}},
       std::string(64, 'n') + "...",
       "entry name of 5000 bytes (over 4096) (git fsck: largePathname)"},
      {"a name with a slash",
       {{"100644", "a/b", secret}},
       "a/b",
       "entry name 'a/b' contains '/' (git fsck: fullPathname)"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    std::string tree = WriteTree(git, c.entries);
    // Nested one level down: the path names the directory too.
    std::string root = WriteTree(
        git, {{"100644", "README.md", harmless}, {"40000", "d", tree}});
    std::string commit = CommitTree(git, root);
    std::string before = git.BareRefs();
    CommandResult push = git.Push({commit + ":refs/heads/main"});
    CheckRejected(git, push, before);
    INFO(push.err);
    CHECK(Contains(push.err, "[malformed-tree]"));
    CHECK(Contains(push.err, "tree " + tree + ": " + c.problem));
    CHECK(HasLine(push.err, "remote: error:     d/" + c.path));
    CHECK(Contains(push.err, "commit " + commit.substr(0, 12)));
  }
}

TEST_CASE("a malformed tree rejects even with on_error: accept") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy("settings:\n  on_error: accept\n");
  std::string harmless = WriteBlob(git, "harmless\n");
  std::string secret = WriteBlob(git, ProdEnv(FakeAwsKey()));
  // The second tree's name is too long for libgit2 to parse at all: the
  // guard's own reading must still refuse it, not fail and accept.
  const std::vector<RawEntry> trees[] = {
      {{"100644", "config.env", harmless}, {"100644", "config.env", secret}},
      {{"100644", std::string(70000, 'n'), secret}},
  };
  for (const std::vector<RawEntry>& entries : trees) {
    std::string commit = CommitTree(git, WriteTree(git, entries));
    std::string before = git.BareRefs();
    CommandResult push = git.Push({commit + ":refs/heads/main"});
    CheckRejected(git, push, before);
    CHECK(Contains(push.err, "[malformed-tree]"));
  }
}

TEST_CASE("a tag naming a malformed tree is rejected") {
  GitFixture git;
  PushCleanMain(git);
  std::string harmless = WriteBlob(git, "harmless\n");
  std::string tree = WriteTree(
      git,
      {{"40000", ".git", WriteTree(git, {{"100644", "config", harmless}})}});
  GitIn(git, {"tag", "-a", "-m", "a tree", "t1", tree}, "");
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"refs/tags/t1"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "tree " + tree + ": entry '.git'"));
}

TEST_CASE("a well-formed hand-made tree passes") {
  GitFixture git;
  PushCleanMain(git);
  std::string harmless = WriteBlob(git, "harmless\n");
  std::string sub = WriteTree(git, {{"100644", "x", harmless}});
  std::string tree = WriteTree(git, {{"100644", "a.txt", harmless},
                                     {"40000", "a", sub},
                                     {"100644", "b", harmless}});
  CheckAccepted(git.Push({CommitTree(git, tree) + ":refs/heads/main"}));
}

}  // namespace pushguard::e2e

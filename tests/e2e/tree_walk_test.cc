// End-to-end: the one walk of a commit's trees (git::TreeWalker) yields in
// one pass the malformed trees, the names that carry no blob and the blob
// changes, with renames followed and a merge's parents each looked up.
// changes_test checks the blob changes against git's own diff.
#include "git/tree_walk.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "git/repository.h"
#include "git_fixture.h"

namespace pushguard::e2e {
namespace {

std::string Trimmed(const CommandResult& r) {
  INFO(r.Output());
  REQUIRE(r.exit_code == 0);
  std::string s = r.out;
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

std::string GitIn(const GitFixture& git, std::vector<std::string> args,
                  const std::string& input) {
  args.insert(args.begin(), "git");
  return Trimmed(Run({args, git.work(), input, git.Env()}));
}

// A tree object of exactly these "<mode> <name> <hex oid>" entries, in this
// order, unchecked (git mktree would refuse a malformed one).
std::string RawTree(const GitFixture& git,
                    const std::vector<std::vector<std::string>>& entries) {
  std::string data;
  for (const std::vector<std::string>& e : entries) {
    data += e[0] + " " + e[1] + std::string(1, '\0');
    for (size_t i = 0; i + 1 < e[2].size(); i += 2) {
      data += static_cast<char>(std::stoi(e[2].substr(i, 2), nullptr, 16));
    }
  }
  return GitIn(
      git, {"hash-object", "-t", "tree", "--literally", "-w", "--stdin"}, data);
}

git::CommitTrees Walk(const GitFixture& git, const std::string& object,
                      bool tree = false) {
  Result<std::unique_ptr<git::Repository>> repo =
      git::Repository::Open(git.work().string());
  REQUIRE(repo.ok());
  git::TreeWalker walker(**repo);
  git::CommitTrees out;
  Status s = tree ? walker.Tree(object, &out) : walker.Commit(object, &out);
  INFO(s.message());
  REQUIRE(s.ok());
  return out;
}

const git::BlobChange* Find(const git::CommitTrees& trees,
                            const std::string& path) {
  for (const git::BlobChange& c : trees.changes) {
    if (c.path == path) return &c;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("one walk yields malformed trees, names without a blob, changes") {
  GitFixture git;
  git.Write("README.md", "hello\n");
  std::string base = git.Commit("base");
  std::string readme = GitIn(git, {"rev-parse", base + ":README.md"}, "");
  std::string blob = GitIn(git, {"hash-object", "-w", "--stdin"}, "new\n");
  std::string empty = GitIn(git, {"mktree"}, "");
  std::string dup =
      RawTree(git, {{"100644", "x", blob}, {"100644", "x", readme}});
  std::string root = RawTree(git, {{"100644", "README.md", readme},
                                   {"40000", "d", dup},
                                   {"40000", "empty", empty},
                                   {"100644", "new.txt", blob},
                                   {"160000", "sub", base}});
  std::string commit =
      GitIn(git, {"commit-tree", root, "-p", base, "-m", "bad"}, "");

  git::CommitTrees trees = Walk(git, commit);
  REQUIRE(trees.malformed.size() == 1);
  CHECK(trees.malformed[0].tree == dup);
  CHECK(trees.malformed[0].path == "d/x");
  CHECK(trees.malformed[0].message ==
        "tree " + dup + ": duplicate entry 'x' (git fsck: duplicateEntries)");
  std::vector<std::string> bare = trees.bare_names;
  std::sort(bare.begin(), bare.end());
  CHECK(bare == std::vector<std::string>{"empty", "sub"});
  const git::BlobChange* added = Find(trees, "new.txt");
  REQUIRE(added != nullptr);
  CHECK(added->blob == blob);
  CHECK(added->parent_blobs == std::vector<std::string>{""});
  CHECK(added->new_path);
  CHECK(Find(trees, "README.md") == nullptr);  // the parent's own
  CHECK(Find(trees, "sub") == nullptr);        // a gitlink is no blob

  // A tree a parent already has at the same path is neither checked nor
  // named again: only the edit is new.
  std::string edited = GitIn(git, {"hash-object", "-w", "--stdin"}, "new 2\n");
  std::string root2 = RawTree(git, {{"100644", "README.md", readme},
                                    {"40000", "d", dup},
                                    {"40000", "empty", empty},
                                    {"100644", "new.txt", edited},
                                    {"160000", "sub", base}});
  std::string next =
      GitIn(git, {"commit-tree", root2, "-p", commit, "-m", "edit"}, "");
  git::CommitTrees only_edit = Walk(git, next);
  CHECK(only_edit.malformed.empty());
  CHECK(only_edit.bare_names.empty());
  REQUIRE(only_edit.changes.size() == 1);
  CHECK(only_edit.changes[0].path == "new.txt");
  CHECK(only_edit.changes[0].parent_blobs == std::vector<std::string>{blob});
  CHECK_FALSE(only_edit.changes[0].new_path);
  // A commit whose tree is its parent's brings nothing.
  std::string same =
      GitIn(git, {"commit-tree", root2, "-p", next, "-m", "same"}, "");
  git::CommitTrees none = Walk(git, same);
  CHECK(none.malformed.empty());
  CHECK(none.bare_names.empty());
  CHECK(none.changes.empty());
}

TEST_CASE("a root commit and a tagged tree bring every blob, links marked") {
  GitFixture git;
  git.Write("a.txt", "a\n");
  git.Write("d/b.txt", "b\n");
  std::filesystem::create_symlink("a.txt", git.work() / "link");
  std::string root = git.Commit("root");
  for (bool tree : {false, true}) {
    git::CommitTrees trees =
        Walk(git, tree ? GitIn(git, {"rev-parse", root + "^{tree}"}, "") : root,
             tree);
    REQUIRE(trees.changes.size() == 3);
    CHECK(trees.changes[0].path == "a.txt");  // sorted by path
    CHECK(trees.changes[1].path == "d/b.txt");
    CHECK(trees.changes[2].path == "link");
    for (const git::BlobChange& c : trees.changes) {
      CHECK(c.parent_blobs.empty());
      CHECK(c.new_path);
      CHECK(c.symlink == (c.path == "link"));
    }
  }
}

TEST_CASE("a merge that renames keeps the source, each parent looked up") {
  GitFixture git;
  std::string body;
  for (int i = 0; i < 20; ++i) body += "line " + std::to_string(i) + "\n";
  git.Write("keep.txt", body);
  git.Write("b.txt", "b\n");
  git.Commit("base");
  REQUIRE(git.Git({"checkout", "-q", "-b", "side"}).exit_code == 0);
  git.Write("b.txt", "side b\n");
  git.Commit("side");
  REQUIRE(git.Git({"checkout", "-q", "-"}).exit_code == 0);
  git.Write("c.txt", "main c\n");
  git.Commit("main");
  REQUIRE(git.Git({"merge", "-q", "--no-commit", "side"}).exit_code == 0);
  REQUIRE(git.Git({"mv", "keep.txt", "kept.txt"}).exit_code == 0);
  git.Write("kept.txt", body + "one more\n");
  std::string merge = git.Commit("merge that renames");
  std::string old_keep = GitIn(git, {"rev-parse", "HEAD^1:keep.txt"}, "");

  git::CommitTrees trees = Walk(git, merge);
  // b.txt is the side's version: it differs from the first parent only.
  REQUIRE(trees.changes.size() == 1);
  const git::BlobChange& c = trees.changes[0];
  CHECK(c.path == "kept.txt");
  CHECK(c.source_path == "keep.txt");
  CHECK(c.parent_blobs == std::vector<std::string>{old_keep, ""});
  CHECK(c.new_path);
}

}  // namespace pushguard::e2e

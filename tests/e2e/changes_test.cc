// End-to-end: what each commit changes (git::TreeWalker, the input of the
// secret scan and the file policies) agrees with `git diff-tree -r -M` for
// additions, edits, mode changes, new nested directories, names that sort
// around a directory's, symlinks, renames, deletions and changes of type.
#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "git/repository.h"
#include "git/tree_walk.h"
#include "git_fixture.h"

namespace pushguard::e2e {
namespace {

// (path, blob, blob in the parent or "") for every blob the commit adds or
// modifies.
using Change = std::tuple<std::string, std::string, std::string>;

bool IsBlobMode(const std::string& mode) {
  return mode == "100644" || mode == "100755" || mode == "120000";
}

// The oracle: git's own diff against the first parent, with renames.
// A change of type (T) is a new file to pushguard: nothing of it was there.
std::set<Change> GitDiffTree(const GitFixture& git, const std::string& commit) {
  CommandResult r = git.Git({"diff-tree", "-r", "-M", "--raw", "--no-abbrev",
                             "--no-commit-id", commit + "^", commit});
  REQUIRE(r.exit_code == 0);
  std::set<Change> out;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    // :old_mode new_mode old_oid new_oid status\tpath[\tnew_path]
    std::istringstream fields(line.substr(1));
    std::string old_mode, new_mode, old_oid, new_oid, status_and_paths;
    fields >> old_mode >> new_mode >> old_oid >> new_oid;
    std::getline(fields, status_and_paths);
    size_t tab = status_and_paths.find('\t');
    std::string status = status_and_paths.substr(1, tab - 1);
    std::string path = status_and_paths.substr(tab + 1);
    if (size_t second = path.find('\t'); second != std::string::npos) {
      path = path.substr(second + 1);  // a rename: the new path
    }
    if (status == "D" || !IsBlobMode(new_mode)) continue;
    bool added = status == "A" || status == "T" || !IsBlobMode(old_mode);
    out.emplace(path, new_oid, added ? "" : old_oid);
  }
  return out;
}

std::set<Change> Changed(const GitFixture& git, const std::string& commit) {
  Result<std::unique_ptr<git::Repository>> repo =
      git::Repository::Open(git.work().string());
  REQUIRE(repo.ok());
  git::CommitTrees trees;
  REQUIRE(git::TreeWalker(**repo).Commit(commit, &trees).ok());
  std::set<Change> out;
  for (const git::BlobChange& c : trees.changes) {
    REQUIRE(c.parent_blobs.size() == 1);
    out.emplace(c.path, c.blob, c.parent_blobs[0]);
  }
  return out;
}

void CheckAgrees(const GitFixture& git, const std::string& commit,
                 size_t expected_changes) {
  std::set<Change> ours = Changed(git, commit);
  std::set<Change> theirs = GitDiffTree(git, commit);
  CHECK(ours == theirs);
  CHECK(ours.size() == expected_changes);
}

}  // namespace

TEST_CASE("the blobs each commit changes agree with git diff-tree") {
  GitFixture git;
  for (const char* path :
       {"a.txt", "a-b", "a0", "a/x.txt", "a/deep/y.txt", "b/c/d.txt",
        "b/c/e.txt", "big/1.txt", "big/2.txt", "z"}) {
    git.Write(path, std::string("first version of ") + path + "\n");
  }
  git.Commit("root");

  // Edits beside and inside a directory whose name sorts among them, a new
  // file in an old directory and a new nested directory.
  git.Write("a0", "second a0\n");
  git.Write("a/deep/y.txt", "second y\n");
  git.Write("a/new.txt", "new in a\n");
  git.Write("n/e/w/file.txt", "new nested\n");
  CheckAgrees(git, git.Commit("edits"), 4);

  // A mode change only: the same blob, modified.
  std::filesystem::permissions(git.work() / "b/c/d.txt",
                               std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  CheckAgrees(git, git.Commit("chmod"), 1);

  // A symbolic link and a file in a new deep directory.
  std::filesystem::create_symlink("b/c/e.txt", git.work() / "link");
  git.Write("q/r/s/t/u.txt", "deep\n");
  CheckAgrees(git, git.Commit("link"), 2);

  // A deletion beside an edit.
  REQUIRE(git.Git({"rm", "-q", "big/2.txt"}).exit_code == 0);
  git.Write("a.txt", "second a.txt\n");
  CheckAgrees(git, git.Commit("delete"), 1);

  // A deletion and a rename with an edit: rename detection applies.
  REQUIRE(git.Git({"rm", "-q", "z"}).exit_code == 0);
  REQUIRE(git.Git({"mv", "big/1.txt", "moved.txt"}).exit_code == 0);
  git.Write("moved.txt", "first version of big/1.txt\nand one more line\n");
  CheckAgrees(git, git.Commit("rename"), 1);

  // A file that becomes a symbolic link, and a directory that becomes a file.
  std::filesystem::remove(git.work() / "a-b");
  std::filesystem::create_symlink("a0", git.work() / "a-b");
  REQUIRE(git.Git({"rm", "-q", "-r", "b/c"}).exit_code == 0);
  git.Write("b/c", "now a file\n");
  CheckAgrees(git, git.Commit("types"), 2);
}

namespace {

// (path, blob, blob in each parent or "") for a merge.
using MergeChange = std::pair<std::string, std::vector<std::string>>;

// The oracle for merges: `git diff-tree -c`, the paths that differ from
// every parent.
std::set<MergeChange> GitCombined(const GitFixture& git,
                                  const std::string& merge) {
  CommandResult r = git.Git({"diff-tree", "-c", "-r", "--raw", "--no-abbrev",
                             "--no-commit-id", merge});
  REQUIRE(r.exit_code == 0);
  std::set<MergeChange> out;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    // ::mode1 mode2 new_mode oid1 oid2 new_oid status\tpath
    size_t tab = line.find('\t');
    std::istringstream fields(line.substr(2, tab - 2));
    std::vector<std::string> f;
    for (std::string w; fields >> w;) f.push_back(w);
    REQUIRE(f.size() == 7);
    if (!IsBlobMode(f[2])) continue;
    std::vector<std::string> v = {f[5]};
    for (int i = 0; i < 2; ++i) {
      v.push_back(IsBlobMode(f[i]) ? f[3 + i] : "");
    }
    out.emplace(line.substr(tab + 1), v);
  }
  return out;
}

std::set<MergeChange> ChangedByMerge(const GitFixture& git,
                                     const std::string& merge) {
  Result<std::unique_ptr<git::Repository>> repo =
      git::Repository::Open(git.work().string());
  REQUIRE(repo.ok());
  git::CommitTrees trees;
  REQUIRE(git::TreeWalker(**repo).Commit(merge, &trees).ok());
  std::set<MergeChange> out;
  for (const git::BlobChange& c : trees.changes) {
    std::vector<std::string> v = {c.blob};
    for (const std::string& p : c.parent_blobs) {
      v.push_back(p == std::string(40, '0') ? "" : p);
    }
    out.emplace(c.path, v);
  }
  return out;
}

}  // namespace

TEST_CASE("the blobs a merge changes agree with git diff-tree -c") {
  GitFixture git;
  for (const char* path : {"a.txt", "b.txt", "d/c.txt", "d/e.txt"}) {
    git.Write(path, std::string("1\n2\n3\n4\n5\n6\n") + path);
  }
  std::string base = git.Commit("base");
  REQUIRE(git.Git({"checkout", "-q", "-b", "side"}).exit_code == 0);
  git.Write("a.txt", "1\nside\n3\n4\n5\n6\na.txt");
  git.Write("d/c.txt", "side only\n");
  git.Write("only-side.txt", "new on side\n");
  git.Commit("side");
  REQUIRE(git.Git({"checkout", "-q", "-"}).exit_code == 0);
  git.Write("a.txt", "1\n2\n3\n4\nmain\n6\na.txt");
  git.Write("b.txt", "main only\n");
  git.Commit("main");
  // A clean merge takes each side's files: nothing differs from both.
  REQUIRE(git.Git({"merge", "-q", "--no-edit", "side"}).exit_code == 0);
  std::string clean = git.Git({"rev-parse", "HEAD"}).out.substr(0, 40);
  CHECK(ChangedByMerge(git, clean) == GitCombined(git, clean));
  // An evil merge: content in the resolution that neither side had, in an
  // old file, a file one side added, and a new file.
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
  REQUIRE(git.Git({"merge", "-q", "--no-commit", "side"}).exit_code == 0);
  git.Write("a.txt", "resolved\n");
  git.Write("only-side.txt", "changed in the merge\n");
  git.Write("d/new.txt", "new in the merge\n");
  std::string evil = git.Commit("evil merge");
  std::set<MergeChange> ours = ChangedByMerge(git, evil);
  CHECK(ours == GitCombined(git, evil));
  CHECK(ours.size() == 3);
  (void)base;
}

}  // namespace pushguard::e2e

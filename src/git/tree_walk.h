// The one walk over the trees a commit brings. It reads each tree that
// differs from the first parent's tree at the same path once, from its raw
// bytes (git/tree_check.h), and yields everything the guard needs from
// trees: the problems git fsck would refuse, the names that carry no blob,
// and the blobs the commit adds or modifies.
//
//   TreeWalker walker(repo);
//   CommitTrees trees;
//   Status s = walker.Commit(commit, &trees);
//   // trees.malformed / trees.bare_names / trees.changes, even when !s.ok()
//
// Object ids are lowercase hex. Thread-safety: as Repository (one walker per
// thread, on that thread's Repository).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "git/changes.h"
#include "git/repository.h"
#include "git/tree_check.h"

namespace pushguard::git {

// What a commit's (or a tagged tree's) trees bring.
struct CommitTrees {
  // The problems in the trees it brings: its root tree and every subtree
  // that differs from the subtree at the same path in each parent (a
  // subtree some parent already has was checked with that parent, or is
  // history). Each tree is checked once however many paths it is at.
  std::vector<MalformedTree> malformed;
  // The full path of every entry of those trees that carries no blob (a
  // submodule, an empty directory) and that no parent has at that path with
  // the same id: the path scan of blob paths would otherwise never read
  // these names.
  std::vector<std::string> bare_names;
  // The blobs it adds or modifies relative to its parents, sorted by path
  // (git/changes.h: a root commit or a tree, every blob; a merge, only
  // paths that differ from every parent). Renames from the first parent are
  // followed. Submodule entries (gitlinks) are skipped.
  std::vector<BlobChange> changes;
};

class TreeWalker {
 public:
  explicit TreeWalker(const Repository& repo);
  ~TreeWalker();
  TreeWalker(const TreeWalker&) = delete;
  TreeWalker& operator=(const TreeWalker&) = delete;

  // What `commit`'s trees bring (see CommitTrees). Cost follows the change,
  // not the size of the tree: subtrees the first parent has are not read.
  // Errors: an object cannot be read; the trees expand to more than two
  // million entries (a tree that repeats a subtree level after level). On
  // an error out->malformed still holds every problem found (they are
  // findings whatever the error), out->changes may be incomplete.
  Status Commit(const std::string& commit, CommitTrees* out);

  // The same for `tree` and every tree under it, as a root commit would
  // bring them (for a tag that names a tree).
  Status Tree(const std::string& tree, CommitTrees* out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pushguard::git

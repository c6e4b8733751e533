// libgit2's whole-tree diff with rename detection: the fallback of the
// commit walk (git/tree_walk.h) where its own diff of changed subtrees may
// decide differently (files both deleted and added, whose pairs rename
// detection decides; a change of type; trees out of git's order; trees
// nested deeper than it follows). Internal to git/.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "git/handles.h"

namespace pushguard::git {

// A blob that a tree adds or modifies relative to a base tree.
struct FirstParentChange {
  std::string blob;
  std::string old_blob;     // "" when added
  std::string source_path;  // a rename's or copy's source ("": none)
  bool symlink = false;
  bool new_path = false;  // added, or a rename's or copy's destination
};
// By path.
using ChangeMap = std::map<std::string, FirstParentChange>;

// A commit whose trees expand to more entries than this is refused: a few
// hundred bytes of trees that name one subtree twice per level expand to
// 2^depth paths (a checkout would too), and no walk may run unbounded.
constexpr size_t kMaxEntries = 2'000'000;
Status TooManyEntries();

// The blobs `tree` adds or modifies relative to `base` (nullptr: the empty
// tree), renames followed when `base` is set. A blob rename detection
// needs but the store lacks (a partial clone) turns detection off: a
// renamed file is then an added one. Errors: a tree cannot be read, or
// TooManyEntries().
Result<ChangeMap> FullDiff(git_repository* repo, const git_oid* base,
                           const git_oid& tree);

}  // namespace pushguard::git

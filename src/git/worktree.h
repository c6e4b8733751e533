// Read-mostly helpers for the developer's side (pre-commit, pre-push hooks):
// what is staged, and what the remote already has. Object ids are lowercase
// hex.
//
// The staged changes are scanned by the same engine as a push: the index is
// turned into a tree and a commit on top of HEAD, written into the
// repository's *primary* object directory. Callers open the repository with
// that directory pointed at a scratch directory (GIT_OBJECT_DIRECTORY, with
// the real store as GIT_ALTERNATE_OBJECT_DIRECTORIES), so nothing is written
// to the real repository except what git itself does when it finds an object
// it already has (it refreshes the file's mtime).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "git/repository.h"

namespace pushguard::git {

// Where the repository's objects live: <common git dir>/objects (shared by
// linked worktrees). An absolute path.
std::string ObjectsDirectory(const Repository& repo);

// The commit that holds the staged changes.
struct StagedCommit {
  std::string commit;  // its parent is `head`; its tree is the index's
  std::string head;    // the commit HEAD names, "" on an unborn branch
};

// Writes the index (GIT_INDEX_FILE when set, which git uses for
// `git commit -a` and `git commit PATH`) as a tree, and a commit of it whose
// parent is HEAD, into the repository's primary object directory. Fails
// (InvalidArgument) on an index with unresolved conflicts.
Result<StagedCommit> CommitIndex(const Repository& repo);

// The commits the remote-tracking refs of `remote` (refs/remotes/<remote>/*)
// point at, deduplicated. Empty for a remote given as a URL.
Result<std::vector<std::string>> RemoteTrackingCommits(
    const Repository& repo, const std::string& remote);

}  // namespace pushguard::git

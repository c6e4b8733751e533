// Read-mostly helpers for the developer's side (pre-commit, pre-push hooks):
// what is staged, and what the remote already has. Object ids are lowercase
// hex.
//
// The staged changes are scanned by the same engine as a push: the index is
// turned into a tree and a commit on top of HEAD, written into a scratch
// object directory (Repository::UseScratchObjects), so nothing is written
// to the real repository except what git itself does when it finds an object
// it already has (it refreshes the file's mtime).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "git/repository.h"
#include "refs/push_lines.h"

namespace pushguard::git {

// The commit that holds the staged changes.
struct StagedCommit {
  std::string commit;  // its parent is `head`; its tree is the index's
  std::string head;    // the commit HEAD names, "" on an unborn branch
};

// Writes the index (GIT_INDEX_FILE when set, which git uses for
// `git commit -a` and `git commit PATH`) as a tree, and a commit of it whose
// parent is HEAD, into `repo`'s scratch object directory (made first, with
// repo.UseScratchObjects()): they are readable through `repo`, and the
// handles it reopens, as long as `repo` lives. Fails (InvalidArgument) on an
// index with unresolved conflicts.
Result<StagedCommit> CommitIndex(Repository& repo);

// The commits the remote-tracking refs of `remote` (refs/remotes/<remote>/*)
// point at, deduplicated. Empty for a remote given as a URL.
Result<std::vector<std::string>> RemoteTrackingCommits(
    const Repository& repo, const std::string& remote);

// `git rev-list` arguments (ListCommits, git/history.h) for the commits a
// pre-push hook's `lines` send that `remote` does not have yet: every local
// tip, minus what the remote has: its old values where this clone knows
// them, else everything its remote-tracking refs point at. Empty when the
// push only deletes.
Result<std::vector<std::string>> PushedRevisions(
    const Repository& repo, const std::vector<refs::PushLine>& lines,
    const std::string& remote);

}  // namespace pushguard::git

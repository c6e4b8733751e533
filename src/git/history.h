// Which commits a push (or a scan) covers. Object ids are lowercase hex.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "git/repository.h"
#include "refs/ref_update.h"

namespace pushguard::git {

// What a ref points at once tags are peeled.
struct Target {
  ObjectType type = ObjectType::kOther;
  std::string oid;
};

// Peels annotated tags (recursively) down to a commit, tree or blob. An
// unknown object is NotFound.
Result<Target> Peel(const Repository& repo, const std::string& oid);

// What an update (not a create or delete) brings into its ref.
struct Gained {
  // `git rev-list new ^old`, parents first; a force push included. An old
  // value that does not peel to a commit hides nothing; a new value that
  // does not peel to a commit brings none.
  std::vector<std::string> commits;
  // Whether old is an ancestor of new (or the same commit): false for a
  // force push, which drops commits from the ref. Read off `commits` (a
  // gained commit has old as a parent), without another walk. nullopt when
  // old or new does not peel to a commit (IsAncestor() says why).
  std::optional<bool> fast_forward;
};

// What `update` brings into its ref. What is new to the repository as a
// whole is git/push_history.h's to say.
Result<Gained> CommitsGained(const Repository& repo,
                             const refs::RefUpdate& update);

// The commits that `git rev-list REVS...` would list, parents first. Accepts
// revisions ("HEAD", "main", an oid), ranges ("A..B", "A...B"), exclusions
// ("^A") and "--all". Errors name the revision that failed.
Result<std::vector<std::string>> ListCommits(
    const Repository& repo, const std::vector<std::string>& revs);

// A commit's message exactly as stored: every byte after the headers, NULs
// included (libgit2's message accessors stop at the first NUL, which would
// hide the rest of a UTF-16 message), and the value of its `encoding` header,
// "" when there is none (git's default: UTF-8).
struct StoredMessage {
  std::string bytes;
  std::string encoding;
};

// The commit's full message (subject, body and trailers), as stored.
Result<StoredMessage> CommitMessage(const Repository& repo,
                                    const std::string& commit);

}  // namespace pushguard::git

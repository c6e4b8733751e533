// Which commits a push (or a scan) covers. Object ids are lowercase hex.
#pragma once

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

// The commits an update (not a create or delete) brings into its ref:
// `git rev-list new ^old`, parents first; a force push included. An old value
// that does not peel to a commit hides nothing; a new value that does not
// peel to a commit brings none. What is new to the repository as a whole is
// git/push_history.h's to say.
Result<std::vector<std::string>> CommitsGained(const Repository& repo,
                                               const refs::RefUpdate& update);

// The commits that `git rev-list REVS...` would list, parents first. Accepts
// revisions ("HEAD", "main", an oid), ranges ("A..B", "A...B"), exclusions
// ("^A") and "--all". Errors name the revision that failed.
Result<std::vector<std::string>> ListCommits(
    const Repository& repo, const std::vector<std::string>& revs);

// The commit's full message (subject, body and trailers), as stored.
Result<std::string> CommitMessage(const Repository& repo,
                                  const std::string& commit);

}  // namespace pushguard::git

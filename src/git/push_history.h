// The history a push starts from, and what the push adds to it.
//
// "Already in history" means reachable from the refs that exist before the
// push (every ref, every namespace): git's own `rev-list NEW --not --all`.
// Being present in the object store proves nothing: a pack may carry
// objects no ref points to, and alternates (fork networks, object pools)
// hold objects of other repositories. The quarantine is a fast path only:
// what is in it is certainly new; what is outside it is new unless a ref
// reaches it.
//
//   PushHistory history(repo, updates);
//   Result<std::vector<std::string>> fresh = history.NewCommits({tip});
//
// The refs are read once, on first need (pre-receive runs before any ref
// moves, so they are the refs before the push). An update's old value is
// trusted as history only when the ref really has it: the old value on the
// hook's stdin is what the client claimed, and git checks it only after the
// hook accepted, so a false one must not vouch for anything.
//
// Cost: a push whose new commits sit in the quarantine and join history at
// the old value of an updated ref, or at a ref's tip, never lists the refs'
// histories; only a push whose commits join history elsewhere (or reuse
// objects already in the store) pays a walk that hides every ref.
//
// Not thread-safe; uses `repo` (which must outlive it) from one thread.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/status.h"
#include "git/repository.h"
#include "refs/ref_update.h"

namespace pushguard::git {

class PushHistory {
 public:
  PushHistory(const Repository& repo,
              const std::vector<refs::RefUpdate>& updates);

  // The commits reachable from `tips` (commit ids) and from no ref before
  // the push, parents before children. Errors name the commit that could
  // not be read. Walked once per distinct `tips` (a created ref's commits
  // and the push's are the same walk when it is the only ref).
  Result<std::vector<std::string>> NewCommits(
      const std::vector<std::string>& tips);

  // The commits reachable from `tips` and from no ref before the push whose
  // full name `counts` accepts (a ref-scoped policy's own history).
  Result<std::vector<std::string>> CommitsNotReachedBy(
      const std::vector<std::string>& tips,
      const std::function<bool(const std::string& ref)>& counts);

  // True when some ref before the push peels to exactly `oid` (a commit,
  // tree or blob).
  Result<bool> IsRefTarget(const std::string& oid);
  // True when some ref before the push has exactly the value `oid`, unpeeled
  // (an annotated tag object a ref already names).
  Result<bool> IsRefValue(const std::string& oid);

  // True when history before the push provably holds `blob`: it is outside
  // the quarantine, and it is in the tree of a commit where the push's new
  // commits join history (an old value, a boundary commit of NewCommits()),
  // or a file at `path` (not a gitlink) in one of the kAncestors commits
  // before those. False means "not proven": the caller treats the blob as
  // new (fails closed).
  // For findings only: it reads whole trees.
  Result<bool> HoldsBlob(const std::string& blob, const std::string& path);
  static constexpr size_t kAncestors = 1000;

 private:
  struct RefTip {
    std::string name;
    std::string target;  // peeled: a commit, tree or blob id
    bool commit = false;
  };
  Status LoadRefs();
  // Commits of the boundary (outside the quarantine, reached from new
  // commits) that are not proven to be history by the old values or tips.
  Result<std::vector<std::string>> WalkNewCommits(
      const std::vector<std::string>& tips);
  Result<std::vector<std::string>> Unproven(
      const std::unordered_set<std::string>& boundary);

  const Repository& repo_;
  std::unordered_set<std::string> verified_olds_;  // peeled to commits
  std::optional<std::vector<RefTip>> refs_;
  std::unordered_set<std::string> ref_targets_;
  std::unordered_set<std::string> ref_values_;  // unpeeled
  // Commits known to be history where new commits join it.
  std::unordered_set<std::string> anchors_;
  // Anchor -> every blob in its tree (filled on first need).
  std::unordered_map<std::string, std::unordered_set<std::string>> blobs_;
  // NewCommits' answers so far, by `tips`.
  std::map<std::vector<std::string>, std::vector<std::string>> new_commits_;
};

}  // namespace pushguard::git

#include "git/push_history.h"

#include "git/handles.h"
#include "git/history.h"

namespace pushguard::git {
namespace {

Status Push(git_revwalk* walk, const std::string& hex, bool hide) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  int rc = hide ? git_revwalk_hide(walk, &*oid) : git_revwalk_push(walk, &*oid);
  return rc == 0 ? Status::Ok() : GitError(rc, "cannot walk from " + hex);
}

// The walk from the tips hides every commit outside the quarantine and
// remembers it: those are the candidates for the boundary with history.
struct QuarantineWalk {
  const Repository* repo;
  std::unordered_set<std::string> outside;
};

int HideOutsideQuarantine(const git_oid* oid, void* payload) {
  auto* state = static_cast<QuarantineWalk*>(payload);
  std::string hex = OidHex(*oid);
  if (!state->repo->InMainStore(hex)) return 0;
  state->outside.insert(std::move(hex));
  return 1;
}

}  // namespace

PushHistory::PushHistory(const Repository& repo,
                         const std::vector<refs::RefUpdate>& updates)
    : repo_(repo) {
  for (const refs::RefUpdate& u : updates) {
    if (u.change == refs::RefChange::kCreate) continue;
    git_oid actual;
    if (git_reference_name_to_id(&actual, RawRepo(repo_), u.ref.c_str()) != 0 ||
        OidHex(actual) != u.old_oid) {
      continue;  // a claim git will refuse; it vouches for nothing
    }
    Result<Target> target = Peel(repo_, u.old_oid);
    if (target.ok() && target->type == ObjectType::kCommit) {
      verified_olds_.insert(target->oid);
      anchors_.insert(target->oid);
    }
  }
}

Status PushHistory::LoadRefs() {
  if (refs_.has_value()) return Status::Ok();
  std::vector<RefTip> tips;
  git_reference_iterator* it = nullptr;
  if (int rc = git_reference_iterator_new(&it, RawRepo(repo_)); rc != 0) {
    return GitError(rc, "cannot list refs");
  }
  git_reference* ref = nullptr;
  int rc;
  while ((rc = git_reference_next(&ref, it)) == 0) {
    git_reference* resolved = nullptr;
    // A symbolic ref to nothing (an unborn branch) reaches nothing.
    if (git_reference_resolve(&resolved, ref) == 0) {
      const git_oid* id = git_reference_target(resolved);
      if (id != nullptr) ref_values_.insert(OidHex(*id));
      Result<Target> target =
          id != nullptr ? Peel(repo_, OidHex(*id))
                        : Result<Target>(Status::NotFound("no target"));
      // A ref whose object is missing reaches nothing that could vouch.
      if (target.ok()) {
        tips.push_back({git_reference_name(ref), target->oid,
                        target->type == ObjectType::kCommit});
        ref_targets_.insert(target->oid);
      }
      git_reference_free(resolved);
    }
    git_reference_free(ref);
  }
  git_reference_iterator_free(it);
  if (rc != GIT_ITEROVER) return GitError(rc, "cannot list refs");
  // A detached HEAD is history too (`--all` includes it).
  git_reference* head = nullptr;
  if (git_repository_head_detached(RawRepo(repo_)) == 1 &&
      git_repository_head(&head, RawRepo(repo_)) == 0) {
    Result<Target> target = Peel(repo_, OidHex(*git_reference_target(head)));
    if (target.ok()) {
      tips.push_back(
          {"HEAD", target->oid, target->type == ObjectType::kCommit});
      ref_targets_.insert(target->oid);
    }
    git_reference_free(head);
  }
  refs_ = std::move(tips);
  return Status::Ok();
}

Result<bool> PushHistory::IsRefTarget(const std::string& oid) {
  if (Status s = LoadRefs(); !s.ok()) return s;
  return ref_targets_.count(oid) > 0;
}

Result<bool> PushHistory::IsRefValue(const std::string& oid) {
  if (Status s = LoadRefs(); !s.ok()) return s;
  return ref_values_.count(oid) > 0;
}

Result<std::vector<std::string>> PushHistory::Unproven(
    const std::unordered_set<std::string>& boundary) {
  std::vector<std::string> unproven;
  for (const std::string& c : boundary) {
    if (verified_olds_.count(c) == 0) unproven.push_back(c);
  }
  if (unproven.empty()) return unproven;
  if (Status s = LoadRefs(); !s.ok()) return s;
  std::erase_if(unproven,
                [&](const std::string& c) { return ref_targets_.count(c); });
  return unproven;
}

Result<std::vector<std::string>> PushHistory::NewCommits(
    const std::vector<std::string>& tips) {
  if (auto known = new_commits_.find(tips); known != new_commits_.end()) {
    return known->second;
  }
  Result<std::vector<std::string>> commits = WalkNewCommits(tips);
  if (commits.ok()) new_commits_.emplace(tips, *commits);
  return commits;
}

Result<std::vector<std::string>> PushHistory::WalkNewCommits(
    const std::vector<std::string>& tips) {
  if (tips.empty()) return std::vector<std::string>{};
  // 1. The commits in the quarantine, and where they meet the rest.
  QuarantineWalk state{&repo_, {}};
  std::vector<std::string> quarantined;
  {
    Result<RevwalkPtr> walk = NewTopoWalk(RawRepo(repo_));
    if (!walk.ok()) return walk.status();
    git_revwalk_add_hide_cb(walk->get(), HideOutsideQuarantine, &state);
    for (const std::string& tip : tips) {
      if (repo_.InMainStore(tip)) {
        state.outside.insert(tip);
      } else if (Status s = Push(walk->get(), tip, false); !s.ok()) {
        return s;
      }
    }
    Result<std::vector<std::string>> q = DrainWalk(walk->get());
    if (!q.ok()) return q.status();
    quarantined = std::move(*q);
  }
  // The hide callback also sees ancestors of hidden commits: the boundary
  // is the tips outside the quarantine and the outside parents of
  // quarantined commits.
  std::unordered_set<std::string> boundary;
  for (const std::string& tip : tips) {
    if (state.outside.count(tip)) boundary.insert(tip);
  }
  for (const std::string& c : quarantined) {
    Result<std::vector<std::string>> parents = ParentsOf(RawRepo(repo_), c);
    if (!parents.ok()) return parents.status();
    for (std::string& p : *parents) {
      if (state.outside.count(p)) boundary.insert(std::move(p));
    }
  }
  // 2. Every boundary commit that is an old value or a ref's tip is
  // history, and so is all it reaches: the new commits are the quarantine's.
  Result<std::vector<std::string>> unproven = Unproven(boundary);
  if (!unproven.ok()) return unproven.status();
  if (unproven->empty()) {
    anchors_.insert(boundary.begin(), boundary.end());
    return quarantined;
  }
  // 3. Otherwise git's own meaning: reachable from the tips, hidden by
  // every ref.
  Result<std::vector<std::string>> fresh =
      CommitsNotReachedBy(tips, [](const std::string&) { return true; });
  if (!fresh.ok()) return fresh.status();
  std::unordered_set<std::string> is_new(fresh->begin(), fresh->end());
  for (const std::string& b : boundary) {
    if (!is_new.count(b)) anchors_.insert(b);
  }
  return fresh;
}

Result<std::vector<std::string>> PushHistory::CommitsNotReachedBy(
    const std::vector<std::string>& tips,
    const std::function<bool(const std::string& ref)>& counts) {
  if (tips.empty()) return std::vector<std::string>{};
  if (Status s = LoadRefs(); !s.ok()) return s;
  Result<RevwalkPtr> walk = NewTopoWalk(RawRepo(repo_));
  if (!walk.ok()) return walk.status();
  for (const std::string& tip : tips) {
    if (Status s = Push(walk->get(), tip, false); !s.ok()) return s;
  }
  for (const RefTip& ref : *refs_) {
    if (!ref.commit || !counts(ref.name)) continue;
    if (Status s = Push(walk->get(), ref.target, true); !s.ok()) return s;
  }
  return DrainWalk(walk->get());
}

namespace {

int CollectBlob(const char*, const git_tree_entry* entry, void* payload) {
  if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
    static_cast<std::unordered_set<std::string>*>(payload)->insert(
        OidHex(*git_tree_entry_id(entry)));
  }
  return 0;
}

}  // namespace

Result<bool> PushHistory::HoldsBlob(const std::string& blob,
                                    const std::string& path) {
  if (!repo_.InMainStore(blob) || anchors_.empty()) return false;
  for (const std::string& anchor : anchors_) {
    auto it = blobs_.find(anchor);
    if (it == blobs_.end()) {
      Result<git_oid> id = ParseOid(anchor);
      if (!id.ok()) return id.status();
      Result<TreePtr> tree = CommitTree(RawRepo(repo_), *id);
      if (!tree.ok()) return tree.status();
      std::unordered_set<std::string> all;
      if (int rc =
              git_tree_walk(tree->get(), GIT_TREEWALK_PRE, CollectBlob, &all);
          rc != 0) {
        return GitError(rc, "cannot read the tree of " + anchor);
      }
      it = blobs_.emplace(anchor, std::move(all)).first;
    }
    if (it->second.count(blob)) return true;
  }
  Result<RevwalkPtr> walk = NewTopoWalk(RawRepo(repo_));
  if (!walk.ok()) return walk.status();
  git_revwalk_sorting(walk->get(), GIT_SORT_TIME);
  for (const std::string& anchor : anchors_) {
    if (Status s = Push(walk->get(), anchor, false); !s.ok()) return s;
  }
  Result<git_oid> want = ParseOid(blob);
  if (!want.ok()) return want.status();
  git_oid id;
  for (size_t seen = 0;
       seen < kAncestors && git_revwalk_next(&id, walk->get()) == 0; ++seen) {
    Result<TreePtr> tree = CommitTree(RawRepo(repo_), id);
    if (!tree.ok()) return tree.status();
    git_tree_entry* entry = nullptr;
    if (git_tree_entry_bypath(&entry, tree->get(), path.c_str()) != 0) {
      continue;
    }
    // Only a file there holds the blob: a gitlink's id is any 40 hex
    // digits a pusher chose (and names nothing in this repository).
    bool same = git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
                git_oid_equal(git_tree_entry_id(entry), &*want);
    git_tree_entry_free(entry);
    if (same) return true;
  }
  return false;
}

}  // namespace pushguard::git

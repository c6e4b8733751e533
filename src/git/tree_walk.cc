#include "git/tree_walk.h"

#include <optional>
#include <unordered_set>

#include "git/full_diff.h"
#include "git/raw_trees.h"

namespace pushguard::git {
namespace {

// Past this depth the blobs come from libgit2's diff (as they always did);
// the walk goes on checking the new trees.
constexpr size_t kMaxTreeDepth = 1024;

std::string Join(const std::string& dir, std::string_view name) {
  return dir.empty() ? std::string(name) : dir + "/" + std::string(name);
}

// The id of the empty tree, in binary.
std::string_view EmptyTree() {
  static const git_oid oid = [] {
    git_oid id;
    git_oid_fromstr(&id, "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
    return id;
  }();
  return {reinterpret_cast<const char*>(oid.id), GIT_OID_RAWSZ};
}

// An entry whose name no blob carries: a submodule (gitlink) or an empty
// directory. The path scan reads blob paths only, so these are reported.
bool CarriesNoBlob(const RawTreeEntry& e) {
  return e.mode == "160000" || (IsDir(e) && e.oid == EmptyTree());
}

// A tree to visit: where it is, and the trees at the same path in the
// commit's parents (one per parent; none where that parent has no
// directory there).
struct Pending {
  git_oid tree;
  std::string dir;  // "" for the root, else "a/b"
  std::vector<std::optional<git_oid>> parents;
  size_t depth = 0;
  bool is_new = true;  // no parent has this tree at this path
};

// One commit's walk: depth first over the subtrees that differ from the
// first parent's (all of them without one), checking each new tree once
// and collecting the blob changes against the first parent. Where its own
// diff may decide differently from libgit2's (a change of type, trees out
// of git's order, too deep, files both deleted and added: renames), it
// stops collecting and asks for the full diff, and from then on only
// visits the new trees it has not checked (as a check alone would).
class Walk {
 public:
  Walk(RawTreeCache& cache, CommitTrees* out) : cache_(cache), out_(out) {}

  // Errors: an object cannot be read, or TooManyEntries() (the walk still
  // checks every new tree first).
  Status Run(Pending root) {
    stack_.push_back(std::move(root));
    while (!stack_.empty()) {
      Pending p = std::move(stack_.back());
      stack_.pop_back();
      Status s = Visit(p);
      if (!s.ok()) return s;
    }
    return overflow_;
  }

  bool NeedsFullDiff() const { return full_diff_ || (deleted_ && added_); }
  ChangeMap& changes() { return changes_; }

 private:
  Status Visit(const Pending& p);
  void Report(const Pending& p, const RawTree& tree);
  void BareNames(const Pending& p, const RawTree& tree,
                 const std::vector<RawTreePtr>& parents);
  void AddAll(const Pending& p, const RawTree& tree,
              const std::vector<RawTreePtr>& parents);
  void DiffFirstParent(const Pending& p, const RawTree& tree,
                       const std::vector<RawTreePtr>& parents);
  void Push(const Pending& p, const std::vector<RawTreePtr>& parents,
            const RawTreeEntry& e);
  bool Count();
  void StopCollecting() {
    full_diff_ = true;
    collect_ = false;
  }

  RawTreeCache& cache_;
  CommitTrees* out_;
  ChangeMap changes_;
  bool collect_ = true;
  bool full_diff_ = false;
  bool deleted_ = false;
  bool added_ = false;
  size_t visits_ = 0;
  Status overflow_;
  std::unordered_set<git_oid, OidHash, OidEqual> checked_;
  std::vector<Pending> stack_;
};

Status Walk::Visit(const Pending& p) {
  const bool first_check = p.is_new && checked_.insert(p.tree).second;
  if (!collect_ && !first_check) return Status::Ok();
  Result<RawTreePtr> read = cache_.Get(p.tree);
  if (!read.ok()) return read.status();
  const RawTree& tree = **read;
  if (first_check) Report(p, tree);
  if (!tree.parsed.ok()) return Status::Ok();  // nothing under it to read
  std::vector<RawTreePtr> parents(p.parents.size());
  for (size_t k = 0; k < p.parents.size(); ++k) {
    if (!p.parents[k]) continue;
    Result<RawTreePtr> parent = cache_.Get(*p.parents[k]);
    if (!parent.ok()) return parent.status();
    if ((*parent)->parsed.ok()) parents[k] = std::move(*parent);
  }
  if (first_check) BareNames(p, tree, parents);
  const bool diff = !p.parents.empty() && p.parents[0];
  if (collect_ && (p.depth > kMaxTreeDepth || (diff && !parents[0]))) {
    StopCollecting();
  }
  if (collect_ && diff) DiffFirstParent(p, tree, parents);
  if (collect_ && !diff) AddAll(p, tree, parents);
  if (!collect_) {  // only the new trees, each once
    for (const RawTreeEntry& e : tree.entries) {
      if (IsDir(e)) Push(p, parents, e);
    }
  }
  return Status::Ok();
}

void Walk::Report(const Pending& p, const RawTree& tree) {
  const std::string hex = OidHex(p.tree);
  const std::string where = "tree " + hex + ": ";
  if (tree.type != GIT_OBJECT_TREE) {
    out_->malformed.push_back({hex, p.dir,
                               where + "not a tree but a " +
                                   git_object_type2string(tree.type) +
                                   " (git fsck: badTree)"});
  } else if (!tree.parsed.ok()) {
    out_->malformed.push_back(
        {hex, p.dir,
         where + "cannot be parsed as a tree: " + tree.parsed.message() +
             " (git fsck: badTree)"});
  } else {
    for (TreeProblem& problem : CheckTreeEntries(tree.entries)) {
      out_->malformed.push_back(
          {hex, Join(p.dir, problem.name), where + std::move(problem.problem)});
    }
  }
}

void Walk::BareNames(const Pending& p, const RawTree& tree,
                     const std::vector<RawTreePtr>& parents) {
  for (const RawTreeEntry& e : tree.entries) {
    if (!CarriesNoBlob(e)) continue;
    bool old = false;
    for (const RawTreePtr& parent : parents) {
      const RawTreeEntry* there =
          parent ? parent->Find(e.name, IsDir(e)) : nullptr;
      old |= there != nullptr && there->oid == e.oid;
    }
    if (!old) out_->bare_names.push_back(Join(p.dir, e.name));
  }
}

// Queues the subtree `e` of `p`, with the parents' trees at its path.
void Walk::Push(const Pending& p, const std::vector<RawTreePtr>& parents,
                const RawTreeEntry& e) {
  Pending child{EntryOid(e), Join(p.dir, e.name), {}, p.depth + 1, true};
  child.parents.reserve(parents.size());
  for (const RawTreePtr& parent : parents) {
    const RawTreeEntry* there = parent ? parent->Find(e.name, true) : nullptr;
    if (there == nullptr) {
      child.parents.emplace_back();
      continue;
    }
    child.parents.push_back(EntryOid(*there));
    child.is_new = child.is_new && there->oid != e.oid;
  }
  if (!collect_ && (!child.is_new || checked_.count(child.tree))) return;
  stack_.push_back(std::move(child));
}

// Counts one entry against kMaxEntries; past it, stops collecting.
bool Walk::Count() {
  if (++visits_ <= kMaxEntries) return true;
  overflow_ = TooManyEntries();
  collect_ = false;
  return false;
}

// Every blob of a tree the first parent does not have at this path is
// added there.
void Walk::AddAll(const Pending& p, const RawTree& tree,
                  const std::vector<RawTreePtr>& parents) {
  for (const RawTreeEntry& e : tree.entries) {
    if (!Count()) return;
    if (IsDir(e)) {
      Push(p, parents, e);
      continue;
    }
    git_filemode_t mode = NormalizedMode(e);
    if (!IsBlobMode(mode)) continue;  // a submodule holds no blob
    changes_.emplace(Join(p.dir, e.name),
                     FirstParentChange{OidHex(EntryOid(e)), "", "",
                                       mode == GIT_FILEMODE_LINK, true});
  }
}

// The blobs `tree` adds or modifies relative to the first parent's tree at
// the same path: a merge of the two sorted entry lists, descending only
// into subtrees whose ids differ, so the cost follows the change.
void Walk::DiffFirstParent(const Pending& p, const RawTree& tree,
                           const std::vector<RawTreePtr>& parents) {
  const RawTree& base = *parents[0];
  if (!tree.in_git_order || !base.in_git_order) return StopCollecting();
  const std::vector<RawTreeEntry>& b = base.entries;
  const std::vector<RawTreeEntry>& t = tree.entries;
  size_t i = 0, j = 0;
  while (i < b.size() || j < t.size()) {
    if (!Count()) return;
    int order = i == b.size() ? 1 : j == t.size() ? -1 : GitOrder(b[i], t[j]);
    if (order < 0) {
      deleted_ = true;
      ++i;
      continue;
    }
    const RawTreeEntry& e = t[j++];
    const RawTreeEntry* old = nullptr;
    if (order == 0) old = &b[i++];  // the same name, both trees or not
    added_ |= old == nullptr;
    if (old != nullptr && old->oid == e.oid && old->mode == e.mode) continue;
    if (IsDir(e)) {
      Push(p, parents, e);
      continue;
    }
    git_filemode_t mode = NormalizedMode(e);
    bool link = mode == GIT_FILEMODE_LINK;
    if (old == nullptr) {
      if (IsBlobMode(mode)) {
        changes_.emplace(
            Join(p.dir, e.name),
            FirstParentChange{OidHex(EntryOid(e)), "", "", link, true});
      }
      continue;
    }
    git_filemode_t old_mode = NormalizedMode(*old);
    if (old->oid == e.oid && old_mode == mode) continue;
    if (!IsBlobMode(mode) || !IsBlobMode(old_mode) ||
        link != (old_mode == GIT_FILEMODE_LINK)) {
      if (mode == GIT_FILEMODE_COMMIT && old_mode == GIT_FILEMODE_COMMIT) {
        continue;  // a submodule moved: no blob
      }
      return StopCollecting();  // a change of type
    }
    changes_.emplace(
        Join(p.dir, e.name),
        FirstParentChange{OidHex(EntryOid(e)), OidHex(EntryOid(*old)), "", link,
                          false});
  }
}

}  // namespace

struct TreeWalker::Impl {
  const Repository& repo;
  RawTreeCache cache;

  // The walk from `root` and its blob changes against `parents` (the
  // parents' root trees).
  Status Run(const git_oid& root, const std::vector<git_oid>& parents,
             CommitTrees* out);
};

namespace {

std::vector<BlobChange> NoMergeFilter(ChangeMap changes, bool root) {
  std::vector<BlobChange> out;
  out.reserve(changes.size());
  for (auto& [path, c] : changes) {
    std::vector<std::string> parent_blobs;
    if (!root) parent_blobs.push_back(std::move(c.old_blob));
    out.push_back({path, std::move(c.blob), std::move(parent_blobs),
                   std::move(c.source_path), c.symlink, c.new_path});
  }
  return out;
}

}  // namespace

Status TreeWalker::Impl::Run(const git_oid& root,
                             const std::vector<git_oid>& parents,
                             CommitTrees* out) {
  Pending start{root, "", {}, 0, true};
  for (const git_oid& parent : parents) {
    // The commit's tree is a parent's: it brings nothing.
    if (git_oid_equal(&parent, &root)) return Status::Ok();
    start.parents.push_back(parent);
  }
  Walk walk(cache, out);
  Status s = walk.Run(std::move(start));
  if (!s.ok()) return s;
  ChangeMap changes;
  if (walk.NeedsFullDiff()) {
    Result<ChangeMap> full =
        FullDiff(RawRepo(repo), parents.empty() ? nullptr : &parents[0], root);
    if (!full.ok()) return full.status();
    changes = std::move(*full);
  } else {
    changes = std::move(walk.changes());
  }
  if (parents.size() < 2) {
    out->changes = NoMergeFilter(std::move(changes), parents.empty());
    return Status::Ok();
  }
  // A merge: what it changes relative to its first parent, kept where the
  // path differs from every other parent too (git's combined diff). The
  // other parents are looked up by path, never diffed whole: a subtree
  // merge differs from one parent in every file.
  for (auto& [path, first] : changes) {
    BlobChange change{
        path,          first.blob,    {first.old_blob}, first.source_path,
        first.symlink, first.new_path};
    bool in_all = true;
    for (size_t k = 1; k < parents.size() && in_all; ++k) {
      Result<std::string> there = cache.BlobAt(parents[k], path, first.symlink);
      if (!there.ok()) return there.status();
      in_all = *there != first.blob;
      change.new_path = change.new_path && there->empty();
      change.parent_blobs.push_back(std::move(*there));
    }
    if (in_all) out->changes.push_back(std::move(change));
  }
  return Status::Ok();
}

TreeWalker::TreeWalker(const Repository& repo)
    : impl_(new Impl{repo, RawTreeCache(RawRepo(repo))}) {}
TreeWalker::~TreeWalker() = default;

Status TreeWalker::Commit(const std::string& hex, CommitTrees* out) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  git_commit* raw = nullptr;
  if (int rc = git_commit_lookup(&raw, RawRepo(impl_->repo), &*oid); rc != 0) {
    return GitError(rc, "commit " + hex);
  }
  CommitPtr commit(raw);
  std::vector<git_oid> parents;
  for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i) {
    git_commit* parent = nullptr;
    if (int rc = git_commit_parent(&parent, commit.get(), i); rc != 0) {
      return GitError(rc, "parent of commit " + hex);
    }
    parents.push_back(*git_commit_tree_id(parent));
    git_commit_free(parent);
  }
  return impl_->Run(*git_commit_tree_id(commit.get()), parents, out);
}

Status TreeWalker::Tree(const std::string& hex, CommitTrees* out) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  return impl_->Run(*oid, {}, out);
}

}  // namespace pushguard::git

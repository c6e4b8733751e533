#include "git/changes.h"

#include <map>

#include "git/handles.h"

namespace pushguard::git {
namespace {

bool IsBlobMode(uint16_t mode) {
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE ||
         mode == GIT_FILEMODE_LINK;
}

struct Added {
  std::string blob;
  std::string old_blob;
  std::string source_path;  // a rename's or copy's source
  bool symlink = false;
  bool new_path = false;
};

using AddedMap = std::map<std::string, Added>;

// Deeper trees than this take libgit2's diff (no recursion without bound on
// hostile input).
constexpr int kMaxTreeDepth = 1024;

Result<TreePtr> LookupTree(git_repository* repo, const git_oid& id) {
  git_tree* tree = nullptr;
  if (int rc = git_tree_lookup(&tree, repo, &id); rc != 0) {
    return GitError(rc, "tree " + OidHex(id));
  }
  return TreePtr(tree);
}

// Whether the entries are in git's order, each name once: what a merge of
// two trees' entries relies on. Trees from a hostile push may not be.
bool InGitOrder(const git_tree* tree) {
  for (size_t i = 1; i < git_tree_entrycount(tree); ++i) {
    if (git_tree_entry_cmp(git_tree_entry_byindex(tree, i - 1),
                           git_tree_entry_byindex(tree, i)) >= 0) {
      return false;
    }
  }
  return true;
}

enum class Walk { kDone, kUseFullDiff };

// A commit whose trees expand to more entries than this is refused: a few
// hundred bytes of trees that name one subtree twice per level expand to
// 2^depth paths (a checkout would too), and no walk may run unbounded.
constexpr size_t kMaxEntries = 2'000'000;

Status TooManyEntries() {
  return Status::Corruption(
      "the commit's trees expand to more than " + std::to_string(kMaxEntries) +
      " entries (a tree that repeats a subtree level after level?)");
}

// Adds the entry at `path` that the commit adds to *out: a blob, or every
// blob under a directory. Submodules hold no blob. Counts every entry it
// visits into *visits.
Result<Walk> AddEntry(git_repository* repo, const git_tree_entry* entry,
                      const std::string& path, int depth, AddedMap* out,
                      size_t* visits) {
  if (++*visits > kMaxEntries) return TooManyEntries();
  git_filemode_t mode = git_tree_entry_filemode(entry);
  if (IsBlobMode(mode)) {
    out->emplace(path, Added{OidHex(*git_tree_entry_id(entry)), "", "",
                             mode == GIT_FILEMODE_LINK, true});
    return Walk::kDone;
  }
  if (mode != GIT_FILEMODE_TREE) return Walk::kDone;
  if (depth > kMaxTreeDepth) return Walk::kUseFullDiff;
  Result<TreePtr> tree = LookupTree(repo, *git_tree_entry_id(entry));
  if (!tree.ok()) return tree.status();
  for (size_t i = 0; i < git_tree_entrycount(tree->get()); ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(tree->get(), i);
    Result<Walk> w = AddEntry(repo, e, path + "/" + git_tree_entry_name(e),
                              depth + 1, out, visits);
    if (!w.ok() || *w != Walk::kDone) return w;
  }
  return Walk::kDone;
}

// What DiffChangedSubtrees saw besides modifications.
struct Seen {
  size_t visits = 0;  // entries AddEntry visited
  bool deleted = false;
  bool added = false;
};

// The blobs `tree` adds or modifies relative to `base`, descending only into
// subtrees whose ids differ, so the cost follows the change and not the size
// of the tree (libgit2's tree diff visits every entry of both trees: 5 ms a
// commit at 20,000 files). Gives up (kUseFullDiff) where libgit2's diff may
// decide differently: a change of type, or trees not in git's order. The
// caller must also give up when files were both deleted and added (a deleted
// file may be the source of a renamed one: rename detection needs the
// full diff).
Result<Walk> DiffChangedSubtrees(git_repository* repo, const git_tree* base,
                                 const git_tree* tree,
                                 const std::string& prefix, int depth,
                                 AddedMap* out, Seen* seen) {
  if (depth > kMaxTreeDepth || !InGitOrder(base) || !InGitOrder(tree)) {
    return Walk::kUseFullDiff;
  }
  size_t nb = git_tree_entrycount(base), nt = git_tree_entrycount(tree);
  size_t i = 0, j = 0;
  while (i < nb || j < nt) {
    const git_tree_entry* b =
        i < nb ? git_tree_entry_byindex(base, i) : nullptr;
    const git_tree_entry* t =
        j < nt ? git_tree_entry_byindex(tree, j) : nullptr;
    int order = b == nullptr ? 1 : t == nullptr ? -1 : git_tree_entry_cmp(b, t);
    if (order < 0) {
      seen->deleted = true;
      ++i;
      continue;
    }
    std::string path = prefix + git_tree_entry_name(t);
    git_filemode_t mode = git_tree_entry_filemode(t);
    ++j;
    if (order > 0) {  // added
      seen->added = true;
      Result<Walk> w = AddEntry(repo, t, path, depth + 1, out, &seen->visits);
      if (!w.ok() || *w != Walk::kDone) return w;
      continue;
    }
    ++i;  // the same name in both (and both trees or both not)
    git_filemode_t old_mode = git_tree_entry_filemode(b);
    bool same_id = git_oid_equal(git_tree_entry_id(b), git_tree_entry_id(t));
    if (same_id && old_mode == mode) continue;
    if (mode == GIT_FILEMODE_TREE) {
      Result<TreePtr> old_sub = LookupTree(repo, *git_tree_entry_id(b));
      if (!old_sub.ok()) return old_sub.status();
      Result<TreePtr> sub = LookupTree(repo, *git_tree_entry_id(t));
      if (!sub.ok()) return sub.status();
      Result<Walk> w = DiffChangedSubtrees(repo, old_sub->get(), sub->get(),
                                           path + "/", depth + 1, out, seen);
      if (!w.ok() || *w != Walk::kDone) return w;
      continue;
    }
    bool link = mode == GIT_FILEMODE_LINK;
    if (!IsBlobMode(mode) || !IsBlobMode(old_mode) ||
        link != (old_mode == GIT_FILEMODE_LINK)) {
      if (mode == GIT_FILEMODE_COMMIT && old_mode == GIT_FILEMODE_COMMIT) {
        continue;  // a submodule moved: no blob
      }
      return Walk::kUseFullDiff;  // a change of type
    }
    out->emplace(path, Added{OidHex(*git_tree_entry_id(t)),
                             OidHex(*git_tree_entry_id(b)), "", link});
  }
  return Walk::kDone;
}

// path -> (new blob, old blob) for every blob `tree` adds or modifies
// relative to `base` (nullptr: the empty tree).
Result<AddedMap> DiffTrees(git_repository* repo, git_tree* base,
                           git_tree* tree) {
  AddedMap out;
  if (base == nullptr) {  // every entry is added
    size_t visits = 0;
    bool done = true;
    for (size_t i = 0; i < git_tree_entrycount(tree) && done; ++i) {
      const git_tree_entry* e = git_tree_entry_byindex(tree, i);
      Result<Walk> w =
          AddEntry(repo, e, git_tree_entry_name(e), 1, &out, &visits);
      if (!w.ok()) return w.status();
      done = *w == Walk::kDone;
    }
    if (done) return out;
  } else {
    Seen seen;
    Result<Walk> w = DiffChangedSubtrees(repo, base, tree, "", 0, &out, &seen);
    if (!w.ok()) return w.status();
    if (*w == Walk::kDone && !(seen.deleted && seen.added)) return out;
  }
  out.clear();
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.flags = GIT_DIFF_SKIP_BINARY_CHECK;
  git_diff* raw = nullptr;
  if (int rc = git_diff_tree_to_tree(&raw, repo, base, tree, &options);
      rc != 0) {
    return GitError(rc, "cannot diff trees");
  }
  DiffPtr diff(raw);
  if (base != nullptr) {
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    if (int rc = git_diff_find_similar(diff.get(), &find); rc != 0) {
      if (rc != GIT_ENOTFOUND) return GitError(rc, "rename detection failed");
      // A blob it compares is missing (a partial clone): without rename
      // detection a renamed file is an added one, every line of it added,
      // which hides nothing. The blob scan decides about missing blobs.
      git_error_clear();
      raw = nullptr;
      if (int again = git_diff_tree_to_tree(&raw, repo, base, tree, &options);
          again != 0) {
        return GitError(again, "cannot diff trees");
      }
      diff.reset(raw);
    }
  }
  if (git_diff_num_deltas(diff.get()) > kMaxEntries) return TooManyEntries();
  for (size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
    if (d->status == GIT_DELTA_DELETED || !IsBlobMode(d->new_file.mode)) {
      continue;
    }
    Added added{
        OidHex(d->new_file.id), "", "", d->new_file.mode == GIT_FILEMODE_LINK,
        d->status == GIT_DELTA_ADDED || d->status == GIT_DELTA_RENAMED ||
            d->status == GIT_DELTA_COPIED};
    if (d->status != GIT_DELTA_ADDED && IsBlobMode(d->old_file.mode)) {
      added.old_blob = OidHex(d->old_file.id);
      if (std::string_view(d->old_file.path) != d->new_file.path) {
        added.source_path = d->old_file.path;
      }
    }
    out.emplace(d->new_file.path, std::move(added));
  }
  return out;
}

// The blob at `path` in `tree` as the merge's parent side: "" when there is
// none (or not a blob, or a blob of the other kind than `symlink`), so
// every line counts as added.
Result<std::string> BlobAt(git_tree* tree, const std::string& path,
                           bool symlink) {
  git_tree_entry* entry = nullptr;
  int rc = git_tree_entry_bypath(&entry, tree, path.c_str());
  if (rc == GIT_ENOTFOUND) return std::string();
  if (rc != 0) return GitError(rc, "cannot look up " + path);
  std::string there;
  git_filemode_t mode = git_tree_entry_filemode(entry);
  if (IsBlobMode(mode) && (mode == GIT_FILEMODE_LINK) == symlink) {
    there = OidHex(*git_tree_entry_id(entry));
  }
  git_tree_entry_free(entry);
  return there;
}

std::vector<BlobChange> ToChanges(AddedMap added) {
  std::vector<BlobChange> changes;
  for (auto& [path, a] : added) {
    changes.push_back({path, std::move(a.blob), {}, "", a.symlink, a.new_path});
  }
  return changes;
}

}  // namespace

Result<std::vector<BlobChange>> ChangedBlobs(const Repository& repo,
                                             const std::string& hex) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  CommitPtr commit;
  Result<TreePtr> tree = CommitTree(RawRepo(repo), *oid, &commit);
  if (!tree.ok()) return tree.status();
  unsigned parents = git_commit_parentcount(commit.get());
  if (parents == 0) {
    Result<AddedMap> added = DiffTrees(RawRepo(repo), nullptr, tree->get());
    if (!added.ok()) return added.status();
    return ToChanges(std::move(*added));
  }
  // A merge: what it changes relative to its first parent, kept where the
  // path differs from every other parent too (git's combined diff). The
  // other parents are looked up by path, never diffed whole: a subtree
  // merge differs from one parent in every file.
  Result<TreePtr> first_tree = CommitTree(
      RawRepo(repo), *git_commit_parent_id(commit.get(), 0), nullptr);
  if (!first_tree.ok()) return first_tree.status();
  Result<AddedMap> added =
      DiffTrees(RawRepo(repo), first_tree->get(), tree->get());
  if (!added.ok()) return added.status();
  std::vector<TreePtr> others;
  for (unsigned i = 1; i < parents; ++i) {
    Result<TreePtr> parent_tree = CommitTree(
        RawRepo(repo), *git_commit_parent_id(commit.get(), i), nullptr);
    if (!parent_tree.ok()) return parent_tree.status();
    others.push_back(std::move(*parent_tree));
  }
  std::vector<BlobChange> changes;
  for (auto& [path, first] : *added) {
    BlobChange change{
        path,          first.blob,    {first.old_blob}, first.source_path,
        first.symlink, first.new_path};
    bool in_all = true;
    for (size_t i = 0; i < others.size() && in_all; ++i) {
      Result<std::string> there = BlobAt(others[i].get(), path, first.symlink);
      if (!there.ok()) return there.status();
      in_all = *there != first.blob;
      change.parent_blobs.push_back(*there);
      change.new_path = change.new_path && there->empty();
    }
    if (in_all) changes.push_back(std::move(change));
  }
  return changes;
}

Result<std::vector<BlobChange>> TreeBlobs(const Repository& repo,
                                          const std::string& hex) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  Result<TreePtr> tree = LookupTree(RawRepo(repo), *oid);
  if (!tree.ok()) return tree.status();
  Result<AddedMap> added = DiffTrees(RawRepo(repo), nullptr, tree->get());
  if (!added.ok()) return added.status();
  return ToChanges(std::move(*added));
}

namespace {

Result<BlobPtr> LookupBlob(git_repository* repo, const std::string& hex) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  git_blob* blob = nullptr;
  if (int rc = git_blob_lookup(&blob, repo, &*oid); rc != 0) {
    return GitError(rc, "blob " + hex);
  }
  return BlobPtr(blob);
}

}  // namespace

struct BlobContent::Impl {
  BlobPtr blob;
};

BlobContent::BlobContent(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BlobContent::~BlobContent() = default;
BlobContent::BlobContent(BlobContent&&) noexcept = default;

std::string_view BlobContent::data() const {
  const git_blob* b = impl_->blob.get();
  return {static_cast<const char*>(git_blob_rawcontent(b)),
          static_cast<size_t>(git_blob_rawsize(b))};
}

Result<BlobContent> ReadBlob(const Repository& repo, const std::string& oid) {
  Result<BlobPtr> blob = LookupBlob(RawRepo(repo), oid);
  if (!blob.ok()) return blob.status();
  auto impl = std::make_unique<BlobContent::Impl>();
  impl->blob = std::move(*blob);
  return BlobContent(std::move(impl));
}

}  // namespace pushguard::git

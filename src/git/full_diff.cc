#include "git/full_diff.h"

#include "git/raw_trees.h"

namespace pushguard::git {
namespace {

Result<TreePtr> LookupTree(git_repository* repo, const git_oid& id) {
  git_tree* tree = nullptr;
  if (int rc = git_tree_lookup(&tree, repo, &id); rc != 0) {
    return GitError(rc, "tree " + OidHex(id));
  }
  return TreePtr(tree);
}

Result<DiffPtr> DiffTrees(git_repository* repo, git_tree* base,
                          git_tree* tree) {
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.flags = GIT_DIFF_SKIP_BINARY_CHECK;
  git_diff* raw = nullptr;
  if (int rc = git_diff_tree_to_tree(&raw, repo, base, tree, &options);
      rc != 0) {
    return GitError(rc, "cannot diff trees");
  }
  return DiffPtr(raw);
}

// Pairs deleted and added files (exact and similar content). A blob it
// compares is missing (a partial clone): without rename detection a renamed
// file is an added one, every line of it added, which hides nothing. The
// blob scan decides about missing blobs.
Status FindRenames(git_repository* repo, git_tree* base, git_tree* tree,
                   DiffPtr* diff) {
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  find.flags = GIT_DIFF_FIND_RENAMES;
  int rc = git_diff_find_similar(diff->get(), &find);
  if (rc == 0) return Status::Ok();
  if (rc != GIT_ENOTFOUND) return GitError(rc, "rename detection failed");
  git_error_clear();
  Result<DiffPtr> again = DiffTrees(repo, base, tree);
  if (!again.ok()) return again.status();
  *diff = std::move(*again);
  return Status::Ok();
}

}  // namespace

Status TooManyEntries() {
  return Status::Corruption(
      "the commit's trees expand to more than " + std::to_string(kMaxEntries) +
      " entries (a tree that repeats a subtree level after level?)");
}

Result<ChangeMap> FullDiff(git_repository* repo, const git_oid* base_id,
                           const git_oid& tree_id) {
  TreePtr base;
  if (base_id != nullptr) {
    Result<TreePtr> b = LookupTree(repo, *base_id);
    if (!b.ok()) return b.status();
    base = std::move(*b);
  }
  Result<TreePtr> tree = LookupTree(repo, tree_id);
  if (!tree.ok()) return tree.status();
  Result<DiffPtr> diff = DiffTrees(repo, base.get(), tree->get());
  if (!diff.ok()) return diff.status();
  if (base != nullptr) {
    Status s = FindRenames(repo, base.get(), tree->get(), &*diff);
    if (!s.ok()) return s;
  }
  const size_t deltas = git_diff_num_deltas(diff->get());
  if (deltas > kMaxEntries) return TooManyEntries();
  ChangeMap out;
  for (size_t i = 0; i < deltas; ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff->get(), i);
    if (d->status == GIT_DELTA_DELETED ||
        !IsBlobMode(static_cast<git_filemode_t>(d->new_file.mode))) {
      continue;
    }
    FirstParentChange change{
        OidHex(d->new_file.id), "", "", d->new_file.mode == GIT_FILEMODE_LINK,
        d->status == GIT_DELTA_ADDED || d->status == GIT_DELTA_RENAMED ||
            d->status == GIT_DELTA_COPIED};
    if (d->status != GIT_DELTA_ADDED &&
        IsBlobMode(static_cast<git_filemode_t>(d->old_file.mode))) {
      change.old_blob = OidHex(d->old_file.id);
      if (std::string_view(d->old_file.path) != d->new_file.path) {
        change.source_path = d->old_file.path;
      }
    }
    out.emplace(d->new_file.path, std::move(change));
  }
  return out;
}

}  // namespace pushguard::git

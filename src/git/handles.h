// RAII ownership of libgit2 handles and libgit2 error conversion. Internal
// to git/: no other module includes libgit2.
#pragma once

#include <git2.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "git/repository.h"

namespace pushguard::git {

template <typename T, void (*Free)(T*)>
struct GitDeleter {
  void operator()(T* p) const { Free(p); }
};

using RepoPtr =
    std::unique_ptr<git_repository,
                    GitDeleter<git_repository, git_repository_free>>;
using OdbPtr = std::unique_ptr<git_odb, GitDeleter<git_odb, git_odb_free>>;
using OdbObjectPtr =
    std::unique_ptr<git_odb_object,
                    GitDeleter<git_odb_object, git_odb_object_free>>;
using ObjectPtr =
    std::unique_ptr<git_object, GitDeleter<git_object, git_object_free>>;
using CommitPtr =
    std::unique_ptr<git_commit, GitDeleter<git_commit, git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, GitDeleter<git_tree, git_tree_free>>;
using BlobPtr = std::unique_ptr<git_blob, GitDeleter<git_blob, git_blob_free>>;
using DiffPtr = std::unique_ptr<git_diff, GitDeleter<git_diff, git_diff_free>>;
using PatchPtr =
    std::unique_ptr<git_patch, GitDeleter<git_patch, git_patch_free>>;
using RevwalkPtr =
    std::unique_ptr<git_revwalk, GitDeleter<git_revwalk, git_revwalk_free>>;

// The libgit2 handle of `repo` (valid as long as `repo`).
git_repository* RawRepo(const Repository& repo);

// The stored bytes of object `hex`, which must be of `type` (libgit2's parse
// skips or normalises parts a guard must see). Errors: NotFound /
// Corruption naming "<type> <hex>"; InvalidArgument "<hex> is not <what>"
// for another type ("a tag").
Result<OdbObjectPtr> ReadRawObject(git_repository* repo, const std::string& hex,
                                   git_object_t type, const std::string& what);
// The bytes of an object read with ReadRawObject.
std::string_view RawData(const git_odb_object* object);

// Peels `oid` (through tags) to a commit. Errors: NotFound "object <hex>"
// for an unknown object, "object <hex> is not a commit" for another type.
Result<git_oid> PeelToCommit(git_repository* repo, const git_oid& oid);

// The parents of commit `hex`, as hex, in order. Errors name the commit.
Result<std::vector<std::string>> ParentsOf(git_repository* repo,
                                           const std::string& hex);

// A revision walk sorted as `git rev-list --topo-order --reverse`.
Result<RevwalkPtr> NewTopoWalk(git_repository* repo);
// Every commit the walk yields, as hex.
Result<std::vector<std::string>> DrainWalk(git_revwalk* walk);
// The tree of commit `commit_id` (and the commit, when `commit_out` is set).
Result<TreePtr> CommitTree(git_repository* repo, const git_oid& commit_id,
                           CommitPtr* commit_out = nullptr);

// The last libgit2 error on this thread, as "<what>: <libgit2 message>".
// GIT_ENOTFOUND maps to NotFound, everything else to Corruption.
Status GitError(int code, const std::string& what);

// `oid` as 40 lowercase hex digits.
std::string OidHex(const git_oid& oid);
// The object id `hex` spells; InvalidArgument "not a valid object id: ..."
// unless it is exactly 40 hex digits.
Result<git_oid> ParseOid(const std::string& hex);

}  // namespace pushguard::git

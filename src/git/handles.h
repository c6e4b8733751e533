// RAII ownership of libgit2 handles and libgit2 error conversion. Internal
// to git/: no other module includes libgit2.
#pragma once

#include <git2.h>

#include <memory>
#include <string>

#include "base/status.h"

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

// The last libgit2 error on this thread, as "<what>: <libgit2 message>".
// GIT_ENOTFOUND maps to NotFound, everything else to Corruption.
Status GitError(int code, const std::string& what);

std::string OidHex(const git_oid& oid);
// REQUIRES: hex is a full, valid hex object id.
Result<git_oid> ParseOid(const std::string& hex);

}  // namespace pushguard::git

// What a commit changes: the blobs it adds or modifies (found by the commit
// walk, git/tree_walk.h), and blob contents. Object ids are lowercase hex.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "git/repository.h"

namespace pushguard::git {

// A blob a commit puts at a path.
struct BlobChange {
  std::string path;
  std::string blob;
  // One entry per parent: the blob at this path (or at its rename source) in
  // that parent, "" if the path is new there. Empty for a root commit.
  std::vector<std::string> parent_blobs;
  // For a rename or copy: the path in the first parent it came from ("" when
  // the path is the same).
  std::string source_path;
  bool symlink = false;  // the entry is a symbolic link; the blob its target
  // The path itself is new: no parent has a file at it (it was added, or is
  // a rename's or copy's destination). A path is text the commit brings.
  bool new_path = false;
};

// A blob's content, valid while this object lives.
class BlobContent {
 public:
  ~BlobContent();
  BlobContent(BlobContent&&) noexcept;
  std::string_view data() const;

 private:
  friend Result<BlobContent> ReadBlob(const Repository&, const std::string&);
  struct Impl;
  explicit BlobContent(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The content of blob `oid`. Errors: InvalidArgument for a malformed id;
// NotFound "blob <oid>: ..." when the store lacks it (a partial clone) or
// it is not a blob (libgit2's GIT_ENOTFOUND); Corruption when it cannot be
// read.
Result<BlobContent> ReadBlob(const Repository& repo, const std::string& oid);

}  // namespace pushguard::git

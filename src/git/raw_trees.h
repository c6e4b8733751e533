// Tree objects read from their raw bytes (git/tree_check.h's ParseTree),
// parsed once and kept in a bounded cache. Internal to git/: the one reader
// of trees for the commit walk (git/tree_walk.h), its checks and its
// lookups by path.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "git/handles.h"
#include "git/tree_check.h"

namespace pushguard::git {

// An entry's mode as a number (the octal digits ParseTree accepted).
unsigned ModeValue(std::string_view mode);
// Whether the entry's mode is of a directory (type bits 040000).
inline bool IsDir(const RawTreeEntry& e) { return e.dir; }
// The mode as libgit2 reads it (normalize_filemode): a tree, an executable
// or a plain blob, a symbolic link or a gitlink.
git_filemode_t NormalizedMode(const RawTreeEntry& e);
// A blob, an executable blob or a symbolic link: an entry that carries a
// blob.
bool IsBlobMode(git_filemode_t mode);
// git's base_name_compare: a directory sorts as if its name ended in '/'.
int GitOrder(std::string_view a, bool a_dir, std::string_view b, bool b_dir);
int GitOrder(const RawTreeEntry& a, const RawTreeEntry& b);

// One tree object: its bytes (kept alive) and its entries (views into them).
struct RawTree {
  OdbObjectPtr object;
  git_object_t type = GIT_OBJECT_INVALID;
  // Ok when the object is a tree whose bytes parse; the entries are empty
  // otherwise.
  Status parsed;
  std::vector<RawTreeEntry> entries;
  // Every entry after the previous in git's order: names unique, so a merge
  // of two trees' entries and a binary search are sound.
  bool in_git_order = false;

  // The entry named `name` that is (or is not) a directory, if any.
  const RawTreeEntry* Find(std::string_view name, bool dir) const;
};
using RawTreePtr = std::shared_ptr<const RawTree>;

// The binary object id of an entry, as a git_oid.
git_oid EntryOid(const RawTreeEntry& e);

// Object ids as keys of unordered containers (no hex, no allocation).
struct OidHash {
  size_t operator()(const git_oid& oid) const;
};
struct OidEqual {
  bool operator()(const git_oid& a, const git_oid& b) const {
    return git_oid_equal(&a, &b);
  }
};

// Raw trees by id. Bounded: past kMaxBytes of objects it starts over (trees
// in use stay alive through their pointers). Not thread-safe: one per
// Repository handle.
class RawTreeCache {
 public:
  explicit RawTreeCache(git_repository* repo) : repo_(repo) {}

  // The object `oid`, whatever its type (see RawTree::type and parsed).
  // Errors: the object cannot be read (NotFound when the store lacks it).
  Result<RawTreePtr> Get(const git_oid& oid);

  // The blob at `path` ("a/b/c") under tree `root`: its id as hex, or ""
  // when there is none there (or not a blob, or a blob of the other kind
  // than `symlink`). Errors: a tree on the way cannot be read.
  Result<std::string> BlobAt(const git_oid& root, const std::string& path,
                             bool symlink);

 private:
  static constexpr size_t kMaxBytes = size_t{16} << 20;
  git_repository* repo_;
  OdbPtr odb_;
  std::unordered_map<git_oid, RawTreePtr, OidHash, OidEqual> trees_;
  size_t bytes_ = 0;
};

}  // namespace pushguard::git

#include "git/raw_trees.h"

#include <algorithm>
#include <cstring>

namespace pushguard::git {
namespace {

constexpr unsigned kTypeMask = 0170000;
constexpr unsigned kPermsMask = 0777;

// Strictly increasing in git's order.
bool InGitOrder(const std::vector<RawTreeEntry>& entries) {
  for (size_t i = 1; i < entries.size(); ++i) {
    if (GitOrder(entries[i - 1], entries[i]) >= 0) return false;
  }
  return true;
}

}  // namespace

unsigned ModeValue(std::string_view mode) {
  unsigned value = 0;
  for (char c : mode) value = (value << 3) + static_cast<unsigned>(c - '0');
  return value;
}

git_filemode_t NormalizedMode(const RawTreeEntry& e) {
  const unsigned mode = ModeValue(e.mode);
  const unsigned type = mode & ~kPermsMask;
  if (type == GIT_FILEMODE_TREE) return GIT_FILEMODE_TREE;
  if ((mode & 0100) != 0) return GIT_FILEMODE_BLOB_EXECUTABLE;
  if (type == GIT_FILEMODE_COMMIT) return GIT_FILEMODE_COMMIT;
  if (type == GIT_FILEMODE_LINK) return GIT_FILEMODE_LINK;
  return GIT_FILEMODE_BLOB;
}

bool IsBlobMode(git_filemode_t mode) {
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE ||
         mode == GIT_FILEMODE_LINK;
}

int GitOrder(std::string_view a, bool a_dir, std::string_view b, bool b_dir) {
  size_t n = std::min(a.size(), b.size());
  if (int c = a.compare(0, n, b, 0, n); c != 0) return c;
  auto next = [n](std::string_view name, bool dir) -> unsigned char {
    if (name.size() > n) return static_cast<unsigned char>(name[n]);
    return dir ? '/' : '\0';
  };
  return static_cast<int>(next(a, a_dir)) - static_cast<int>(next(b, b_dir));
}

int GitOrder(const RawTreeEntry& a, const RawTreeEntry& b) {
  return GitOrder(a.name, IsDir(a), b.name, IsDir(b));
}

const RawTreeEntry* RawTree::Find(std::string_view name, bool dir) const {
  if (!in_git_order) {  // a malformed tree: the first such entry
    for (const RawTreeEntry& e : entries) {
      if (e.name == name && IsDir(e) == dir) return &e;
    }
    return nullptr;
  }
  auto it = std::lower_bound(entries.begin(), entries.end(), name,
                             [dir](const RawTreeEntry& e, std::string_view n) {
                               return GitOrder(e.name, IsDir(e), n, dir) < 0;
                             });
  if (it != entries.end() && it->name == name && IsDir(*it) == dir) return &*it;
  return nullptr;
}

git_oid EntryOid(const RawTreeEntry& e) {
  git_oid oid;
  git_oid_fromraw(&oid, reinterpret_cast<const unsigned char*>(e.oid.data()));
  return oid;
}

size_t OidHash::operator()(const git_oid& oid) const {
  size_t hash;  // the id's first bytes are as random as any hash
  std::memcpy(&hash, oid.id, sizeof(hash));
  return hash;
}

Result<RawTreePtr> RawTreeCache::Get(const git_oid& oid) {
  if (auto it = trees_.find(oid); it != trees_.end()) return it->second;
  if (odb_ == nullptr) {
    git_odb* odb = nullptr;
    if (int rc = git_repository_odb(&odb, repo_); rc != 0) {
      return GitError(rc, "object database");
    }
    odb_.reset(odb);
  }
  git_odb_object* raw = nullptr;
  if (int rc = git_odb_read(&raw, odb_.get(), &oid); rc != 0) {
    return GitError(rc, "object " + OidHex(oid));
  }
  auto tree = std::make_shared<RawTree>();
  tree->object.reset(raw);
  tree->type = git_odb_object_type(raw);
  if (tree->type == GIT_OBJECT_TREE) {
    Result<std::vector<RawTreeEntry>> entries =
        ParseTree(RawData(raw), GIT_OID_RAWSZ);
    if (entries.ok()) {
      tree->entries = std::move(*entries);
      tree->in_git_order = InGitOrder(tree->entries);
    } else {
      tree->parsed = entries.status();
    }
  } else {
    tree->parsed = Status::Corruption("not a tree");
  }
  size_t size = git_odb_object_size(raw);
  if (bytes_ + size > kMaxBytes) {
    trees_.clear();
    bytes_ = 0;
  }
  bytes_ += size;
  trees_.emplace(oid, tree);
  return RawTreePtr(std::move(tree));
}

Result<std::string> RawTreeCache::BlobAt(const git_oid& root,
                                         const std::string& path,
                                         bool symlink) {
  git_oid at = root;
  size_t start = 0;
  for (;;) {
    Result<RawTreePtr> tree = Get(at);
    if (!tree.ok()) return tree.status();
    if (!(*tree)->parsed.ok()) return std::string();
    size_t slash = path.find('/', start);
    std::string_view name = std::string_view(path).substr(start, slash - start);
    const RawTreeEntry* e = (*tree)->Find(name, slash != std::string::npos);
    if (e == nullptr) return std::string();
    if (slash == std::string::npos) {
      git_filemode_t mode = NormalizedMode(*e);
      if (!IsBlobMode(mode) || (mode == GIT_FILEMODE_LINK) != symlink) {
        return std::string();
      }
      return OidHex(EntryOid(*e));
    }
    at = EntryOid(*e);
    start = slash + 1;
  }
}

}  // namespace pushguard::git

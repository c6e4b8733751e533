#include "git/tree_check.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "git/handles.h"

namespace pushguard::git {
namespace {

constexpr unsigned kTypeMask = 0170000;
constexpr unsigned kDirType = 0040000;
constexpr unsigned kLinkType = 0120000;
// git fsck's limit on one entry's name (max_tree_entry_len).
constexpr size_t kMaxNameBytes = 4096;

unsigned ModeValue(const std::string& mode) {
  unsigned value = 0;
  for (char c : mode) value = (value << 3) + static_cast<unsigned>(c - '0');
  return value;
}

bool IsDir(const RawTreeEntry& e) {
  return (ModeValue(e.mode) & kTypeMask) == kDirType;
}

// git's base_name_compare: a directory sorts as if its name ended in '/'.
int GitOrder(const RawTreeEntry& a, const RawTreeEntry& b) {
  size_t n = std::min(a.name.size(), b.name.size());
  if (int c = a.name.compare(0, n, b.name, 0, n); c != 0) return c;
  auto next = [n](const RawTreeEntry& e) -> unsigned char {
    if (e.name.size() > n) return static_cast<unsigned char>(e.name[n]);
    return IsDir(e) ? '/' : '\0';
  };
  return static_cast<int>(next(a)) - static_cast<int>(next(b));
}

std::string Hex(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string Quoted(const std::string& name) { return "'" + name + "'"; }

// The problems of one entry, each with its git fsck message id.
void CheckEntry(const RawTreeEntry& e, std::vector<TreeProblem>* out) {
  const std::string& n = e.name;
  if (n.empty()) {
    out->push_back({n, "empty entry name (git fsck: emptyName)"});
  } else if (n.find('/') != std::string::npos) {
    out->push_back({n, "entry name " + Quoted(n) +
                           " contains '/' (git fsck: fullPathname)"});
  } else if (n == "." || n == "..") {
    out->push_back({n, "entry named " + Quoted(n) + " (git fsck: " +
                           (n == "." ? "hasDot" : "hasDotdot") + ")"});
  } else if (IsDotGitName(n)) {
    out->push_back({n, "entry " + Quoted(n) +
                           " is git's own directory .git on some file "
                           "systems (git fsck: hasDotgit)"});
  }
  if (n.size() > kMaxNameBytes) {
    // libgit2 cannot even parse names over 65,535 bytes.
    out->push_back({n.substr(0, 64) + "...",
                    "entry name of " + std::to_string(n.size()) +
                        " bytes (over " + std::to_string(kMaxNameBytes) +
                        ") (git fsck: largePathname)"});
  }
  if (!e.mode.empty() && e.mode[0] == '0') {
    out->push_back({n, "zero-padded file mode " + e.mode + " of " + Quoted(n) +
                           " (git fsck: zeroPaddedFilemode)"});
  } else if (e.mode != "100644" && e.mode != "100755" && e.mode != "100664" &&
             e.mode != "120000" && e.mode != "40000" && e.mode != "160000") {
    out->push_back({n, "bad file mode '" + e.mode + "' of " + Quoted(n) +
                           " (git fsck: badFilemode)"});
  }
  if ((ModeValue(e.mode) & kTypeMask) == kLinkType && IsDotGitmodulesName(n)) {
    out->push_back({n, Quoted(n) +
                           " is .gitmodules and a symbolic link (git fsck: "
                           "gitmodulesSymlink)"});
  }
}

}  // namespace

Result<std::vector<RawTreeEntry>> ParseTree(std::string_view data,
                                            size_t hash_size) {
  std::vector<RawTreeEntry> entries;
  size_t at = 0;
  while (at < data.size()) {
    auto bad = [&](const std::string& why) {
      return Status::Corruption("byte " + std::to_string(at) + ": " + why);
    };
    size_t space = data.find(' ', at);
    if (space == std::string_view::npos) return bad("entry without a mode");
    RawTreeEntry e;
    e.mode = std::string(data.substr(at, space - at));
    for (char c : e.mode) {
      if (c < '0' || c > '7') return bad("mode is not octal digits");
    }
    if (e.mode.size() > 7) return bad("mode too long");
    size_t nul = data.find('\0', space + 1);
    if (nul == std::string_view::npos) return bad("name without a NUL");
    e.name = std::string(data.substr(space + 1, nul - space - 1));
    if (data.size() - (nul + 1) < hash_size) return bad("truncated object id");
    e.oid = Hex(data.substr(nul + 1, hash_size));
    entries.push_back(std::move(e));
    at = nul + 1 + hash_size;
  }
  return entries;
}

std::vector<TreeProblem> CheckTreeEntries(
    const std::vector<RawTreeEntry>& entries) {
  std::vector<TreeProblem> all;
  std::set<std::string> names;
  bool unsorted = false;
  for (size_t i = 0; i < entries.size(); ++i) {
    const RawTreeEntry& e = entries[i];
    CheckEntry(e, &all);
    if (!names.insert(e.name).second) {
      all.push_back({e.name, "duplicate entry " + Quoted(e.name) +
                                 " (git fsck: duplicateEntries)"});
    } else if (i > 0 && !unsorted && GitOrder(entries[i - 1], e) > 0) {
      unsorted = true;
      all.push_back(
          {e.name, "entries not sorted: " + Quoted(entries[i - 1].name) +
                       " before " + Quoted(e.name) +
                       " (git fsck: treeNotSorted)"});
    }
  }
  // Each kind of problem once per tree (as git fsck does): a tree of a
  // million duplicates is one finding, not a million.
  std::vector<TreeProblem> out;
  std::set<std::string> kinds;
  for (TreeProblem& p : all) {
    std::string kind = p.problem.substr(p.problem.rfind("(git fsck: "));
    if (kinds.insert(kind).second) out.push_back(std::move(p));
  }
  return out;
}

namespace {

// The raw content of the object `id`, and its type.
struct RawObject {
  git_object_t type = GIT_OBJECT_INVALID;
  std::string data;
};

Result<RawObject> ReadRaw(git_odb* odb, const std::string& hex) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  git_odb_object* raw = nullptr;
  if (int rc = git_odb_read(&raw, odb, &*oid); rc != 0) {
    return GitError(rc, "object " + hex);
  }
  RawObject out;
  out.type = git_odb_object_type(raw);
  out.data.assign(static_cast<const char*>(git_odb_object_data(raw)),
                  git_odb_object_size(raw));
  git_odb_object_free(raw);
  return out;
}

// A tree to check: where it is, and the trees at the same path in the
// commit's parents (a subtree one of them has is not new).
struct Pending {
  std::string tree;
  std::string dir;  // "" for the root, else "a/b"
  std::vector<std::string> parent_trees;
};

std::string Join(const std::string& dir, const std::string& name) {
  return dir.empty() ? name : dir + "/" + name;
}

// name -> tree id of every directory entry of `tree` (empty if unreadable:
// a parent's tree that cannot be read hides nothing from the check).
// A parent tree's entries by name: their ids, and which are directories.
struct ParentEntries {
  std::unordered_map<std::string, std::string> subtrees;
  std::unordered_map<std::string, std::string> all;
};

ParentEntries EntriesOf(git_odb* odb, const std::string& tree) {
  ParentEntries out;
  Result<RawObject> raw = ReadRaw(odb, tree);
  if (!raw.ok() || raw->type != GIT_OBJECT_TREE) return out;
  Result<std::vector<RawTreeEntry>> entries = ParseTree(raw->data);
  if (!entries.ok()) return out;
  for (RawTreeEntry& e : *entries) {
    if (IsDir(e)) out.subtrees.emplace(e.name, e.oid);
    out.all.emplace(std::move(e.name), std::move(e.oid));
  }
  return out;
}

constexpr char kEmptyTree[] = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

// An entry whose name no blob carries: a submodule (gitlink) or an empty
// directory. The path scan reads blob paths only, so these are reported.
bool CarriesNoBlob(const RawTreeEntry& e) {
  return e.mode == "160000" || (IsDir(e) && e.oid == kEmptyTree);
}

// Checks every pending tree and queues its new subtrees.
Result<std::vector<MalformedTree>> Walk(git_repository* repo,
                                        std::vector<Pending> pending,
                                        std::vector<std::string>* bare_names) {
  git_odb* raw_odb = nullptr;
  if (int rc = git_repository_odb(&raw_odb, repo); rc != 0) {
    return GitError(rc, "object database");
  }
  OdbPtr odb(raw_odb);
  std::vector<MalformedTree> out;
  std::unordered_set<std::string> checked;
  while (!pending.empty()) {
    Pending p = std::move(pending.back());
    pending.pop_back();
    if (!checked.insert(p.tree).second) continue;
    Result<RawObject> raw = ReadRaw(odb.get(), p.tree);
    if (!raw.ok()) return raw.status();
    std::string where = "tree " + p.tree + ": ";
    if (raw->type != GIT_OBJECT_TREE) {
      out.push_back({p.tree, p.dir,
                     where + "not a tree but a " +
                         git_object_type2string(raw->type) +
                         " (git fsck: badTree)"});
      continue;
    }
    Result<std::vector<RawTreeEntry>> entries = ParseTree(raw->data);
    if (!entries.ok()) {
      out.push_back({p.tree, p.dir,
                     where + "cannot be parsed as a tree: " +
                         entries.status().message() + " (git fsck: badTree)"});
      continue;
    }
    for (TreeProblem& problem : CheckTreeEntries(*entries)) {
      out.push_back({p.tree, Join(p.dir, problem.name),
                     where + std::move(problem.problem)});
    }
    std::vector<ParentEntries> parents;
    for (const std::string& parent : p.parent_trees) {
      parents.push_back(EntriesOf(odb.get(), parent));
    }
    for (const RawTreeEntry& e : *entries) {
      if (bare_names != nullptr && CarriesNoBlob(e)) {
        bool old = false;
        for (const ParentEntries& parent : parents) {
          auto it = parent.all.find(e.name);
          old |= it != parent.all.end() && it->second == e.oid;
        }
        if (!old) bare_names->push_back(Join(p.dir, e.name));
      }
      if (!IsDir(e)) continue;
      Pending next{e.oid, Join(p.dir, e.name), {}};
      bool known = false;
      for (const ParentEntries& parent : parents) {
        const auto& subtrees = parent.subtrees;
        auto it = subtrees.find(e.name);
        if (it == subtrees.end()) continue;
        known |= it->second == e.oid;
        next.parent_trees.push_back(it->second);
      }
      if (!known) pending.push_back(std::move(next));
    }
  }
  return out;
}

}  // namespace

Result<std::vector<MalformedTree>> NewMalformedTrees(
    const Repository& repo, const std::string& commit,
    std::vector<std::string>* bare_names) {
  Result<git_oid> oid = ParseOid(commit);
  if (!oid.ok()) return oid.status();
  git_commit* raw = nullptr;
  if (int rc = git_commit_lookup(&raw, repo.raw(), &*oid); rc != 0) {
    return GitError(rc, "commit " + commit);
  }
  CommitPtr c(raw);
  Pending root{OidHex(*git_commit_tree_id(c.get())), "", {}};
  for (unsigned i = 0; i < git_commit_parentcount(c.get()); ++i) {
    git_commit* parent = nullptr;
    if (int rc = git_commit_parent(&parent, c.get(), i); rc != 0) {
      return GitError(rc, "parent of commit " + commit);
    }
    root.parent_trees.push_back(OidHex(*git_commit_tree_id(parent)));
    git_commit_free(parent);
  }
  for (const std::string& parent_tree : root.parent_trees) {
    if (parent_tree == root.tree) return std::vector<MalformedTree>{};
  }
  return Walk(repo.raw(), {std::move(root)}, bare_names);
}

Result<std::vector<MalformedTree>> MalformedTreesUnder(
    const Repository& repo, const std::string& tree,
    std::vector<std::string>* bare_names) {
  return Walk(repo.raw(), {Pending{tree, "", {}}}, bare_names);
}

}  // namespace pushguard::git

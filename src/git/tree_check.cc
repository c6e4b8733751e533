#include "git/tree_check.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "git/handles.h"

namespace pushguard::git {
namespace {

constexpr unsigned kTypeMask = 0170000;
constexpr unsigned kDirType = 0040000;
constexpr unsigned kLinkType = 0120000;
// git fsck's limit on one entry's name (max_tree_entry_len).
constexpr size_t kMaxNameBytes = 4096;

unsigned ModeValue(std::string_view mode) {
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

std::string Quoted(std::string_view name) {
  return "'" + std::string(name) + "'";
}

// The problems of one entry, each with its git fsck message id.
void CheckEntry(const RawTreeEntry& e, std::vector<TreeProblem>* out) {
  const std::string_view n = e.name;
  if (n.empty()) {
    out->push_back({std::string(n), "empty entry name (git fsck: emptyName)"});
  } else if (n.find('/') != std::string::npos) {
    out->push_back(
        {std::string(n),
         "entry name " + Quoted(n) + " contains '/' (git fsck: fullPathname)"});
  } else if (n == "." || n == "..") {
    out->push_back(
        {std::string(n), "entry named " + Quoted(n) + " (git fsck: " +
                             (n == "." ? "hasDot" : "hasDotdot") + ")"});
  } else if (IsDotGitName(n)) {
    out->push_back(
        {std::string(n), "entry " + Quoted(n) +
                             " is git's own directory .git on some file "
                             "systems (git fsck: hasDotgit)"});
  }
  if (n.size() > kMaxNameBytes) {
    // libgit2 cannot even parse names over 65,535 bytes.
    out->push_back({std::string(n.substr(0, 64)) + "...",
                    "entry name of " + std::to_string(n.size()) +
                        " bytes (over " + std::to_string(kMaxNameBytes) +
                        ") (git fsck: largePathname)"});
  }
  if (!e.mode.empty() && e.mode[0] == '0') {
    out->push_back({std::string(n),
                    "zero-padded file mode " + std::string(e.mode) + " of " +
                        Quoted(n) + " (git fsck: zeroPaddedFilemode)"});
  } else if (e.mode != "100644" && e.mode != "100755" && e.mode != "100664" &&
             e.mode != "120000" && e.mode != "40000" && e.mode != "160000") {
    out->push_back({std::string(n), "bad file mode '" + std::string(e.mode) +
                                        "' of " + Quoted(n) +
                                        " (git fsck: badFilemode)"});
  }
  if ((ModeValue(e.mode) & kTypeMask) == kLinkType && IsDotGitmodulesName(n)) {
    out->push_back(
        {std::string(n), Quoted(n) +
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
    e.mode = data.substr(at, space - at);
    for (char c : e.mode) {
      if (c < '0' || c > '7') return bad("mode is not octal digits");
    }
    if (e.mode.size() > 7) return bad("mode too long");
    size_t nul = data.find('\0', space + 1);
    if (nul == std::string_view::npos) return bad("name without a NUL");
    e.name = data.substr(space + 1, nul - space - 1);
    if (data.size() - (nul + 1) < hash_size) return bad("truncated object id");
    e.oid = data.substr(nul + 1, hash_size);
    entries.push_back(e);
    at = nul + 1 + hash_size;
  }
  return entries;
}

std::vector<TreeProblem> CheckTreeEntries(
    const std::vector<RawTreeEntry>& entries) {
  std::vector<TreeProblem> all;
  bool unsorted = false;
  for (size_t i = 0; i < entries.size(); ++i) {
    const RawTreeEntry& e = entries[i];
    CheckEntry(e, &all);
    if (i > 0 && !unsorted && GitOrder(entries[i - 1], e) > 0) {
      unsorted = true;
      all.push_back({std::string(e.name),
                     "entries not sorted: " + Quoted(entries[i - 1].name) +
                         " before " + Quoted(e.name) +
                         " (git fsck: treeNotSorted)"});
    }
  }
  // Two entries of one name (a file and a directory too): sorted by name,
  // they are neighbours. Reported at the first name's second entry.
  std::vector<std::pair<std::string_view, size_t>> names;
  names.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    names.emplace_back(entries[i].name, i);
  }
  std::sort(names.begin(), names.end());
  size_t duplicate = entries.size();
  for (size_t k = 1; k < names.size(); ++k) {
    if (names[k].first == names[k - 1].first) {
      duplicate = std::min(duplicate, names[k].second);
    }
  }
  if (duplicate < entries.size()) {
    std::string_view name = entries[duplicate].name;
    all.push_back({std::string(name), "duplicate entry " + Quoted(name) +
                                          " (git fsck: duplicateEntries)"});
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

// A tree object's bytes (kept alive) and its entries (views into them).
struct ParsedTree {
  OdbObjectPtr object;
  git_object_t type = GIT_OBJECT_INVALID;
  Result<std::vector<RawTreeEntry>> entries = std::vector<RawTreeEntry>{};
};

Result<ParsedTree> ReadTree(git_odb* odb, const git_oid& oid) {
  git_odb_object* raw = nullptr;
  if (int rc = git_odb_read(&raw, odb, &oid); rc != 0) {
    return GitError(rc, "object " + OidHex(oid));
  }
  ParsedTree out;
  out.object.reset(raw);
  out.type = git_odb_object_type(raw);
  if (out.type == GIT_OBJECT_TREE) {
    out.entries = ParseTree({static_cast<const char*>(git_odb_object_data(raw)),
                             git_odb_object_size(raw)},
                            GIT_OID_RAWSZ);
  }
  return out;
}

git_oid ToOid(std::string_view raw) {
  git_oid oid;
  git_oid_fromraw(&oid, reinterpret_cast<const unsigned char*>(raw.data()));
  return oid;
}

// A tree to check: where it is, and the trees at the same path in the
// commit's parents (a subtree one of them has is not new).
struct Pending {
  git_oid tree;
  std::string dir;  // "" for the root, else "a/b"
  std::vector<git_oid> parent_trees;
};

std::string Join(const std::string& dir, std::string_view name) {
  return dir.empty() ? std::string(name) : dir + "/" + std::string(name);
}

// A parent tree's entries sorted by name, for lookups (empty if
// unreadable: a parent's tree that cannot be read hides nothing from the
// check).
struct ParentEntries {
  ParsedTree tree;
  std::vector<RawTreeEntry> by_name;

  // The entry named `name` that is (or is not) a directory, if any.
  const RawTreeEntry* Find(std::string_view name, bool dir) const {
    auto it = std::lower_bound(
        by_name.begin(), by_name.end(), name,
        [](const RawTreeEntry& e, std::string_view n) { return e.name < n; });
    for (; it != by_name.end() && it->name == name; ++it) {
      if (IsDir(*it) == dir) return &*it;
    }
    return nullptr;
  }
};

ParentEntries EntriesOf(git_odb* odb, const git_oid& tree) {
  ParentEntries out;
  Result<ParsedTree> parsed = ReadTree(odb, tree);
  if (!parsed.ok() || !parsed->entries.ok()) return out;
  out.tree = std::move(*parsed);
  out.by_name = *out.tree.entries;
  std::sort(out.by_name.begin(), out.by_name.end(),
            [](const RawTreeEntry& a, const RawTreeEntry& b) {
              return a.name < b.name;
            });
  return out;
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
    if (!checked
             .insert(std::string(reinterpret_cast<const char*>(p.tree.id),
                                 GIT_OID_RAWSZ))
             .second) {
      continue;
    }
    Result<ParsedTree> tree = ReadTree(odb.get(), p.tree);
    if (!tree.ok()) return tree.status();
    std::string where = "tree " + OidHex(p.tree) + ": ";
    if (tree->type != GIT_OBJECT_TREE) {
      out.push_back({OidHex(p.tree), p.dir,
                     where + "not a tree but a " +
                         git_object_type2string(tree->type) +
                         " (git fsck: badTree)"});
      continue;
    }
    if (!tree->entries.ok()) {
      out.push_back({OidHex(p.tree), p.dir,
                     where + "cannot be parsed as a tree: " +
                         tree->entries.status().message() +
                         " (git fsck: badTree)"});
      continue;
    }
    const std::vector<RawTreeEntry>& entries = *tree->entries;
    for (TreeProblem& problem : CheckTreeEntries(entries)) {
      out.push_back({OidHex(p.tree), Join(p.dir, problem.name),
                     where + std::move(problem.problem)});
    }
    std::vector<ParentEntries> parents;
    for (const git_oid& parent : p.parent_trees) {
      parents.push_back(EntriesOf(odb.get(), parent));
    }
    for (const RawTreeEntry& e : entries) {
      bool dir = IsDir(e);
      if (bare_names != nullptr && CarriesNoBlob(e)) {
        bool old = false;
        for (const ParentEntries& parent : parents) {
          const RawTreeEntry* there = parent.Find(e.name, dir);
          old |= there != nullptr && there->oid == e.oid;
        }
        if (!old) bare_names->push_back(Join(p.dir, e.name));
      }
      if (!dir) continue;
      Pending next{ToOid(e.oid), Join(p.dir, e.name), {}};
      bool known = false;
      for (const ParentEntries& parent : parents) {
        const RawTreeEntry* there = parent.Find(e.name, true);
        if (there == nullptr) continue;
        known |= there->oid == e.oid;
        next.parent_trees.push_back(ToOid(there->oid));
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
  if (int rc = git_commit_lookup(&raw, RawRepo(repo), &*oid); rc != 0) {
    return GitError(rc, "commit " + commit);
  }
  CommitPtr c(raw);
  Pending root{*git_commit_tree_id(c.get()), "", {}};
  for (unsigned i = 0; i < git_commit_parentcount(c.get()); ++i) {
    git_commit* parent = nullptr;
    if (int rc = git_commit_parent(&parent, c.get(), i); rc != 0) {
      return GitError(rc, "parent of commit " + commit);
    }
    root.parent_trees.push_back(*git_commit_tree_id(parent));
    git_commit_free(parent);
  }
  for (const git_oid& parent_tree : root.parent_trees) {
    if (git_oid_equal(&parent_tree, &root.tree)) {
      return std::vector<MalformedTree>{};
    }
  }
  return Walk(RawRepo(repo), {std::move(root)}, bare_names);
}

Result<std::vector<MalformedTree>> MalformedTreesUnder(
    const Repository& repo, const std::string& tree,
    std::vector<std::string>* bare_names) {
  Result<git_oid> oid = ParseOid(tree);
  if (!oid.ok()) return oid.status();
  return Walk(RawRepo(repo), {Pending{*oid, "", {}}}, bare_names);
}

}  // namespace pushguard::git

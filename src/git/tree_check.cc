#include "git/tree_check.h"

#include <algorithm>
#include <set>

#include "git/raw_trees.h"

namespace pushguard::git {
namespace {

constexpr unsigned kTypeMask = 0170000;
constexpr unsigned kLinkType = 0120000;
constexpr unsigned kDirType = 0040000;
// git fsck's limit on one entry's name (max_tree_entry_len).
constexpr size_t kMaxNameBytes = 4096;

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

// The index of the first entry whose name an earlier entry has (a file and
// a directory of one name too), or entries.size(). In a tree strictly in
// git's order only a file and a directory can share a name (the file sorts
// first): each directory is looked up as a file, without a copy.
size_t FirstDuplicate(const std::vector<RawTreeEntry>& entries,
                      bool strictly_ordered) {
  if (strictly_ordered) {
    for (size_t j = 0; j < entries.size(); ++j) {
      if (!IsDir(entries[j])) continue;
      std::string_view name = entries[j].name;
      auto it =
          std::lower_bound(entries.begin(), entries.begin() + j, name,
                           [](const RawTreeEntry& e, std::string_view n) {
                             return GitOrder(e.name, IsDir(e), n, false) < 0;
                           });
      if (it != entries.begin() + j && it->name == name && !IsDir(*it)) {
        return j;
      }
    }
    return entries.size();
  }
  // Sorted by name, entries of one name are neighbours.
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
  return duplicate;
}

}  // namespace

RawTreeEntry MakeEntry(std::string_view mode, std::string_view name,
                       std::string_view oid) {
  return {mode, name, oid, (ModeValue(mode) & kTypeMask) == kDirType};
}

Result<std::vector<RawTreeEntry>> ParseTree(std::string_view data,
                                            size_t hash_size) {
  std::vector<RawTreeEntry> entries;
  entries.reserve(data.size() / (hash_size + 16));  // a typical entry's size
  size_t at = 0;
  while (at < data.size()) {
    auto bad = [&](const std::string& why) {
      return Status::Corruption("byte " + std::to_string(at) + ": " + why);
    };
    size_t space = data.find(' ', at);
    if (space == std::string_view::npos) return bad("entry without a mode");
    std::string_view mode = data.substr(at, space - at);
    for (char c : mode) {
      if (c < '0' || c > '7') return bad("mode is not octal digits");
    }
    if (mode.size() > 7) return bad("mode too long");
    size_t nul = data.find('\0', space + 1);
    if (nul == std::string_view::npos) return bad("name without a NUL");
    if (data.size() - (nul + 1) < hash_size) return bad("truncated object id");
    entries.push_back(MakeEntry(mode, data.substr(space + 1, nul - space - 1),
                                data.substr(nul + 1, hash_size)));
    at = nul + 1 + hash_size;
  }
  return entries;
}

std::vector<TreeProblem> CheckTreeEntries(
    const std::vector<RawTreeEntry>& entries) {
  std::vector<TreeProblem> all;
  bool unsorted = false;
  bool strictly_ordered = true;
  for (size_t i = 0; i < entries.size(); ++i) {
    const RawTreeEntry& e = entries[i];
    CheckEntry(e, &all);
    const int order = i > 0 ? GitOrder(entries[i - 1], e) : -1;
    strictly_ordered = strictly_ordered && order < 0;
    if (!unsorted && order > 0) {
      unsorted = true;
      all.push_back({std::string(e.name),
                     "entries not sorted: " + Quoted(entries[i - 1].name) +
                         " before " + Quoted(e.name) +
                         " (git fsck: treeNotSorted)"});
    }
  }
  size_t duplicate = FirstDuplicate(entries, strictly_ordered);
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

}  // namespace pushguard::git

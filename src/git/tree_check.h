// Malformed trees: the tree objects git's own fsck refuses because they make a
// checkout differ from what a tree walk sees (two entries of one name, a
// `.git` directory, `..`, a `.gitmodules` that is a symbolic link...).
// libgit2 parses such trees leniently (it normalises modes and keeps
// duplicates that lookups by name then hide), so the checks here read the raw
// object bytes with a strict parser of their own.
//
//   std::vector<TreeProblem> bad = CheckTreeEntries(*ParseTree(bytes));
//   // each: "duplicate entry 'config.env'" at name "config.env"
//
// The commit walk (git/tree_walk.h) applies them to the trees a commit
// brings, as MalformedTree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace pushguard::git {

// One entry of a tree object, as stored: views into the object's bytes,
// valid while they are.
struct RawTreeEntry {
  std::string_view mode;  // the octal digits as written, e.g. "100644"
  std::string_view name;  // raw bytes, never containing NUL
  std::string_view oid;   // the binary object id (hash_size bytes)
  bool dir = false;       // the mode's type bits say directory (IsDir)
};

// An entry of these bytes, `dir` read from the mode (the only way entries
// are made: ParseTree, tests).
RawTreeEntry MakeEntry(std::string_view mode, std::string_view name,
                       std::string_view oid);

// Parses a tree object's content (`<octal mode> SP <name> NUL <hash>`...)
// without copying it. `hash_size` is the binary object id length (20 for
// SHA-1). Corruption, naming the byte offset, when the bytes are not a
// sequence of such entries (a truncated entry, a mode that is not octal
// digits, a missing NUL).
Result<std::vector<RawTreeEntry>> ParseTree(std::string_view data,
                                            size_t hash_size = 20);

// What is wrong with one tree's entries, as git fsck sees it.
struct TreeProblem {
  std::string name;     // the entry concerned ("" for the tree as a whole)
  std::string problem;  // e.g. "duplicate entry 'config.env'"
};

// Every problem in `entries` that git fsck reports as an error or warning
// and that changes what a checkout contains: duplicate names (a file and a
// directory of one name too), entries out of git's order, names that are
// empty, longer than 4,096 bytes, contain '/', or are '.', '..' or '.git'
// (any case, and the HFS+ / NTFS spellings git also refuses: ignorable
// Unicode code points, trailing spaces or dots, `git~1`), a `.gitmodules`
// (any such spelling) that is a symbolic link, zero-padded modes and modes
// other than 100644, 100755, 100664 (old git), 120000, 40000 and 160000.
// Each kind of problem is reported once (its first entry). Names are quoted
// raw: callers escape them for display.
std::vector<TreeProblem> CheckTreeEntries(
    const std::vector<RawTreeEntry>& entries);

// True for names git treats as its own directory on some file system:
// ".git" in any case, HFS+ spellings with ignorable code points, NTFS
// spellings with trailing spaces, dots or an ":stream", and "git~1".
bool IsDotGitName(std::string_view name);
// The same for ".gitmodules" (NTFS short names "gitmod~1", "gi7eba~N").
bool IsDotGitmodulesName(std::string_view name);

// A problem in a tree that a commit (or a tag) brings.
struct MalformedTree {
  std::string tree;     // the tree object's id
  std::string path;     // the entry's full path ("a/b/config.env"), or the
                        // tree's own directory for a problem of the tree
  std::string message;  // "tree <oid>: duplicate entry 'config.env'"
};

}  // namespace pushguard::git

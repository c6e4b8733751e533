// Finds the secrets that commits introduce: every blob they add is scanned
// once, however many commits or refs carry it, and a match counts only on a
// line that a commit adds relative to its parent(s) (for a merge: relative to
// every parent). Secrets already in the repository therefore never block;
// a secret added and removed again inside the range still does. Blobs and
// messages are read as text (policy/match_text.h: UTF-16 decoded, and the
// stored bytes too); lines and columns are those of the text read.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/finding.h"
#include "base/status.h"
#include "git/changes.h"
#include "git/repository.h"
#include "match/matcher.h"

namespace pushguard::policy {

// The commits one ref brings, parents first. `tree` / `blob` are set instead
// when the ref points (through tags) at a tree or a blob.
struct RefContent {
  std::string ref;
  std::string tip;  // the commit the ref's new value peels to, if any
  std::vector<std::string> commits;
  std::string tree;
  std::string blob;
  std::string tag;  // the tag object naming the tree or blob, if any
  // The annotated tags the ref's new value names its target through,
  // outermost first (a tag of a tag: two); their text is scanned.
  std::vector<std::string> tags = {};
  bool new_name = false;  // the ref is created: its name is new text
  // An update of a ref to a commit: whether its old value is an ancestor of
  // its new one (git::Gained::fast_forward); nullopt otherwise.
  std::optional<bool> fast_forward = std::nullopt;
};

// What a push brings to the repository as a whole (git/push_history.h):
// the commits no ref reached before the push, and the tagged trees and
// blobs that no ref named.
struct PushNovelty {
  std::unordered_set<std::string> commits;
  std::unordered_set<std::string> objects;
  // Annotated tags no ref named before the push (a tag chain counts as old
  // when a ref named its outermost tag).
  std::unordered_set<std::string> tags;
};

struct ScanOptions {
  // Hook mode: scan only these commits (and every blob they change), and
  // only these tagged trees and blobs. nullptr: everything given (scan
  // mode). Must outlive the scanner.
  const PushNovelty* novelty = nullptr;
  // Hook mode: whether history before the push provably holds `blob` (it
  // came back by a copy, a revert, a rebase): its findings are then not
  // new. Called from the scanning thread only, for blobs with findings.
  std::function<Result<bool>(const std::string& blob, const std::string& path)>
      in_history;
  size_t threads = 1;  // each with its own repository handle and matcher
  // When reached, scanning stops and Scan() returns a Timeout status.
  std::chrono::steady_clock::time_point deadline =
      std::chrono::steady_clock::time_point::max();
  // Keep what each scanned commit changes (git/tree_walk.h), for the file
  // policies that look at the same commits (see changes()).
  bool keep_changes = false;
  // Scan mode on a partial clone (objects missing by design): a blob the
  // object store lacks is listed in missing_blobs() and left unscanned
  // instead of failing the scan; when only a parent version is missing,
  // every line of the blob counts as added. Never in hook mode, where an
  // object that cannot be read is an error (fail closed).
  bool tolerate_missing_blobs = false;
};

class ContentScanner {
 public:
  // Keeps references to `repo` and `rules`, which must outlive the scanner.
  ContentScanner(const git::Repository& repo, const match::RuleSet& rules,
                 const ScanOptions& options);

  // Appends a Finding for every secret the refs' commits introduce, in
  // history order, then for secrets in the other text they bring
  // (policy/text_scan.h: messages, identities, tags, new ref names, new
  // paths), and a blocking malformed-tree finding for every tree git fsck
  // would refuse (policy/malformed_tree.h); counts commits, blobs and bytes
  // into *stats. Returns
  // the first internal error (unreadable object, regex limit, time budget);
  // findings made before it are kept, but the content is then not fully
  // checked and the caller must decide as for an error.
  Status Scan(const std::vector<RefContent>& refs, std::vector<Finding>* out,
              ScanStats* stats);

  // With ScanOptions::keep_changes: commit -> the blobs it changes, for every
  // commit Scan() diffed. Valid until the scanner is destroyed.
  const std::unordered_map<std::string, std::vector<git::BlobChange>>& changes()
      const {
    return kept_changes_;
  }

  // With ScanOptions::tolerate_missing_blobs: the blobs Scan() could not
  // read because the store lacks them, each once, sorted.
  const std::vector<std::string>& missing_blobs() const {
    return missing_blobs_;
  }

 private:
  const git::Repository& repo_;
  const match::RuleSet& rules_;
  ScanOptions options_;
  std::unordered_map<std::string, std::vector<git::BlobChange>> kept_changes_;
  std::vector<std::string> missing_blobs_;
};

}  // namespace pushguard::policy

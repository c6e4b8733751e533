// Whether a parent's version of a file already holds a finding: the check
// that decides, per finding, that a secret is not new with a commit
// (content_scan.cc). Internal to src/policy/.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "git/changes.h"
#include "git/repository.h"
#include "match/matcher.h"
#include "policy/match_text.h"

namespace pushguard::policy {

// The matches of each blob scanned so far in one scan, per text (as
// ScanTexts gives them for BlobTexts): a parent version that the same scan
// has read already is not read and scanned again (a file changed by
// several commits of a push). Shared by the scan's threads. Holds at most
// kMaxBlobs blobs and kMaxMatches matches in all (memory stays bounded on a
// push of a whole history or of blobs full of matches: a blob not kept is
// simply read again when needed).
class ScannedBlobs {
 public:
  static constexpr size_t kMaxBlobs = 200000;
  static constexpr size_t kMaxMatches = 100000;
  using Matches = std::vector<std::vector<match::SecretMatch>>;
  // Only a blob whose scan succeeded: partial matches would vouch wrongly.
  void Add(const std::string& blob, const Matches& matches);
  // nullptr when `blob` has not been scanned (yet).
  std::shared_ptr<const Matches> Find(const std::string& blob) const;

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const Matches>> blobs_;
  size_t matches_ = 0;  // kept, in all
};

// The parents' versions of one blob's file, read and scanned once per blob,
// and only for a blob with a match (or taken from `scanned`, when given). Keeps
// references to `repo`, `scanner` and `rules`: they must outlive it. One per
// thread (as Scanner).
class ParentTexts {
 public:
  ParentTexts(const git::Repository& repo, match::Scanner& scanner,
              const match::RuleSet& rules,
              const ScannedBlobs* scanned = nullptr)
      : repo_(repo), scanner_(scanner), rules_(rules), scanned_(scanned) {}

  // Whether `parent_blob` holds `m`'s secret as a match of the same rule,
  // read as this blob is read (its texts: policy/match_text.h). The secret's
  // characters alone do not count: inside a longer word no rule matches
  // them, and cutting them out is a new leak. NotFound when the store lacks
  // the parent blob.
  Result<bool> Holds(const std::string& parent_blob,
                     const match::SecretMatch& m);

 private:
  struct Parent {
    explicit Parent(git::BlobContent c) : content(std::move(c)) {}
    git::BlobContent content;
    std::vector<MatchText> texts;
    bool scanned = false;
    std::vector<std::vector<match::SecretMatch>> matches;
  };
  const git::Repository& repo_;
  match::Scanner& scanner_;
  const match::RuleSet& rules_;
  const ScannedBlobs* scanned_;
  std::unordered_map<std::string, std::unique_ptr<Parent>> parents_;
};

}  // namespace pushguard::policy

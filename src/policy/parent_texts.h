// Whether a parent's version of a file already holds a finding: the check
// that decides, per finding, that a secret is not new with a commit
// (content_scan.cc). Internal to src/policy/.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "git/changes.h"
#include "git/repository.h"
#include "match/matcher.h"
#include "policy/match_text.h"

namespace pushguard::policy {

// The parents' versions of one blob's file, read and scanned once per blob,
// and only for a blob with a match. Keeps references to `repo`, `scanner`
// and `rules`: they must outlive it. One per thread (as Scanner).
class ParentTexts {
 public:
  ParentTexts(const git::Repository& repo, match::Scanner& scanner,
              const match::RuleSet& rules)
      : repo_(repo), scanner_(scanner), rules_(rules) {}

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
  std::unordered_map<std::string, std::unique_ptr<Parent>> parents_;
};

}  // namespace pushguard::policy

// Internal to match/: the compiled form of a RuleSet, shared by matcher.cc
// (compilation), scanner.cc and scan_windows.cc (matching) and
// rule_check.cc (rules check).
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "match/keyword_reach.h"
#include "match/matcher.h"
#include "match/prefilter.h"
#include "match/regex.h"

namespace pushguard::match {

using RegexList = std::vector<std::unique_ptr<Regex>>;

struct CompiledRule {
  const rules::SecretRule* spec;
  std::unique_ptr<Regex> regex;
  RegexList allow_regexes;        // against the secret
  RegexList allow_match_regexes;  // against the whole match
  size_t warn_variant = 0;        // entry for weak evidence of a generic rule
  // Whether the rule runs over the whole text when a keyword occurs: its
  // matches may cross a line break (match/line_reach.h) or it says
  // `keyword_scope: file`. Any other rule runs only around its keywords.
  bool whole_text = true;
  // Whether every match holds one of the rule's keywords a bounded distance
  // after its start (match/keyword_reach.h; whole_text rules included):
  // the rule then runs only where that reaches back from such a keyword.
  // Worked out on the rule's first keyword hit (a push runs few rules).
  const std::optional<KeywordAnchor>& anchor() const;
  struct LazyAnchor {
    std::once_flag once;
    std::optional<KeywordAnchor> anchor;
  };
  std::unique_ptr<LazyAnchor> lazy_anchor = std::make_unique<LazyAnchor>();
};

struct RuleSet::Impl {
  rules::MatchSpec spec;
  std::vector<CompiledRule> rules;
  RegexList global_allow_regexes;
  RegexList global_allow_match_regexes;
  std::unique_ptr<KeywordSet> keywords;
  // The rules each keyword gates (ascending), and the rules without
  // keywords, which run on every blob: a blob costs the rules its keywords
  // select, on the lines the keywords are on, not the size of the rule set.
  std::vector<std::vector<size_t>> keyword_rules;
  // Beside keyword_rules: the keyword's index in the rule's keywords.
  std::vector<std::vector<size_t>> keyword_slot;
  std::vector<size_t> ungated_rules;
  // Every rule as a match may refer to it: the rules, then their variants.
  std::deque<rules::SecretRule> variants;
  std::vector<const rules::SecretRule*> entries;
  std::vector<size_t> base_of;  // entry index -> rule index
};

}  // namespace pushguard::match

// Where a rule's keyword must be in each of its matches. A rule whose every
// match contains one of its keywords, at most a known distance from the
// match's start, only needs its regex tried at the start positions that
// reach back that far from a keyword occurrence (the scanner's windows
// shrink from lines or +-1 KiB to a few bytes around each keyword).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pushguard::match {

struct KeywordAnchor {
  // Every match of the pattern contains, at most `reach` bytes after its
  // start, an occurrence (compared case-insensitively) of a keyword k with
  // used[k] true.
  size_t reach = 0;
  std::vector<bool> used;  // per keyword of the rule
};

// The anchor of the PCRE2 `pattern` (8-bit, no UTF mode, as the matcher
// compiles it) for `keywords`, or nullopt when none is provable. Sound, not
// complete: it looks for literal runs holding a keyword in the sequence of
// the pattern (through groups that match once, and alternations whose every
// branch has one) with a bounded length before them, and gives up on
// constructs it does not model (extended mode, back references, recursion,
// conditionals, `\K`, verbs, `\Q`, unusual escapes and quantifiers).
std::optional<KeywordAnchor> FindKeywordAnchor(
    std::string_view pattern, const std::vector<std::string>& keywords);

}  // namespace pushguard::match

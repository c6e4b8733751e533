// Go RE2 regular expressions (the syntax of gitleaks configurations) turned
// into PCRE2 patterns that match the same text, for `pushguard rules import
// gitleaks`. Pure text processing: no regex engine is involved.
//
// What changes on the way (the rest is copied as written):
//   - `$` outside (?m) is `\z`: in Go it matches only at the end of the text,
//     in PCRE2 also before a final newline;
//   - `\s` is [\t\n\f\r ] (PCRE2's \s also takes the vertical tab), `\v` is
//     the vertical tab (in PCRE2 a class of vertical space);
//   - octal escapes and code points are written \x{..}; a code point above
//     U+007F becomes its UTF-8 bytes (pushguard matches bytes, as PCRE2
//     without UTF mode does), grouped so that a repetition repeats the whole
//     character;
//   - a capture group's name is dropped (groups keep their numbers; PCRE2
//     limits names that Go accepts);
//   - a `{` that does not start a repetition is a literal `\{`, as in Go.
// Rejected, with the reason: what Go itself rejects (lookaround,
// backreferences, possessive and nested repetition, \C, \Z, unknown escapes
// or flags), and what PCRE2 on bytes cannot do the same way: Unicode classes
// (\pL, \p{Greek}) and non-ASCII characters inside a bracket class.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace pushguard::rules {

struct Re2Translation {
  std::string pcre2;  // matches what the Go pattern matches
  int groups = 0;     // capturing groups (numbered as in Go)
  // Group 1 takes part in every match and never matches the empty string.
  bool first_group_always_nonempty = false;
  // The longest literal (lowercased) that every match contains; "" if none.
  // A keyword that gates the rule without losing any match.
  std::string required_literal;
};

// The PCRE2 form of Go pattern `re2`, or InvalidArgument naming the
// construct and why ("\\pL: Unicode classes ..."). Never throws.
Result<Re2Translation> TranslateRe2(std::string_view re2);

}  // namespace pushguard::rules

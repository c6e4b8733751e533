// Which rules can match across a line break. A rule whose matches stay on
// one line only needs to run on the lines its keywords occur on (the
// scanner's windows); any other rule runs over the whole blob.
#pragma once

#include <string_view>

namespace pushguard::match {

// Whether some match of the PCRE2 `pattern` (8-bit, no UTF mode, default
// newline convention) may contain a line feed. Conservative: returns true
// unless every construct of the pattern provably excludes '\n' (literals,
// `\w`, `\d`, `\S`, `\h`, `.` without dotall, character classes without
// `\s`, negated classes that exclude `\s` or `\n`). Backtracking verbs such
// as `(*CR)`, dotall flags, `\p`, numeric escapes and POSIX classes other
// than the printable ones count as "may".
bool MayMatchNewline(std::string_view pattern);

}  // namespace pushguard::match

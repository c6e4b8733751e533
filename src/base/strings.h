// Small string helpers shared by every module.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pushguard {

// Makes untrusted text (paths, ref names, commit messages) safe to print on a
// terminal or write to a log line: control characters (including ESC, CR and
// LF), DEL and invalid UTF-8 bytes become visible escapes (\n, \x1b, ...),
// and so do Unicode's bidi controls (U+061C, U+200E, U+200F, U+202A..U+202E,
// U+2066..U+2069 become \u202e ...), which would reorder what is shown.
// Valid UTF-8 and backslashes stay, so regexes and paths read as written
// (a literal "\x1b" and an escaped ESC look alike, harmlessly), and escaping
// twice is the same as escaping once.
std::string EscapeForDisplay(std::string_view text);

// Escapes for a JSON string body (without the quotes). Control characters
// and bidi controls become \uXXXX (the same string once parsed); invalid
// UTF-8 bytes become U+FFFD so the output is valid JSON.
std::string EscapeJson(std::string_view text);

// Lowercases ASCII letters only.
std::string AsciiLower(std::string_view text);

// Replaces *out with the offsets of every '\n' in `text`, in order (16
// bytes at a time where SSE2 is available: a memchr per line costs more
// than the line on short lines).
void NewlineOffsets(std::string_view text, std::vector<size_t>* out);

// The pieces of `text` between `sep`s, empty ones included: n separators
// give n + 1 pieces ("" gives {""}).
std::vector<std::string> Split(std::string_view text, char sep);
// `text` without leading and trailing spaces, tabs, CRs and LFs (a view
// into `text`).
std::string_view Trim(std::string_view text);
bool StartsWith(std::string_view text, std::string_view prefix);

// Levenshtein distance, for "did you mean ...?" hints.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a likely typo
// (distance ≤ max(1, word.size() / 3)); empty otherwise.
std::string DidYouMean(std::string_view word,
                       const std::vector<std::string>& candidates);

// fnmatch-style glob where '*' does not cross '/', '**' does, and '?' is one
// character other than '/'. A pattern without '/' matches the last path
// component (like .gitignore): "*.pem" matches "a/b/key.pem".
bool GlobMatch(std::string_view pattern, std::string_view path);

}  // namespace pushguard

#include "match/line_reach.h"

#include <cctype>
#include <string>

namespace pushguard::match {
namespace {

// Escapes (the letter after '\') that match, or may match, a line feed
// wherever they appear.
bool EscapeMayMatchNewline(char c) {
  switch (c) {
    case 's':
    case 'n':
    case 'v':
    case 'R':
    case 'W':
    case 'D':
    case 'H':
    case 'X':
    case 'C':
    case 'p':
    case 'P':
    case 'x':
    case 'o':
    case 'c':
    case 'N':
    case '0':
      return true;
    default:
      return false;
  }
}

// Escapes that certainly match a line feed (so a negated class holding one
// excludes it).
bool EscapeMatchesNewline(char c) { return c == 's' || c == 'n' || c == 'v'; }

// POSIX classes that exclude the line feed.
bool PrintablePosixClass(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "alpha", "digit", "alnum", "upper", "lower", "xdigit",
      "word",  "punct", "graph", "print", "blank"};
  for (std::string_view n : kNames) {
    if (name == n) return true;
  }
  return false;
}

// Reads the class starting at pattern[i] == '['; sets *end past its ']'.
// Returns whether the class may match a line feed.
bool ClassMayMatchNewline(std::string_view p, size_t i, size_t* end) {
  ++i;
  bool negated = i < p.size() && p[i] == '^';
  if (negated) ++i;
  bool may = false;       // an item may match '\n' (non-negated reading)
  bool excludes = false;  // an item certainly matches '\n' (negated reading)
  bool first = true;
  while (i < p.size() && (p[i] != ']' || first)) {
    first = false;
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      char e = p[i + 1];
      if (EscapeMatchesNewline(e)) excludes = true;
      if (EscapeMayMatchNewline(e) ||
          std::isdigit(static_cast<unsigned char>(e))) {
        may = true;
      }
      i += 2;
      continue;
    }
    if (c == '[' && i + 1 < p.size() && p[i + 1] == ':') {
      size_t close = p.find(":]", i + 2);
      if (close == std::string_view::npos) {
        may = true;
        ++i;
        continue;
      }
      std::string_view name = p.substr(i + 2, close - (i + 2));
      if (name == "space") excludes = true;
      if (!PrintablePosixClass(name)) may = true;
      i = close + 2;
      continue;
    }
    if (c == '\n') excludes = may = true;
    if (static_cast<unsigned char>(c) < 0x20) may = true;
    ++i;
  }
  *end = i < p.size() ? i + 1 : i;
  if (i >= p.size()) return true;  // unterminated: PCRE2 refuses it anyway
  return negated ? !excludes : may;
}

}  // namespace

bool MayMatchNewline(std::string_view p) {
  // Backtracking verbs and option settings may change the newline
  // convention or make '.' match it: give up on such patterns.
  if (p.find("(*") != std::string_view::npos) return true;
  for (size_t at = p.find("(?"); at != std::string_view::npos;
       at = p.find("(?", at + 2)) {
    // Option letters: `(?s)`, `(?is:...)`, `(?-s)`, `(?^s)`.
    for (size_t k = at + 2; k < p.size(); ++k) {
      char f = p[k];
      if (f == 's') return true;
      if (!std::isalpha(static_cast<unsigned char>(f)) && f != '-' &&
          f != '^') {
        break;
      }
    }
  }
  for (size_t i = 0; i < p.size();) {
    char c = p[i];
    if (c == '\\') {
      if (i + 1 >= p.size()) return true;
      char e = p[i + 1];
      if (e == 'Q') {
        size_t close = p.find("\\E", i + 2);
        std::string_view quoted = p.substr(
            i + 2, close == std::string_view::npos ? std::string_view::npos
                                                   : close - (i + 2));
        if (quoted.find('\n') != std::string_view::npos) return true;
        if (close == std::string_view::npos) return false;
        i = close + 2;
        continue;
      }
      if (EscapeMayMatchNewline(e)) return true;
      // `\1` is a back reference (to a group that cannot hold '\n' either);
      // longer numbers may be octal.
      if (std::isdigit(static_cast<unsigned char>(e)) && i + 2 < p.size() &&
          std::isdigit(static_cast<unsigned char>(p[i + 2]))) {
        return true;
      }
      i += 2;
      continue;
    }
    if (c == '[') {
      size_t end = i;
      if (ClassMayMatchNewline(p, i, &end)) return true;
      i = end;
      continue;
    }
    if (c == '\n') return true;
    ++i;
  }
  return false;
}

}  // namespace pushguard::match

#include "match/pattern_class.h"

#include <cctype>

namespace pushguard::match {
namespace {

// Past the POSIX name `[:...:]` at p[i], or npos when PCRE2 does not read
// one there (its check_posix_syntax: the name ends at the first `:]`, and
// a `]` or `[:` before it means `[` is a member).
size_t PosixClassEnd(std::string_view p, size_t i) {
  if (p.compare(i, 2, "[:") != 0) return std::string_view::npos;
  for (size_t j = i + 2; j < p.size(); ++j) {
    if (p[j] == '\\' && j + 1 < p.size() &&
        (p[j + 1] == ']' || p[j + 1] == '\\')) {
      ++j;
    } else if (p[j] == ']' || p.compare(j, 2, "[:") == 0) {
      return std::string_view::npos;
    } else if (p.compare(j, 2, ":]") == 0) {
      return j + 2;
    }
  }
  return std::string_view::npos;
}

}  // namespace

size_t ClassEnd(std::string_view p, size_t open) {
  size_t i = open + 1;
  // As PCRE2: `\E` before the first member (and around `^`) is nothing, so
  // a `]` after it is still the first member.
  bool negated = false;
  while (i < p.size()) {
    if (p.compare(i, 2, "\\E") == 0) {
      i += 2;
    } else if (!negated && p[i] == '^') {
      negated = true;
      ++i;
    } else {
      break;
    }
  }
  bool first = true;
  while (i < p.size() && (p[i] != ']' || first)) {
    first = false;
    if (p[i] == '\\') {
      // `\cX` is one character, whatever X is (`\c]`, `\c\`).
      i += i + 1 < p.size() && p[i + 1] == 'c' ? 3 : 2;
    } else if (size_t end = PosixClassEnd(p, i);
               end != std::string_view::npos) {
      i = end;
    } else {
      ++i;
    }
  }
  return i < p.size() ? i + 1 : std::string_view::npos;
}

std::optional<std::string> ClassMembers(std::string_view cls) {
  std::string_view body = cls.substr(1, cls.size() - 2);
  if (body.empty() || body[0] == '^') return std::nullopt;
  std::string members;
  for (size_t i = 0; i < body.size(); ++i) {
    char m = body[i];
    if (m == '\\') {
      if (i + 1 >= body.size() ||
          std::isalnum(static_cast<unsigned char>(body[i + 1]))) {
        return std::nullopt;
      }
      m = body[++i];
    } else if (m == '[' || (m == '-' && i != 0 && i + 1 != body.size())) {
      return std::nullopt;  // `[:alpha:]`, a range
    }
    members += m;
  }
  return members;
}

}  // namespace pushguard::match

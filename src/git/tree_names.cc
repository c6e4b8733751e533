// The names git refuses in a tree because some file system would take them
// for git's own directory or for .gitmodules: a port of git's is_hfs_dotgit
// (utf8.c) and is_ntfs_dotgit / is_ntfs_dot_generic (path.c).
#include <cctype>
#include <cstdint>

#include "git/tree_check.h"

namespace pushguard::git {
namespace {

// name[i], or '\0' past the end (git's code reads C strings).
char At(std::string_view name, size_t i) {
  return i < name.size() ? name[i] : '\0';
}

char Lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// One UTF-8 character starting at *i, as git's pick_one_utf8_char; -1 for
// malformed UTF-8, 0 at the end.
int32_t NextUtf8(std::string_view s, size_t* i) {
  if (*i >= s.size()) return 0;
  auto at = [&](size_t k) -> uint8_t {
    return *i + k < s.size() ? static_cast<uint8_t>(s[*i + k]) : 0;
  };
  uint8_t c0 = at(0);
  int32_t ch;
  size_t n;
  if (c0 < 0x80) {
    ch = c0;
    n = 1;
  } else if ((c0 & 0xe0) == 0xc0) {
    if ((at(1) & 0xc0) != 0x80 || (c0 & 0xfe) == 0xc0) return -1;
    ch = ((c0 & 0x1f) << 6) | (at(1) & 0x3f);
    n = 2;
  } else if ((c0 & 0xf0) == 0xe0) {
    if ((at(1) & 0xc0) != 0x80 || (at(2) & 0xc0) != 0x80 ||
        (c0 == 0xe0 && (at(1) & 0xe0) == 0x80) ||
        (c0 == 0xed && (at(1) & 0xe0) == 0xa0) ||
        (c0 == 0xef && at(1) == 0xbf && (at(2) & 0xfe) == 0xbe)) {
      return -1;
    }
    ch = ((c0 & 0x0f) << 12) | ((at(1) & 0x3f) << 6) | (at(2) & 0x3f);
    n = 3;
  } else if ((c0 & 0xf8) == 0xf0) {
    if ((at(1) & 0xc0) != 0x80 || (at(2) & 0xc0) != 0x80 ||
        (at(3) & 0xc0) != 0x80 || (c0 == 0xf0 && (at(1) & 0xf0) == 0x80) ||
        (c0 == 0xf4 && at(1) > 0x8f) || c0 > 0xf4) {
      return -1;
    }
    ch = ((c0 & 0x07) << 18) | ((at(1) & 0x3f) << 12) | ((at(2) & 0x3f) << 6) |
         (at(3) & 0x3f);
    n = 4;
  } else {
    return -1;
  }
  *i += n;
  return ch;
}

// The next character HFS+ does not ignore (git's next_hfs_char).
int32_t NextHfsChar(std::string_view s, size_t* i) {
  for (;;) {
    int32_t c = NextUtf8(s, i);
    if (c == -1) return 0;  // malformed: cannot be .git
    if ((c >= 0x200c && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
        (c >= 0x206a && c <= 0x206f) || c == 0xfeff) {
      continue;
    }
    return c;
  }
}

bool IsHfsDot(std::string_view name, std::string_view needle) {
  size_t i = 0;
  if (NextHfsChar(name, &i) != '.') return false;
  for (char want : needle) {
    int32_t c = NextHfsChar(name, &i);
    if (c <= 0 || c > 127 || Lower(static_cast<char>(c)) != want) {
      return false;
    }
  }
  int32_t c = NextHfsChar(name, &i);
  return c == 0 || c == '/';
}

// Only spaces and dots from `i` to the end or an ":stream" (or, with
// `separator_ends`, a directory separator).
bool OnlySpacesAndDots(std::string_view name, size_t i,
                       bool separator_ends = false) {
  for (;; ++i) {
    char c = At(name, i);
    if (c == '\0' || c == ':') return true;
    if (separator_ends && (c == '/' || c == '\\')) return true;
    if (c != ' ' && c != '.') return false;
  }
}

bool IsNtfsDotGit(std::string_view name) {
  size_t i;
  if (At(name, 0) == '.' && Lower(At(name, 1)) == 'g' &&
      Lower(At(name, 2)) == 'i' && Lower(At(name, 3)) == 't') {
    i = 4;
  } else if (Lower(At(name, 0)) == 'g' && Lower(At(name, 1)) == 'i' &&
             Lower(At(name, 2)) == 't' && At(name, 3) == '~' &&
             At(name, 4) == '1') {
    i = 5;
  } else {
    return false;
  }
  return OnlySpacesAndDots(name, i, /*separator_ends=*/true);
}

bool StartsWithNoCase(std::string_view name, size_t at, std::string_view what) {
  for (size_t k = 0; k < what.size(); ++k) {
    if (Lower(At(name, at + k)) != what[k]) return false;
  }
  return true;
}

// git's is_ntfs_dot_generic: ".<name>", "<first 6>~1..4" or the hashed
// 8.3 short name "<prefix>~N".
bool IsNtfsDot(std::string_view name, std::string_view dotless,
               std::string_view short_prefix) {
  if (At(name, 0) == '.' && StartsWithNoCase(name, 1, dotless)) {
    return OnlySpacesAndDots(name, dotless.size() + 1);
  }
  if (StartsWithNoCase(name, 0, dotless.substr(0, 6)) && At(name, 6) == '~' &&
      At(name, 7) >= '1' && At(name, 7) <= '4') {
    return OnlySpacesAndDots(name, 8);
  }
  bool saw_tilde = false;
  for (size_t i = 0; i < 8; ++i) {
    char c = At(name, i);
    if (c == '\0') return false;
    if (saw_tilde) {
      if (c < '0' || c > '9') return false;
    } else if (c == '~') {
      ++i;
      if (At(name, i) < '1' || At(name, i) > '9') return false;
      saw_tilde = true;
    } else if (i >= 6 || (static_cast<unsigned char>(c) & 0x80) ||
               Lower(c) != short_prefix[i]) {
      return false;
    }
  }
  return OnlySpacesAndDots(name, 8);
}

// Whether `test` holds for the name or for any part after a backslash
// (a directory separator on NTFS).
template <typename Test>
bool AnyBackslashPart(std::string_view name, Test test) {
  if (test(name)) return true;
  for (size_t at = name.find('\\'); at != std::string_view::npos;
       at = name.find('\\', at + 1)) {
    if (test(name.substr(at + 1))) return true;
  }
  return false;
}

}  // namespace

bool IsDotGitName(std::string_view name) {
  return IsHfsDot(name, "git") || AnyBackslashPart(name, IsNtfsDotGit);
}

bool IsDotGitmodulesName(std::string_view name) {
  return IsHfsDot(name, "gitmodules") ||
         AnyBackslashPart(name, [](std::string_view part) {
           return IsNtfsDot(part, "gitmodules", "gi7eba");
         });
}

}  // namespace pushguard::git

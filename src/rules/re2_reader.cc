#include "rules/re2_reader.h"

#include <cstdio>

namespace pushguard::rules {
namespace re2 {

std::string Hex(uint32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, c < 0x100 ? "\\x%02X" : "\\x{%X}", c);
  return buf;
}

bool IsAlnum(uint32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

std::string Utf8(uint32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

}  // namespace re2

namespace {

using re2::Hex;
using re2::IsAlnum;

const char* const kPosixClasses[] = {
    "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph",
    "lower", "print", "punct", "space", "upper", "word",  "xdigit"};

// One member's PCRE2 text inside a class.
std::string ClassLiteral(uint32_t c) {
  if (c <= 0x20 || c >= 0x7F) return Hex(c);
  char ch = static_cast<char>(c);
  if (std::string_view("\\[]^-").find(ch) != std::string_view::npos) {
    return std::string("\\") + ch;
  }
  return std::string(1, ch);
}

}  // namespace

bool Re2Reader::Fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
  return false;
}

// One code point of the pattern (UTF-8), at i_.
bool Re2Reader::Rune(uint32_t* c) {
  unsigned char b = p_[i_];
  int extra = b < 0x80         ? 0
              : (b >> 5) == 6  ? 1
              : (b >> 4) == 14 ? 2
              : (b >> 3) == 30 ? 3
                               : -1;
  if (extra < 0 || i_ + extra >= p_.size()) {
    return Fail("invalid UTF-8 in the pattern");
  }
  uint32_t v = extra == 0 ? b : b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    unsigned char cb = p_[i_ + k];
    if ((cb & 0xC0) != 0x80) return Fail("invalid UTF-8 in the pattern");
    v = (v << 6) | (cb & 0x3F);
  }
  i_ += extra + 1;
  *c = v;
  return true;
}

// An escape that stands for one code point (\n, \x41, \101, \.), at '\'.
bool Re2Reader::EscapedLiteral(uint32_t* c) {
  if (i_ + 1 >= p_.size()) return Fail("trailing backslash at end of pattern");
  char e = p_[i_ + 1];
  std::string_view shown = p_.substr(i_, 2);
  i_ += 2;
  switch (e) {
    case 'a':
      *c = 7;
      return true;
    case 'f':
      *c = '\f';
      return true;
    case 't':
      *c = '\t';
      return true;
    case 'n':
      *c = '\n';
      return true;
    case 'r':
      *c = '\r';
      return true;
    case 'v':
      *c = '\v';
      return true;
    case 'x':
      return HexEscape(c);
    case 'p':
    case 'P': {
      size_t end = Peek() == '{' ? p_.find('}', i_) : i_;
      end = end == std::string_view::npos ? p_.size() - 1 : end;
      std::string_view name = p_.substr(i_ - 2, end + 3 - i_);
      return Fail(std::string(name) +
                  ": Unicode classes are not supported (pushguard matches "
                  "bytes, not UTF-8 characters)");
    }
    case 'C':
      return Fail("\\C (any byte) is not RE2 syntax that Go accepts");
  }
  if (e >= '0' && e <= '7') {
    // Go: \0, or a digit followed by more octal digits; \1..\7 alone
    // would be a backreference, which RE2 does not have.
    bool lone = !(Peek() >= '0' && Peek() <= '7');
    if (e != '0' && lone) {
      return Fail(std::string(shown) + ": backreferences are not RE2 syntax");
    }
    uint32_t v = e - '0';
    for (int k = 0; k < 2 && Peek() >= '0' && Peek() <= '7'; ++k) {
      v = v * 8 + (p_[i_++] - '0');
    }
    *c = v;
    return true;
  }
  if (IsAlnum(static_cast<unsigned char>(e)) ||
      static_cast<unsigned char>(e) >= 0x80) {
    return Fail("invalid escape sequence '" + std::string(shown) + "'");
  }
  *c = static_cast<unsigned char>(e);
  return true;
}

// \xHH or \x{H...}, after "\x".
bool Re2Reader::HexEscape(uint32_t* c) {
  auto digit = [](char h) -> int {
    if (h >= '0' && h <= '9') return h - '0';
    if (h >= 'a' && h <= 'f') return h - 'a' + 10;
    if (h >= 'A' && h <= 'F') return h - 'A' + 10;
    return -1;
  };
  uint32_t v = 0;
  if (Peek() == '{') {
    ++i_;
    int n = 0;
    while (!AtEnd() && digit(Peek()) >= 0 && n < 8) {
      v = v * 16 + digit(p_[i_++]);
      ++n;
    }
    if (n == 0 || Peek() != '}' || v > 0x10FFFF) {
      return Fail("invalid escape sequence '\\x{...}'");
    }
    ++i_;
  } else {
    if (digit(Peek()) < 0 || digit(Peek(1)) < 0) {
      return Fail("invalid escape sequence '\\x'");
    }
    v = digit(Peek()) * 16 + digit(Peek(1));
    i_ += 2;
  }
  *c = v;
  return true;
}

// A member of a bracket class at i_: a POSIX class, a Perl class, a literal
// (then *literal is set so the caller can read a range).
bool Re2Reader::ClassMember(std::string* out,
                            std::optional<uint32_t>* literal) {
  literal->reset();
  if (Peek() == '[' && Peek(1) == ':') {
    size_t close = p_.find(":]", i_ + 2);
    if (close != std::string_view::npos) {
      std::string_view name = p_.substr(i_ + 2, close - i_ - 2);
      std::string_view bare = name.starts_with('^') ? name.substr(1) : name;
      for (const char* known : kPosixClasses) {
        if (bare == known) {
          *out += p_.substr(i_, close + 2 - i_);
          i_ = close + 2;
          return true;
        }
      }
      return Fail("invalid character class range '[:" + std::string(name) +
                  ":]'");
    }
  }
  if (Peek() == '\\') {
    char e = Peek(1);
    if (e == 'd' || e == 'D' || e == 'w' || e == 'W') {
      *out += p_.substr(i_, 2);
      i_ += 2;
      return true;
    }
    if (e == 's' || e == 'S') {
      *out += e == 's' ? "\\t\\n\\f\\r\\x20"
                       : "\\x00-\\x08\\x0B\\x0E-\\x1F\\x21-\\xFF";
      i_ += 2;
      return true;
    }
    uint32_t c = 0;
    if (!EscapedLiteral(&c)) return false;
    *literal = c;
  } else {
    uint32_t c = 0;
    if (!Rune(&c)) return false;
    *literal = c;
  }
  if (**literal >= 0x80) {
    return Fail("non-ASCII character " + Hex(**literal) +
                " in a character class: pushguard matches bytes, not UTF-8 "
                "characters");
  }
  return true;
}

bool Re2Reader::Class(std::string* out) {
  size_t start = i_++;
  *out += '[';
  if (Peek() == '^') {
    *out += '^';
    ++i_;
  }
  bool first = true;
  while (true) {
    if (AtEnd()) {
      return Fail("missing closing ]: '" + std::string(p_.substr(start)) + "'");
    }
    if (Peek() == ']' && !first) break;
    first = false;
    std::optional<uint32_t> lo;
    std::string member;
    if (Peek() == ']') {  // ']' first is a literal
      ++i_;
      lo = ']';
    } else if (!ClassMember(&member, &lo)) {
      return false;
    }
    if (lo && Peek() == '-' && Peek(1) != ']' && i_ + 1 < p_.size()) {
      ++i_;
      std::optional<uint32_t> hi;
      std::string ignored;
      if (!ClassMember(&ignored, &hi)) return false;
      if (!hi || *hi < *lo) {
        return Fail("invalid character class range in '" +
                    std::string(p_.substr(start, i_ - start)) + "'");
      }
      *out += ClassLiteral(*lo) + "-" + ClassLiteral(*hi);
    } else {
      *out += lo ? ClassLiteral(*lo) : member;
    }
  }
  ++i_;
  *out += ']';
  return true;
}

}  // namespace pushguard::rules

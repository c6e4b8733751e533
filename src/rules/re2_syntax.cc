#include "rules/re2_syntax.h"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <vector>

namespace pushguard::rules {
namespace {

constexpr int kMaxDepth = 1000;   // Go's nesting limit
constexpr int kMaxRepeat = 1000;  // Go's largest {n,m}

struct Flags {
  bool caseless = false;   // (?i)
  bool multiline = false;  // (?m)
};

// What a piece of pattern is known to match.
struct Info {
  bool nullable = false;             // may match the empty string
  std::optional<std::string> exact;  // matches exactly this (lowercased)
  std::string best;                  // longest literal every match holds
};

struct Group {
  bool conditional = false;  // inside an alternative or optional repetition
  bool nullable = false;
};

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

const char* const kPosixClasses[] = {
    "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph",
    "lower", "print", "punct", "space", "upper", "word",  "xdigit"};

class Translator {
 public:
  explicit Translator(std::string_view p) : p_(p) {}

  Result<Re2Translation> Run() {
    Flags flags;
    Info info;
    std::string out;
    if (!Alt(flags, &info, &out)) return Status::InvalidArgument(error_);
    if (i_ < p_.size()) return Status::InvalidArgument("unexpected ')'");
    Re2Translation t;
    t.pcre2 = std::move(out);
    t.groups = static_cast<int>(groups_.size());
    t.first_group_always_nonempty =
        !groups_.empty() && !groups_[0].conditional && !groups_[0].nullable;
    t.required_literal = info.best;
    return t;
  }

 private:
  bool Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }
  bool AtEnd() const { return i_ >= p_.size(); }
  char Peek(size_t ahead = 0) const {
    return i_ + ahead < p_.size() ? p_[i_ + ahead] : '\0';
  }

  // Alternatives up to an unmatched ')' or the end.
  bool Alt(Flags& flags, Info* info, std::string* out) {
    size_t first_group = groups_.size();
    int branches = 0;
    while (true) {
      Info branch;
      if (!Concat(flags, &branch, out)) return false;
      *info = ++branches == 1 ? branch
                              : Info{info->nullable || branch.nullable, {}, ""};
      if (AtEnd() || Peek() != '|') break;
      *out += '|';
      ++i_;
    }
    if (branches > 1) {
      for (size_t g = first_group; g < groups_.size(); ++g) {
        groups_[g].conditional = true;
      }
    }
    return true;
  }

  bool Concat(Flags& flags, Info* info, std::string* out) {
    std::string run;
    bool all_exact = true;
    std::string exact;
    info->nullable = true;
    while (!AtEnd() && Peek() != '|' && Peek() != ')') {
      Info item;
      if (!Repeat(flags, &item, out)) return false;
      info->nullable = info->nullable && item.nullable;
      if (item.exact) {
        run += *item.exact;
        exact += *item.exact;
        continue;
      }
      all_exact = false;
      if (run.size() > info->best.size()) info->best = run;
      if (item.best.size() > info->best.size()) info->best = item.best;
      run.clear();
    }
    if (run.size() > info->best.size()) info->best = run;
    if (all_exact) info->exact = exact;
    return true;
  }

  // {n}, {n,} or {n,m} at i_, without consuming it; false if not one.
  bool ParseBraces(size_t* length, int* min, int* max) const {
    size_t j = i_ + 1;
    auto number = [&](int* n) {
      size_t start = j;
      long v = 0;
      while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9' && j - start < 8) {
        v = v * 10 + (p_[j++] - '0');
      }
      *n = static_cast<int>(v);
      return j > start;
    };
    if (!number(min)) return false;
    *max = *min;
    if (j < p_.size() && p_[j] == ',') {
      ++j;
      if (!number(max)) *max = -1;
    }
    if (j >= p_.size() || p_[j] != '}') return false;
    *length = j + 1 - i_;
    return true;
  }

  bool Repeat(Flags& flags, Info* info, std::string* out) {
    size_t first_group = groups_.size();
    if (!Atom(flags, info, out)) return false;
    bool repeated = false;
    while (!AtEnd() && !quoting_) {
      int min = 0, max = -1;
      size_t length = 1;
      char c = Peek();
      if (c == '*') {
        min = 0;
      } else if (c == '+') {
        min = 1;
      } else if (c == '?') {
        max = 1;
      } else if (c != '{' || !ParseBraces(&length, &min, &max)) {
        break;
      }
      if (repeated) {
        return Fail("invalid nested repetition operator '" +
                    std::string(p_.substr(i_, length)) + "'");
      }
      if (min > kMaxRepeat || max > kMaxRepeat || (max >= 0 && max < min)) {
        return Fail("invalid repeat count '" +
                    std::string(p_.substr(i_, length)) + "'");
      }
      repeated = true;
      *out += p_.substr(i_, length);
      i_ += length;
      if (!AtEnd() && Peek() == '?') {  // lazy
        *out += '?';
        ++i_;
      }
      if (min == 0) {
        for (size_t g = first_group; g < groups_.size(); ++g) {
          groups_[g].conditional = true;
        }
      }
      info->nullable = info->nullable || min == 0;
      if (min == 0) info->best.clear();
      info->exact.reset();
    }
    return true;
  }

  // One code point of the pattern (UTF-8), at i_.
  bool Rune(uint32_t* c) {
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

  // A literal code point outside a class.
  bool Literal(const Flags& flags, uint32_t c, Info* info, std::string* out) {
    static const std::string kMeta = "\\^$.|?*+()[]{}";
    info->nullable = false;
    if (c >= 0x80) {
      if (flags.caseless) {
        return Fail("non-ASCII character " + Hex(c) +
                    " under (?i): pushguard folds ASCII letters only");
      }
      std::string bytes = Utf8(c);
      *out += "(?:";
      for (char b : bytes) *out += Hex(static_cast<unsigned char>(b));
      *out += ")";
      info->exact = bytes;
    } else {
      char ch = static_cast<char>(c);
      if (kMeta.find(ch) != std::string::npos) {
        *out += '\\';
        *out += ch;
      } else if (c >= 0x20 && c < 0x7F) {
        *out += ch;
      } else {
        *out += Hex(c);
      }
      info->exact = std::string(1, Lower(ch));
    }
    info->best = *info->exact;
    return true;
  }

  bool Atom(Flags& flags, Info* info, std::string* out) {
    if (quoting_) {
      if (Peek() == '\\' && Peek(1) == 'E') {
        i_ += 2;
        if (!AtEnd() &&
            std::string_view("*+?{").find(Peek()) != std::string_view::npos) {
          return Fail("a repetition right after \\E is not supported");
        }
        quoting_ = false;
        info->nullable = true;
        info->exact = "";
        return true;
      }
      uint32_t c = 0;
      return Rune(&c) && Literal(flags, c, info, out);
    }
    char c = Peek();
    switch (c) {
      case '(':
        return GroupAtom(flags, info, out);
      case '[':
        info->nullable = false;
        return Class(out);
      case '.':
        ++i_;
        *out += '.';
        info->nullable = false;
        return true;
      case '^':
        ++i_;
        *out += '^';
        info->nullable = true;
        info->exact = "";
        return true;
      case '$':
        ++i_;
        *out += flags.multiline ? "$" : "\\z";
        info->nullable = true;
        info->exact = "";
        return true;
      case '*':
      case '+':
      case '?':
        return Fail(std::string("missing argument to repetition operator '") +
                    c + "'");
      case '\\':
        return EscapeAtom(flags, info, out);
      case '{': {
        size_t length = 0;
        int min = 0, max = 0;
        if (ParseBraces(&length, &min, &max)) {
          return Fail("missing argument to repetition operator '" +
                      std::string(p_.substr(i_, length)) + "'");
        }
        ++i_;
        return Literal(flags, '{', info, out);
      }
      default: {
        uint32_t r = 0;
        return Rune(&r) && Literal(flags, r, info, out);
      }
    }
  }

  bool GroupAtom(Flags& flags, Info* info, std::string* out) {
    if (++depth_ > kMaxDepth) return Fail("expression nests too deeply");
    ++i_;  // '('
    Flags inner = flags;
    if (Peek() == '?') {
      std::string_view rest = p_.substr(i_);
      if (rest.starts_with("?P<") ||
          (rest.starts_with("?<") && rest.size() > 2 && rest[2] != '=' &&
           rest[2] != '!')) {
        size_t close = p_.find('>', i_);
        if (close == std::string_view::npos) {
          return Fail("invalid named capture: missing '>'");
        }
        size_t name = i_ + (rest[1] == 'P' ? 3 : 2);
        if (close == name) return Fail("invalid named capture: empty name");
        for (size_t k = name; k < close; ++k) {
          if (!IsAlnum(static_cast<unsigned char>(p_[k])) && p_[k] != '_') {
            return Fail("invalid named capture '" +
                        std::string(p_.substr(name, close - name)) + "'");
          }
        }
        i_ = close + 1;  // the name is dropped; the group keeps its number
      } else {
        return FlagGroup(flags, info, out);
      }
    }
    size_t index = groups_.size();
    groups_.push_back({});
    *out += '(';
    if (!Alt(inner, info, out)) return false;
    if (AtEnd()) return Fail("missing closing ')'");
    ++i_;
    *out += ')';
    groups_[index].nullable = info->nullable;
    --depth_;
    return true;
  }

  // (?flags) or (?flags:re), at "?".
  bool FlagGroup(Flags& flags, Info* info, std::string* out) {
    size_t start = i_ - 1;
    ++i_;
    Flags changed = flags;
    bool negate = false, any = false;
    while (!AtEnd() && Peek() != ')' && Peek() != ':') {
      char f = p_[i_++];
      if (f == '-' && !negate) {
        negate = true;
        continue;
      }
      if (f == 'i') {
        changed.caseless = !negate;
      } else if (f == 'm') {
        changed.multiline = !negate;
      } else if (f != 's' && f != 'U') {
        size_t end = p_.find(')', i_);
        return Fail("not RE2 syntax (gitleaks rejects it too): '" +
                    std::string(p_.substr(start, end == std::string_view::npos
                                                     ? p_.size() - start
                                                     : end + 1 - start)) +
                    "'");
      }
      any = true;
    }
    bool bare = !any && !negate && Peek() == ':';  // (?:re)
    if (AtEnd() || (!any && !bare) || p_[i_ - 1] == '-') {
      return Fail("invalid or unsupported Perl syntax at '" +
                  std::string(p_.substr(start, 6)) + "'");
    }
    std::string text(p_.substr(start, i_ - start));
    if (Peek() == ')') {  // (?flags): to the end of the enclosing group
      ++i_;
      flags = changed;
      *out += text + ")";
      info->nullable = true;
      info->exact = "";
      --depth_;
      return true;
    }
    ++i_;  // ':'
    *out += text + ":";
    if (!Alt(changed, info, out)) return false;
    if (AtEnd()) return Fail("missing closing ')'");
    ++i_;
    *out += ')';
    --depth_;
    return true;
  }

  // An escape outside a class.
  bool EscapeAtom(Flags& flags, Info* info, std::string* out) {
    char e = Peek(1);
    switch (e) {
      case 'A':
      case 'z':
      case 'b':
      case 'B':
        i_ += 2;
        *out += '\\';
        *out += e;
        info->nullable = true;
        info->exact = "";
        return true;
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        i_ += 2;
        *out += '\\';
        *out += e;
        info->nullable = false;
        return true;
      case 's':
      case 'S':
        i_ += 2;
        *out += e == 's' ? "[\\t\\n\\f\\r ]" : "[^\\t\\n\\f\\r ]";
        info->nullable = false;
        return true;
      case 'Q':
        i_ += 2;
        quoting_ = true;
        info->nullable = true;
        info->exact = "";
        return true;
    }
    uint32_t c = 0;
    return EscapedLiteral(&c) && Literal(flags, c, info, out);
  }

  // An escape that stands for one code point (\n, \x41, \101, \.), at '\'.
  bool EscapedLiteral(uint32_t* c) {
    if (i_ + 1 >= p_.size())
      return Fail("trailing backslash at end of pattern");
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
  bool HexEscape(uint32_t* c) {
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

  bool Class(std::string* out);
  bool ClassMember(std::string* out, std::optional<uint32_t>* literal);

  std::string_view p_;
  size_t i_ = 0;
  int depth_ = 0;
  bool quoting_ = false;  // inside \Q...\E
  std::string error_;
  std::vector<Group> groups_;
};

// One member's PCRE2 text inside a class.
std::string ClassLiteral(uint32_t c) {
  if (c <= 0x20 || c >= 0x7F) return Hex(c);
  char ch = static_cast<char>(c);
  if (std::string_view("\\[]^-").find(ch) != std::string_view::npos) {
    return std::string("\\") + ch;
  }
  return std::string(1, ch);
}

// A member of a bracket class at i_: a POSIX class, a Perl class, a literal
// (then *literal is set so the caller can read a range).
bool Translator::ClassMember(std::string* out,
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

bool Translator::Class(std::string* out) {
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

}  // namespace

Result<Re2Translation> TranslateRe2(std::string_view re2) {
  return Translator(re2).Run();
}

}  // namespace pushguard::rules

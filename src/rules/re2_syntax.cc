#include "rules/re2_syntax.h"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <vector>

#include "rules/re2_reader.h"

namespace pushguard::rules {
namespace {

using re2::Hex;
using re2::IsAlnum;
using re2::Lower;
using re2::Utf8;

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

class Translator : private Re2Reader {
 public:
  explicit Translator(std::string_view p) : Re2Reader(p) {}

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

  int depth_ = 0;
  bool quoting_ = false;  // inside \Q...\E
  std::vector<Group> groups_;
};

}  // namespace

Result<Re2Translation> TranslateRe2(std::string_view re2) {
  return Translator(re2).Run();
}

}  // namespace pushguard::rules

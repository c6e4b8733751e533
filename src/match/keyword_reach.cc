#include "match/keyword_reach.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "base/strings.h"
#include "match/pattern_class.h"

namespace pushguard::match {
namespace {

// Lengths beyond kCap count as unbounded (kUnbounded).
constexpr size_t kUnbounded = SIZE_MAX;
constexpr size_t kCap = size_t{1} << 20;

size_t Add(size_t a, size_t b) {
  if (a == kUnbounded || b == kUnbounded || a + b > kCap) return kUnbounded;
  return a + b;
}

size_t Times(size_t a, size_t n) {
  if (a == 0) return 0;
  if (a == kUnbounded || n == kUnbounded || n > kCap / a) return kUnbounded;
  return a * n;
}

// What a piece of pattern is known to match: at most max_len bytes, and an
// occurrence of a used keyword at most `anchor` bytes after its start
// (kUnbounded: no such guarantee).
struct Part {
  size_t max_len = 0;
  size_t anchor = kUnbounded;
  std::vector<bool> used;
};

// A recursive-descent reading of the pattern that only computes Parts; any
// construct it does not model sets failed_.
class Parser {
 public:
  Parser(std::string_view pattern, const std::vector<std::string>& keywords)
      : p_(pattern), keywords_(keywords) {
    for (const std::string& k : keywords) lower_.push_back(AsciiLower(k));
  }
  bool failed() const { return failed_; }
  bool at_end() const { return i_ >= p_.size(); }

  // Branches up to a ')' or the end (neither consumed).
  Part Alternation() {
    Part all;
    all.used.assign(keywords_.size(), false);
    bool every_branch_anchored = true;
    while (!failed_) {
      Part branch = Sequence();
      all.max_len = std::max(all.max_len, branch.max_len);
      if (branch.anchor == kUnbounded) {
        every_branch_anchored = false;
      } else {
        all.anchor = all.anchor == kUnbounded
                         ? branch.anchor
                         : std::max(all.anchor, branch.anchor);
        for (size_t k = 0; k < all.used.size(); ++k) {
          if (branch.used[k]) all.used[k] = true;
        }
      }
      if (at_end() || p_[i_] != '|') break;
      ++i_;
    }
    if (!every_branch_anchored) all.anchor = kUnbounded;
    return all;
  }

 private:
  // At most this many spellings of a run are followed (`api[_.-]?key` has
  // four); beyond it the class counts as any byte.
  static constexpr size_t kMaxSpellings = 64;

  // The state of one branch being read.
  struct Branch {
    Part part;  // part.max_len: the length so far
    // The literal bytes read in a row, as every spelling the pattern allows
    // for them (more than one after a small class: `api[_.-]?key`); empty
    // when there is no run.
    std::vector<std::string> run;
    size_t run_start{};  // the length before the run
  };

  Part Sequence() {
    Branch b;
    b.part.used.assign(keywords_.size(), false);
    while (!failed_ && !at_end() && p_[i_] != '|' && p_[i_] != ')') {
      char c = p_[i_];
      if (c == '(') {
        Group(b);
      } else if (c == '[') {
        size_t start = i_;
        SkipClass();
        if (!failed_ && !SpellClass(b, p_.substr(start, i_ - start))) {
          OneByte(b);
        }
      } else if (c == '\\') {
        Escape(b);
      } else if (c == '.') {
        ++i_;
        OneByte(b);
      } else if (c == '^' || c == '$') {
        ++i_;
        ZeroWidth(b);
      } else if (c == '*' || c == '+' || c == '?' || c == '{') {
        failed_ = true;  // a quantifier with nothing to repeat, or a literal
      } else {
        ++i_;
        Literal(b, c);
      }
    }
    FlushRun(b);
    return std::move(b.part);
  }

  // Reads a quantifier at i_, if any: its largest count (kUnbounded for
  // `*`, `+`, `{n,}`); 1 when there is none.
  size_t Quantifier() {
    if (at_end()) return 1;
    size_t max = 1;
    char c = p_[i_];
    if (c == '*' || c == '+') {
      max = kUnbounded;
      ++i_;
    } else if (c == '?') {
      ++i_;
    } else if (c == '{') {
      size_t close = p_.find('}', i_);
      std::string_view body = close == std::string_view::npos
                                  ? ""
                                  : p_.substr(i_ + 1, close - i_ - 1);
      size_t comma = body.find(',');
      std::string_view low = body.substr(0, comma);
      std::string_view high =
          comma == std::string_view::npos ? low : body.substr(comma + 1);
      auto digits = [](std::string_view s) {
        return !s.empty() && s.size() < 7 &&
               std::all_of(s.begin(), s.end(),
                           [](char d) { return d >= '0' && d <= '9'; });
      };
      if (!digits(low) || !(digits(high) || high.empty())) {
        failed_ = true;  // `{` as a literal, or `{,n}` (version-dependent)
        return 1;
      }
      max = high.empty() ? kUnbounded : std::stoul(std::string(high));
      i_ = close + 1;
    } else {
      return 1;
    }
    if (!at_end() && (p_[i_] == '?' || p_[i_] == '+'))
      ++i_;  // lazy, possessive
    return max;
  }

  bool QuantifierFollows() const {
    if (at_end()) return false;
    char c = p_[i_];
    return c == '*' || c == '+' || c == '?' || c == '{';
  }

  // The run ends: it anchors the branch if every spelling of it holds a
  // keyword (at the farthest of their nearest keywords).
  void FlushRun(Branch& b) {
    if (!b.run.empty() && b.part.anchor == kUnbounded &&
        b.run_start != kUnbounded) {
      size_t farthest = 0;
      std::vector<bool> used(lower_.size(), false);
      bool every = true;
      for (const std::string& spelling : b.run) {
        std::string run = AsciiLower(spelling);
        size_t best = kUnbounded, which = 0;
        for (size_t k = 0; k < lower_.size(); ++k) {
          if (lower_[k].empty()) continue;
          size_t at = run.find(lower_[k]);
          if (at != std::string::npos && at < best) {
            best = at;
            which = k;
          }
        }
        if (best == kUnbounded) {
          every = false;
          break;
        }
        farthest = std::max(farthest, best);
        used[which] = true;
      }
      if (every) {
        b.part.anchor = b.run_start + farthest;
        b.part.used = std::move(used);
      }
    }
    b.run.clear();
  }

  void Literal(Branch& b, char c) {
    if (QuantifierFollows()) {
      FlushRun(b);
      b.part.max_len = Add(b.part.max_len, Times(1, Quantifier()));
      return;
    }
    if (b.run.empty()) {
      b.run.emplace_back();
      b.run_start = b.part.max_len;
    }
    for (std::string& spelling : b.run) spelling += c;
    b.part.max_len = Add(b.part.max_len, 1);
  }

  // A class that matches once or not at all (`[_.-]?`) and lists a few
  // bytes continues the run in every spelling: false (nothing read past
  // the class) when it is not one.
  bool SpellClass(Branch& b, std::string_view cls) {
    std::optional<std::string> members = ClassMembers(cls);
    if (!members) return false;
    bool optional = false;
    if (!at_end() && p_[i_] == '?') {
      optional = true;
    } else if (QuantifierFollows()) {
      return false;
    }
    size_t spellings = std::max<size_t>(b.run.size(), 1) *
                       (members->size() + (optional ? 1 : 0));
    if (spellings > kMaxSpellings) return false;
    if (optional) {
      ++i_;
      if (!at_end() && (p_[i_] == '?' || p_[i_] == '+')) ++i_;
    }
    if (b.run.empty()) {
      b.run.emplace_back();
      b.run_start = b.part.max_len;
    }
    // The last member extends the spelling in place: a run of many
    // one-member classes (`[.]`) costs no copy of the run per class.
    std::vector<std::string> next;
    for (std::string& spelling : b.run) {
      if (optional) next.push_back(spelling);
      for (size_t k = 0; k + 1 < members->size(); ++k) {
        next.push_back(spelling + (*members)[k]);
      }
      spelling += members->back();
      next.push_back(std::move(spelling));
    }
    b.run = std::move(next);
    b.part.max_len = Add(b.part.max_len, 1);
    return true;
  }

  void OneByte(Branch& b) {
    FlushRun(b);
    b.part.max_len = Add(b.part.max_len, Times(1, Quantifier()));
  }

  void ZeroWidth(Branch& b) {
    FlushRun(b);
    Quantifier();
  }

  void SkipClass() {
    size_t end = ClassEnd(p_, i_);
    if (end == std::string_view::npos) failed_ = true;
    i_ = end == std::string_view::npos ? p_.size() : end;
  }

  // Skips `{...}` at i_ if `braces` (as in `\x{41}`), or up to `count`
  // characters from `allowed`.
  void SkipEscapeBody(bool braces, std::string_view allowed, size_t count) {
    if (braces && !at_end() && p_[i_] == '{') {
      size_t close = p_.find('}', i_);
      if (close == std::string_view::npos) failed_ = true;
      i_ = close == std::string_view::npos ? p_.size() : close + 1;
      return;
    }
    while (count-- > 0 && !at_end() &&
           allowed.find(p_[i_]) != std::string_view::npos) {
      ++i_;
    }
  }

  void Escape(Branch& b) {
    if (i_ + 1 >= p_.size()) {
      failed_ = true;
      return;
    }
    char e = p_[i_ + 1];
    i_ += 2;
    if (!std::isalnum(static_cast<unsigned char>(e))) return Literal(b, e);
    constexpr std::string_view kOneByte = "dDwWsShHvVnrtfea";
    // Not \G: it asserts the search's start offset, so a match there would
    // depend on where the search began.
    constexpr std::string_view kZeroWidth = "bBAzZ";
    if (kOneByte.find(e) != std::string_view::npos) return OneByte(b);
    if (kZeroWidth.find(e) != std::string_view::npos) return ZeroWidth(b);
    switch (e) {
      case 'x':
        SkipEscapeBody(true, "0123456789abcdefABCDEF", 2);
        return OneByte(b);
      case '0':
        SkipEscapeBody(false, "01234567", 2);
        return OneByte(b);
      case 'o':
        if (at_end() || p_[i_] != '{') break;
        SkipEscapeBody(true, "", 0);
        return OneByte(b);
      case 'c':
        if (at_end()) break;
        ++i_;
        return OneByte(b);
      case 'p':
      case 'P':
        // `\pL` or `\p{...}`: a `{` after `\pL` is a quantifier.
        if (!at_end() && p_[i_] != '{') {
          ++i_;
        } else {
          SkipEscapeBody(true, "", 0);
        }
        return OneByte(b);  // one byte: no UTF mode
      default:
        break;
    }
    failed_ = true;  // back references, \K, \Q, \X, \R, \N, \g, \k, ...
  }

  // Option letters at i_ up to ':' or ')': false (and failed_) when they
  // include extended mode (`x`) or are not option letters (`(?R)`, `(?1)`).
  bool Options() {
    constexpr std::string_view kLetters = "imnsUJ-^";
    while (!at_end() && p_[i_] != ':' && p_[i_] != ')') {
      char f = p_[i_++];
      if (kLetters.find(f) == std::string_view::npos) {
        failed_ = true;
        return false;
      }
    }
    return !at_end();
  }

  void Group(Branch& b) {
    ++i_;  // '('
    enum { kGroup, kLook, kSetting } kind = kGroup;
    std::string_view rest = p_.substr(i_);
    if (rest.starts_with("*")) {
      failed_ = true;  // verbs, `(*positive_lookahead:` ...
      return;
    }
    if (rest.starts_with("?#")) {
      size_t close = p_.find(')', i_);
      if (close == std::string_view::npos) failed_ = true;
      i_ = close == std::string_view::npos ? p_.size() : close + 1;
      return;
    }
    if (rest.starts_with("?:") || rest.starts_with("?>") ||
        rest.starts_with("?|")) {
      i_ += 2;
    } else if (rest.starts_with("?=") || rest.starts_with("?!")) {
      kind = kLook;
      i_ += 2;
    } else if (rest.starts_with("?<=") || rest.starts_with("?<!")) {
      kind = kLook;
      i_ += 3;
    } else if (rest.starts_with("?<") || rest.starts_with("?P<") ||
               rest.starts_with("?'")) {
      size_t close = p_.find_first_of(">'", i_ + 2);
      if (close == std::string_view::npos) {
        failed_ = true;
        return;
      }
      i_ = close + 1;
    } else if (rest.starts_with("?")) {
      ++i_;
      if (!Options()) return;
      kind = p_[i_] == ')' ? kSetting : kGroup;
      ++i_;
      if (kind == kSetting) return ZeroWidth(b);
    }
    Part inner = Alternation();
    if (failed_ || at_end() || p_[i_] != ')') {
      failed_ = true;
      return;
    }
    ++i_;
    if (kind == kLook) return ZeroWidth(b);
    FlushRun(b);
    bool once = !QuantifierFollows();
    size_t count = Quantifier();
    if (once && inner.anchor != kUnbounded && b.part.anchor == kUnbounded &&
        b.part.max_len != kUnbounded) {
      b.part.anchor = Add(b.part.max_len, inner.anchor);
      if (b.part.anchor != kUnbounded) b.part.used = inner.used;
    }
    b.part.max_len = Add(b.part.max_len, Times(inner.max_len, count));
  }

  std::string_view p_;
  size_t i_ = 0;
  const std::vector<std::string>& keywords_;
  std::vector<std::string> lower_;
  bool failed_ = false;
};

}  // namespace

std::optional<KeywordAnchor> FindKeywordAnchor(
    std::string_view pattern, const std::vector<std::string>& keywords) {
  // `\Q...\E` quotes anything, classes included: not modelled.
  if (pattern.find("\\Q") != std::string_view::npos) return std::nullopt;
  Parser parser(pattern, keywords);
  Part whole = parser.Alternation();
  if (parser.failed() || !parser.at_end() || whole.anchor == kUnbounded) {
    return std::nullopt;
  }
  return KeywordAnchor{whole.anchor, std::move(whole.used)};
}

}  // namespace pushguard::match

// Keyword anchors (match/keyword_reach.h) against PCRE2 itself: for
// generated patterns and subjects, every match the matcher finds must hold a
// used keyword at most `reach` bytes after its start, or the scanner, which
// runs an anchored rule only that far before its keywords, misses it.
#include <doctest/doctest.h>
#include <time.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "base/strings.h"
#include "match/keyword_reach.h"
#include "match/regex.h"

namespace pushguard::match {
namespace {

// Where the first match found from each start offset of `subject` breaks
// the anchor (a start with no used keyword occurrence beginning within
// `reach` bytes of it): that offset, or -1. These are the matches the
// scanner's searches find.
long Violation(const Regex& regex, const KeywordAnchor& anchor,
               const std::vector<std::string>& keywords,
               const std::string& subject, size_t* matches = nullptr) {
  RegexMatcher matcher;
  const std::string lower = AsciiLower(subject);
  for (size_t start = 0; start <= subject.size(); ++start) {
    if (matcher.Find(regex, subject, start) != RegexMatcher::Outcome::kMatch) {
      break;
    }
    const size_t at = matcher.Group(0).start;
    if (matches != nullptr) ++*matches;
    bool held = false;
    for (size_t k = 0; k < keywords.size() && !held; ++k) {
      if (!anchor.used[k]) continue;
      size_t hit = lower.find(AsciiLower(keywords[k]), at);
      held = hit != std::string::npos && hit - at <= anchor.reach;
    }
    if (!held) return static_cast<long>(at);
    start = at;
  }
  return -1;
}

// Whether the analysis of `pattern` is broken by `subject`.
bool Broken(const std::string& pattern,
            const std::vector<std::string>& keywords,
            const std::string& subject) {
  Regex regex(pattern);
  REQUIRE_MESSAGE(regex.ok(), pattern, ": ", regex.error());
  std::optional<KeywordAnchor> anchor = FindKeywordAnchor(pattern, keywords);
  if (!anchor) return false;
  return Violation(regex, *anchor, keywords, subject) >= 0;
}

// A small random pattern over `keywords`' letters: literals, classes (with
// the syntax PCRE2 reads specially: `]` first, `-`, escapes, POSIX names),
// quantifiers, groups of every kind, alternations, option settings.
class PatternMaker {
 public:
  explicit PatternMaker(uint32_t seed) : rng_(seed) {}

  std::string Make() { return Alternation(0); }
  // Bytes the pattern's atoms are made of (for subjects that match).
  const std::vector<std::string>& pieces() const { return pieces_; }

 private:
  size_t Pick(size_t n) { return rng_() % n; }

  std::string Alternation(int depth) {
    std::string out = Sequence(depth);
    while (Pick(5) == 0) out += "|" + Sequence(depth);
    return out;
  }

  std::string Sequence(int depth) {
    std::string out;
    size_t n = 1 + Pick(5);
    for (size_t i = 0; i < n; ++i) out += Item(depth);
    return out;
  }

  std::string Item(int depth) {
    std::string item = Quantified(depth);
    if (item.find('[') == std::string::npos && item.size() > 2) {
      pieces_.push_back(item);  // a keyword, mostly
    }
    for (char c : item) {
      if (std::string_view("()[]?*+{}|\\^$").find(c) == std::string::npos) {
        pieces_.push_back(std::string(1, c));
      }
    }
    return item;
  }

  std::string Quantified(int depth) {
    static const char* const kQuantifiers[] = {
        "",  "",      "",    "",    "?",     "??",   "?+", "*",
        "+", "{0,1}", "{1}", "{2}", "{0,3}", "{1,}", "*?", "{1,2}?"};
    std::string atom = Atom(depth);
    if (atom.empty() || atom == "^" || atom == "$") return atom;
    return atom + kQuantifiers[Pick(std::size(kQuantifiers))];
  }

  // A class of random members, the characters PCRE2 reads specially
  // among them (many do not compile: they are skipped).
  std::string RandomClass() {
    static const char* const kMembers[] = {
        "a",   "k",     "e",   "y",    "_",       "-",         ".",
        "]",   "^",     "\\]", "\\-",  "\\\\",    "[",         ":",
        ":]",  "[:",    "\\E", "\\ck", "\\c\\",   "[:alpha:]", "\\c]",
        "\\w", "\\x6b", "a-c", "\\^",  "\\Q]\\E", "\\[",       "K"};
    std::string out = "[";
    size_t n = 1 + Pick(5);
    for (size_t i = 0; i < n; ++i) out += kMembers[Pick(std::size(kMembers))];
    return out + "]";
  }

  std::string Atom(int depth) {
    static const char* const kKeywords[] = {"key", "ab", "k_y"};
    static const char* const kLiterals[] = {"a",   "b", "k", "e",   "y",
                                            "_",   "-", "K", "B",   "\\.",
                                            "\\-", "]", ":", "\\[", "\\]"};
    static const char* const kClasses[] = {
        "[a]",     "[ab]",    "[_.-]",        "[-a]",      "[a-]",
        "[]a]",    "[^a]",    "[a-c]",        "[\\]a]",    "[\\-]",
        "[:]",     "[[:]",    "[.]",          "[\\\\]",    "[k]",
        "[Kk]",    "[^]a]",   "[_]",          "[e_y]",     "[[:alpha:]]",
        "[\\w]",   "[\\c\\]", "[\\c]]",       "[\\E]a]",   "[y-]",
        "[-]",     "[]]",     "[\\]]",        "[a\\E]",    "[\\^a]",
        "[a^]",    "[\\d_]",  "[\\x61]",      "[+--]",     "[!-a]",
        "[[]",     "[a[]",    "[\\E^a]",      "[^\\E]]",   "[[:a]",
        "[[:]:]]", "[\\Ek]",  "[[:^alpha:]]", "[\\x{6b}]", "[\\ck]",
        "[\\\\]]"};
    static const char* const kOthers[] = {
        ".",     "\\d",   "\\w",    "\\b",    "^",       "$",
        "\\s",   "\\x61", "\\ca",   "\\E",    "\\x{6b}", "\\o{153}",
        "\\153", "\\0",   "\\p{L}", "\\pL",   "(?#c)",   "\\Qk\\E",
        "(?x)",  "\\c\\", "\\c]",   ".{0,3}", "a{,3}",   "\\n",
        "\\G",   "\\K",   "\\A",    "\\z",    "\\h",     "\\N"};
    switch (Pick(depth < 3 ? 9 : 7)) {
      case 0:
      case 1:
        return kKeywords[Pick(std::size(kKeywords))];
      case 2:
      case 3:
        return kLiterals[Pick(std::size(kLiterals))];
      case 4:
        return kClasses[Pick(std::size(kClasses))];
      case 5:
        return RandomClass();
      case 6:
        return kOthers[Pick(std::size(kOthers))];
      default: {
        static const char* const kOpen[] = {
            "(",   "(?:", "(?i:", "(?-i:", "(?>",  "(?|",
            "(?=", "(?!", "(?<=", "(?<!",  "(?<n>"};
        static const char* const kSettings[] = {"(?i)", "(?-i)", "(?^)",
                                                "(?s)"};
        if (Pick(6) == 0) return kSettings[Pick(std::size(kSettings))];
        std::string open = kOpen[Pick(std::size(kOpen))];
        // Lookbehinds must have a bounded length: keep them simple.
        if (open.starts_with("(?<=") || open.starts_with("(?<!")) {
          return open + kKeywords[Pick(std::size(kKeywords))] + ")";
        }
        return open + Alternation(depth + 1) + ")";
      }
    }
  }

  std::mt19937 rng_;
  std::vector<std::string> pieces_;
};

// A subject made of the pieces patterns are made of, so that they match.
std::string Subject(std::mt19937& rng, const std::vector<std::string>& own) {
  static const char* const kPieces[] = {
      "key", "KEY", "ab", "AB", "k_y", "a",  "b",  "k", "e",    "y",
      "_",   "-",   ".",  "]",  ":",   "[",  "\\", "x", "\x1c", "\x1d",
      "^",   "E",   "K",  "c",  " ",   "\n", "!",  "+"};
  std::string out;
  size_t n = rng() % 24;
  for (size_t i = 0; i < n; ++i) {
    out += !own.empty() && rng() % 3 != 0 ? own[rng() % own.size()]
                                          : kPieces[rng() % std::size(kPieces)];
  }
  return out;
}

}  // namespace

TEST_CASE("keyword anchors: class syntax PCRE2 reads differently") {
  // `[[:]` is a class of `[` and `:` (PCRE2 looks for `:]` only up to the
  // next `]`): what follows is pattern, not a POSIX name.
  CHECK_FALSE(Broken("[[:].*:]]ghp_", {"ghp_"}, "[xxxxxxxxxx:]]ghp_"));
  CHECK_FALSE(Broken("[[:]x{0,40}:]]ghp_", {"ghp_"},
                     "[" + std::string(40, 'x') + ":]]ghp_"));
  // `\c\` is one character: the `]` after it closes the class.
  CHECK_FALSE(Broken("[\\c\\].*]ghp_", {"ghp_"},
                     "\x1c"
                     "xxxxxxxxxx]ghp_"));
  // `\c]` is one character: the class goes on after it.
  CHECK_FALSE(Broken("[\\c]a]ghp_", {"a]ghp_"}, "\x1dghp_"));
  // `\E` at the start of a class is nothing: a `]` after it is a member.
  CHECK_FALSE(Broken("[\\E]a]ghp_", {"a]ghp_"}, "]ghp_"));
}

TEST_CASE("keyword anchors: a quantifier after \\pL repeats it") {
  // `\pL{0,40}` is up to 40 letters, not `\pL` with a body `{0,40}`.
  CHECK_FALSE(
      Broken("\\pL{0,40}ghp_", {"ghp_"}, std::string(40, 'x') + "ghp_"));
  CHECK_FALSE(
      Broken("\\PL{0,40}ghp_", {"ghp_"}, std::string(40, '1') + "ghp_"));
  CHECK(FindKeywordAnchor("\\p{L}{0,40}ghp_", {"ghp_"})->reach == 40);
}

// This thread's CPU time to analyse `pattern`.
double AnalysisSeconds(const std::string& pattern) {
  timespec a{}, b{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
  std::optional<KeywordAnchor> anchor = FindKeywordAnchor(pattern, {"ghp_"});
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
  CHECK(anchor);
  return double(b.tv_sec - a.tv_sec) + double(b.tv_nsec - a.tv_nsec) / 1e9;
}

TEST_CASE("keyword anchors: a long run of classes costs linear time") {
  // 64 spellings (six optional classes), then one-member classes: each
  // used to copy every spelling so far (quadratic in the run's length).
  auto pattern = [](size_t classes) {
    std::string p = "x[a]?[a]?[a]?[a]?[a]?[a]?";
    for (size_t i = 0; i < classes; ++i) p += "[a]";
    return p + "ghp_";
  };
  const double small = AnalysisSeconds(pattern(4000));
  const double large = AnalysisSeconds(pattern(20000));
  INFO("CPU s: ", small, " then ", large);
  CHECK(large / std::max(small, 1e-4) < 12);
}

TEST_CASE("keyword anchors hold on every match of generated patterns") {
  const std::vector<std::string> keywords = {"key", "ab", "k_y"};
  std::mt19937 subjects(7);
  size_t anchored = 0, matches = 0, failures = 0;
  for (uint32_t seed = 0; seed < 20000; ++seed) {
    PatternMaker maker(seed);
    std::string pattern = maker.Make();
    Regex regex(pattern);
    if (!regex.ok()) continue;
    std::optional<KeywordAnchor> anchor = FindKeywordAnchor(pattern, keywords);
    if (!anchor) continue;
    ++anchored;
    for (int s = 0; s < 60; ++s) {
      std::string subject = Subject(subjects, maker.pieces());
      long at = Violation(regex, *anchor, keywords, subject, &matches);
      if (at >= 0 && failures++ < 10) {
        FAIL_CHECK("pattern ", pattern, " reach ", anchor->reach, " subject '",
                   subject, "' match at ", at);
      }
    }
  }
  CHECK(failures == 0);
  MESSAGE("anchored patterns: ", anchored, ", matches: ", matches);
  CHECK(anchored > 500);
  CHECK(matches > 10 * anchored);
}

}  // namespace pushguard::match

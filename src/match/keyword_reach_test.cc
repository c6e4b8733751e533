// Keyword anchors (match/keyword_reach.h): what the analysis proves of a
// pattern, that it holds on every example of the default rules, and that the
// scanner, which then runs an anchored rule only near its keywords, finds
// what a search of the whole window finds.
#include "match/keyword_reach.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "base/strings.h"
#include "match/matcher.h"
#include "match/regex.h"
#include "match/rules_for_test.h"
#include "rules/loader.h"

namespace pushguard::match {
namespace {

// The reach of `pattern` for `keywords`, or -1 if it has no anchor.
long Reach(const std::string& pattern, std::vector<std::string> keywords) {
  std::optional<KeywordAnchor> anchor = FindKeywordAnchor(pattern, keywords);
  return anchor ? static_cast<long>(anchor->reach) : -1;
}

// Whether `match` holds a used keyword (case-insensitively) starting at
// most `reach` bytes into it.
bool Anchored(std::string_view match, const KeywordAnchor& anchor,
              const std::vector<std::string>& keywords) {
  std::string lower = AsciiLower(match);
  for (size_t k = 0; k < keywords.size(); ++k) {
    if (!anchor.used[k]) continue;
    size_t at = lower.find(AsciiLower(keywords[k]));
    if (at != std::string::npos && at <= anchor.reach) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("keyword anchors: literal runs, groups, alternations") {
  CHECK(Reach("(?<![A-Za-z0-9])(hf_[A-Za-z0-9]{30,40})(?![A-Za-z0-9])",
              {"hf_"}) == 0);
  CHECK(Reach("(?i)[\\w.-]{0,50}?(?:twilio)[a-z]{0,5}=x", {"twilio"}) == 50);
  CHECK(Reach("\\bxxGHP_[0-9]{4}", {"ghp_"}) == 2);  // case-insensitive
  CHECK(Reach("sk-(?:proj-)?[A-Za-z0-9]{10,200}T3BlbkFJ", {"t3blbkfj"}) ==
        3 + 5 + 200);
  CHECK(Reach("a\\.b\\x41{3}[^x]?(?<n>key)", {"key"}) == 3 + 3 + 1);
  std::optional<KeywordAnchor> both =
      FindKeywordAnchor("(?i:cohere|co_api)_x", {"cohere", "co_api", "zz"});
  REQUIRE(both);
  CHECK(both->reach == 0);
  CHECK(both->used == std::vector<bool>{true, true, false});
  // The nearest keyword of a run counts.
  CHECK(Reach("ab_secret_key", {"key", "secret"}) == 3);
  // A small class spells the run several ways: every spelling must hold a
  // keyword, and the farthest of them counts.
  const std::vector<std::string> api = {"api_key", "apikey", "api-key",
                                        "api.key"};
  CHECK(Reach("(?i)[\\w.-]{0,60}?(?:pass|api[_.-]?key)",
              {"pass", "api_key", "apikey", "api-key", "api.key"}) == 60);
  CHECK(Reach("api[_.\\-]?key", api) == 0);
  CHECK(Reach("x[_]api[_-]key", {"api_key", "api-key"}) == 2);
  CHECK(Reach("[Aa]pi_key", {"api_key"}) == 0);
  CHECK(Reach("[_-]?ghp_", {"ghp_"}) == 1);
  std::optional<KeywordAnchor> two =
      FindKeywordAnchor("api[_-]key", {"api_key", "api-key", "zz"});
  REQUIRE(two);
  CHECK(two->used == std::vector<bool>{true, true, false});
}

TEST_CASE("keyword anchors: what is not provable is not claimed") {
  for (const char* p : {
           "a+ghp_x",        // unbounded before it
           "(?:ghp_)?x",     // optional
           "(?:ghp_|abc)x",  // a branch without it
           "(?x)ghp_",       // extended mode: spaces are not literals
           "(a)\\1ghp_",     // a back reference
           "a\\Kghp_",       // the match start moves
           "gh(?:p_)",       // the keyword split across a group
           "ghp?_",          // the `p` is optional
           "(?=ghp_)x",      // a lookahead consumes nothing
           "(*UTF)ghp_",     // verbs
           "(?R)?ghp_",      // recursion
           "\\Qghp_\\E",     // quoting
           "[\\Q]\\E]ghp_",  // quoting in a class
           "\\Gghp_",        // asserts where the search began
           "a{,3}ghp_",      // version-dependent syntax
           "(?(1)a|b)ghp_",  // conditionals
           "[a-z]{2,}ghp_",  // unbounded
           "ghp_x)",         // not a pattern
           "gh[p_]_",        // one spelling (`gh__`) holds no keyword
           "gh[pq]?_",       // nor does `gh_`
           "gh[^x]_",        // a negated class is not spelled out
           "gh[o-p]_",       // nor a range
           "gh[\\w]_",       // nor a class escape
           "gh[p]{1,2}_",    // nor a class repeated
           "ghp[_]*",        // `ghp` alone is not the keyword
       }) {
    CHECK_MESSAGE(Reach(p, {"ghp_"}) == -1, p);
  }
}

TEST_CASE("keyword anchors hold on every example of the default rules") {
  const rules::Policy& policy = DefaultRules().policy;
  RegexMatcher matcher;
  size_t anchored = 0, matches = 0;
  for (const rules::SecretRule& rule : policy.secret_rules) {
    std::optional<KeywordAnchor> anchor =
        FindKeywordAnchor(rule.regex, rule.keywords);
    if (!anchor) continue;
    ++anchored;
    Regex regex(rule.regex);
    REQUIRE(regex.ok());
    for (const std::string& example : rule.examples) {
      for (size_t start = 0; start <= example.size(); ++start) {
        if (matcher.Find(regex, example, start) !=
            RegexMatcher::Outcome::kMatch) {
          break;
        }
        RegexMatcher::Span s = matcher.Group(0);
        ++matches;
        CHECK_MESSAGE(Anchored(std::string_view(example).substr(s.start),
                               *anchor, rule.keywords),
                      rule.id);
        start = s.start;
      }
    }
  }
  // Most rules name their keyword in their regex.
  CHECK(anchored * 2 > policy.secret_rules.size());
  CHECK(matches > anchored);
}

TEST_CASE("an anchored rule runs only near its keyword, and finds the same") {
  Compiled c = CompileYaml(R"(
rules:
  - id: tok
    regex: '(?<![a-z])tok_([A-Za-z0-9]{16})'
    secret_group: 1
    keywords: [tok_]
  - id: named
    regex: '([A-F0-9]{20})'
    secret_group: 1
    keywords: [vendorname]
)");
  REQUIRE(c.problems.empty());
  // Keywords with no value between lines of filler: the windows (the
  // keyword's line and two on each side) hold 254 bytes each; the anchored
  // rule starts only at the keyword.
  std::string filler = std::string(60, 'x') + "\n";
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += filler + filler + filler + filler + filler + "tok_ none\n";
  }
  text += "tok_Zp4Kx9Qm2Lw7Rt3V\n" + filler + filler + filler;
  text += "# vendorname\n" + filler + "7F3A9C01B2E48D6F5A0C\n";
  Scanner scanner(*c.rules);
  std::vector<SecretMatch> found;
  REQUIRE(scanner.Scan(text, &found).ok());
  REQUIRE(found.size() == 2);
  CHECK(found[0].secret == "Zp4Kx9Qm2Lw7Rt3V");
  CHECK(found[1].secret == "7F3A9C01B2E48D6F5A0C");
  // 201 keyword hits of 4 bytes (5 start positions each), plus the
  // unanchored rule's window of five lines.
  CHECK(scanner.stats().start_bytes < 201 * 5 + 5 * 62);
}

TEST_CASE("a rule whose matches cross lines is anchored too") {
  Compiled c = CompileYaml(R"(
rules:
  - id: block
    regex: '(?<![A-Z])BEGIN_X\s+([A-Za-z0-9]{20})\s+END_X'
    secret_group: 1
    keywords: [begin_x]
)");
  REQUIRE(c.problems.empty());
  // Without the anchor the rule searches the whole text (it may match
  // across lines); with it, from each BEGIN_X only.
  std::string filler = std::string(60, 'x') + "\n";
  std::string text;
  for (int i = 0; i < 100; ++i) {
    text += filler + filler + filler + filler + filler + "BEGIN_X\n";
  }
  text += "BEGIN_X\nZp4Kx9Qm2Lw7Rt3VAb5C\nEND_X\n";
  Scanner scanner(*c.rules);
  std::vector<SecretMatch> found;
  REQUIRE(scanner.Scan(text, &found).ok());
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 602);
  CHECK(scanner.stats().start_bytes <= 101 * 8);
}

TEST_CASE("anchored ranges of one window continue one search") {
  // From the first `key`, the match runs past the second (300 bytes on): a
  // search of the window resumes after it, and so must the ranges around
  // each `key`. The long match has too little entropy, and a new search at
  // the second `key` would report `keyQ7x9...` instead.
  Compiled c = CompileYaml(R"(
rules:
  - id: long
    regex: '(key[A-Za-z0-9]{0,300})'
    secret_group: 1
    entropy: 3
    keywords: [key]
)");
  REQUIRE(c.problems.empty());
  std::string text = "key" + std::string(297, 'a') + "keyQ7x9Zk2Lp";
  CHECK(ScanText(*c.rules, text).empty());
  // Alone, the second one is a finding.
  CHECK(ScanText(*c.rules, text.substr(300)).size() == 1);
}

}  // namespace pushguard::match

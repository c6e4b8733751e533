#include "rules/re2_syntax.h"

#include <doctest/doctest.h>

namespace pushguard::rules {
namespace {

std::string Pcre2(const std::string& re2) {
  Result<Re2Translation> t = TranslateRe2(re2);
  REQUIRE_MESSAGE(t.ok(), re2 << ": " << t.status().message());
  return t->pcre2;
}

std::string Error(const std::string& re2) {
  Result<Re2Translation> t = TranslateRe2(re2);
  REQUIRE_MESSAGE(!t.ok(), re2 << " -> " << t->pcre2);
  return t.status().message();
}

TEST_CASE("RE2 syntax that means the same in PCRE2 is copied as written") {
  for (const char* same :
       {"ghp_[0-9a-zA-Z]{36}", "(?i)\\b(key|token)=", "a.b*c+?d??",
        "(?s:.{1,20})x", "(?m)^x$", "(?i-s)a", "[[:alnum:]_]{8,}", "[^\\d\\W]",
        "\\A\\bx\\B", "(?:a|b)|", "x{2,}y{3}", "(?U)a+"}) {
    CAPTURE(same);
    CHECK(Pcre2(same) == same);
  }
}

TEST_CASE("constructs whose meaning differs are rewritten") {
  struct Case {
    const char* re2;
    const char* pcre2;
  } cases[] = {
      {"key$", "key\\z"},  // Go's $ is only the end of the text
      {"(?m)key$", "(?m)key$"},
      {"(?m:a$)b$", "(?m:a$)b\\z"},
      {"\\s+", "[\\t\\n\\f\\r ]+"},
      {"\\S", "[^\\t\\n\\f\\r ]"},
      {"[\\s=]", "[\\t\\n\\f\\r\\x20=]"},
      {"\\v", "\\x0B"},
      {"\\101\\0", "A\\x00"},
      {"\\x{41}\\x42", "AB"},
      {"é+", "(?:\\xC3\\xA9)+"},
      {"\\x{263A}", "(?:\\xE2\\x98\\xBA)"},
      {"(?P<tok>x)(?<b>y)", "(x)(y)"},
      {"a{,3}", "a\\{,3\\}"},
      {"[]a-]", "[\\]a\\-]"},
      {"\\Qa.b\\E", "a\\.b"},
      {"[\"'.]", "[\"'.]"},
      {"[\\t]", "[\\x09]"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.re2);
    CHECK(Pcre2(c.re2) == c.pcre2);
  }
}

TEST_CASE("what Go rejects or PCRE2 on bytes cannot match alike is an error") {
  struct Case {
    const char* re2;
    const char* error;
  } cases[] = {
      {"a(?=b)", "not RE2 syntax (gitleaks rejects it too): '(?=b)'"},
      {"(?<!a)b", "not RE2 syntax (gitleaks rejects it too): '(?<!a)'"},
      {"(a)\\1", "\\1: backreferences are not RE2 syntax"},
      {"\\pL",
       "\\pL: Unicode classes are not supported (pushguard matches "
       "bytes, not UTF-8 characters)"},
      {"[\\p{Greek}]",
       "\\p{Greek}: Unicode classes are not supported (pushguard "
       "matches bytes, not UTF-8 characters)"},
      {"[é]",
       "non-ASCII character \\xE9 in a character class: pushguard "
       "matches bytes, not UTF-8 characters"},
      {"(?i)é",
       "non-ASCII character \\xE9 under (?i): pushguard folds ASCII "
       "letters only"},
      {"\\C", "\\C (any byte) is not RE2 syntax that Go accepts"},
      {"a\\Z", "invalid escape sequence '\\Z'"},
      {"a**", "invalid nested repetition operator '*'"},
      {"a*+", "invalid nested repetition operator '+'"},
      {"*a", "missing argument to repetition operator '*'"},
      {"a{1001}", "invalid repeat count '{1001}'"},
      {"a{3,2}", "invalid repeat count '{3,2}'"},
      {"(ab", "missing closing ')'"},
      {"ab)", "unexpected ')'"},
      {"[ab", "missing closing ]: '[ab'"},
      {"[z-a]", "invalid character class range in '[z-a'"},
      {"[[:foo:]]", "invalid character class range '[:foo:]'"},
      {"a\\", "trailing backslash at end of pattern"},
      {"\xff", "invalid UTF-8 in the pattern"},
      {"\\Qab\\E+", "a repetition right after \\E is not supported"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.re2);
    CHECK(Error(c.re2) == c.error);
  }
}

TEST_CASE("group 1 is the secret only when it always matches something") {
  auto first = [](const char* re2) {
    Result<Re2Translation> t = TranslateRe2(re2);
    REQUIRE(t.ok());
    return t->first_group_always_nonempty;
  };
  CHECK(first("key=([a-z]{8})"));
  CHECK(first("(?:x|y)=(\\w+)(z)?"));
  CHECK_FALSE(first("key"));         // no group
  CHECK_FALSE(first("(a)?b"));       // optional
  CHECK_FALSE(first("(a)|b"));       // one alternative
  CHECK_FALSE(first("x(a*)"));       // may be empty
  CHECK_FALSE(first("(?:(a)b)*c"));  // inside an optional repetition
  CHECK(TranslateRe2("(a)(?:b)(?P<c>d)")->groups == 2);
}

TEST_CASE("the required literal is what every match contains, lowercased") {
  auto literal = [](const char* re2) {
    Result<Re2Translation> t = TranslateRe2(re2);
    REQUIRE(t.ok());
    return t->required_literal;
  };
  CHECK(literal("(?i)\\bACME_[a-z0-9]{32}") == "acme_");
  CHECK(literal("x-(?:Token)-[0-9]+ab") == "x-token-");
  CHECK(literal("(foo|bar)baz") == "baz");
  CHECK(literal("(abc)?d") == "d");
  CHECK(literal("ab*c") == "a");
  CHECK(literal("\\Qk.e\\Ey") == "k.ey");
  CHECK(literal("[a-z]+") == "");
}

}  // namespace
}  // namespace pushguard::rules

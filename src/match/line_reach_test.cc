#include "match/line_reach.h"

#include <doctest/doctest.h>

#include <string>

#include "match/regex.h"

namespace pushguard::match {
namespace {

// Whether `pattern` matches some text holding a line feed, among a few
// probes: the analysis must never say "no" for those.
bool ProbeMatchesNewline(const std::string& pattern) {
  Regex regex(pattern);
  REQUIRE(regex.ok());
  RegexMatcher matcher;
  for (const char* probe : {"a\nb", "ab\n\ncd", "key = \"a\nb\"",
                            "-----BEGIN X-----\nAAAA\n-----END X-----"}) {
    std::string text = probe;
    for (size_t start = 0; start < text.size(); ++start) {
      if (matcher.Find(regex, text, start) != RegexMatcher::Outcome::kMatch) {
        break;
      }
      RegexMatcher::Span s = matcher.Group(0);
      if (text.substr(s.start, s.end - s.start).find('\n') !=
          std::string::npos) {
        return true;
      }
      start = s.start;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("patterns that stay on one line") {
  for (const char* p :
       {"abc", "(?i)ghp_[A-Za-z0-9]{36}", "\\bkey\\s*=",  // \s: may
        "[^\"\\s]{8,200}", "[^\\n]+", "x.{0,40}y", "(?<![A-Za-z0-9])tok",
        "[\\w.-]{0,30}?(?:password|secret)", "\\S+@\\S+", "[[:alnum:]]+",
        "(?i:abc)", "(?P<name>a)\\1", "\\Qa.b\\E", "[]a]", "[^[:space:]]+",
        "[\\t ]+", "\\h+"}) {
    std::string pattern = p;
    bool may = MayMatchNewline(pattern);
    if (pattern == "\\bkey\\s*=") {
      CHECK(may);
      continue;
    }
    CHECK_MESSAGE(!may, pattern);
    CHECK_MESSAGE(!ProbeMatchesNewline(pattern), pattern);
  }
}

TEST_CASE("patterns that may cross a line break are recognised") {
  for (const char* p :
       {"a\\sb",        "a[\\s\\S]{0,10}b",
        "(?s)a.b",      "(?is:a.b)",
        "a\\nb",        "a\\Rb",
        "a\\vb",        "[^\"]+",
        "[^a-z]+",      "\\W+",
        "\\D+",         "\\H+",
        "a\\x0ab",      "a\\012b",
        "a\\cJb",       "\\p{Any}+",
        "[[:space:]]+", "[[:cntrl:]]+",
        "(*CR)a.b",     "[\\x00-\\x7f]+",
        "a\nb",         "-----BEGIN[ A-Z]*-----(?:[^-]|-(?!----))+-----END"}) {
    std::string pattern = p;
    CHECK_MESSAGE(MayMatchNewline(pattern), pattern);
  }
}

TEST_CASE("the analysis is never wrong on the probes") {
  // Whatever it says "no" for must not match a line feed.
  for (const char* p : {"[^\"\\s]+", "[^'\\n]+", "[A-Za-z0-9+/]{4,}=*", ".+",
                        "[^\\v]+", "\\N+", "(?-s).+"}) {
    std::string pattern = p;
    if (!MayMatchNewline(pattern)) {
      CHECK_MESSAGE(!ProbeMatchesNewline(pattern), pattern);
    }
  }
}

}  // namespace pushguard::match

#include "base/strings.h"

#include <doctest/doctest.h>

namespace pushguard {

TEST_CASE("display escaping neutralises terminal controls but keeps UTF-8") {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"plain/path.txt", "plain/path.txt"},
      {"new\nline", "new\\nline"},
      {"tab\there", "tab\\there"},
      {"\x1b[31mred", "\\x1b[31mred"},
      {"back\\slash", "back\\slash"},  // a regex reads as written
      {"caf\xc3\xa9", "caf\xc3\xa9"},  // valid UTF-8 stays
      {"bad\xff", "bad\\xff"},         // invalid byte escaped
      {"c1\xc2\x9b", "c1\\xc2\\x9b"},  // C1 CSI escaped
      {"del\x7f", "del\\x7f"},
      {std::string("nul\0x", 5), "nul\\x00x"},
      // Bidi controls ("Trojan Source") become code point escapes.
      {"a\xe2\x80\xae!", "a\\u202e!"},  // RIGHT-TO-LEFT OVERRIDE
      {"\xe2\x80\xaa\xe2\x80\xac", "\\u202a\\u202c"},
      {"x\xe2\x81\xa6y\xe2\x81\xa9", "x\\u2066y\\u2069"},  // isolates
      {"\xe2\x80\x8e\xe2\x80\x8f", "\\u200e\\u200f"},      // LRM, RLM
      {"\xd8\x9c", "\\u061c"},                             // ARABIC LETTER MARK
      {"\xe2\x80\x8d\xe2\x80\xaf",
       "\xe2\x80\x8d\xe2\x80\xaf"},  // neighbours stay
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(EscapeForDisplay(c.in) == c.out);
    CHECK(EscapeForDisplay(c.out) == c.out);  // escaping twice changes nothing
  }
}

TEST_CASE("JSON escaping produces valid JSON strings from any bytes") {
  CHECK(EscapeJson("a\"b\\c") == "a\\\"b\\\\c");
  CHECK(EscapeJson("\n\t\x01") == "\\n\\t\\u0001");
  CHECK(EscapeJson("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(EscapeJson("x\xff") == "x\xef\xbf\xbd");
  CHECK(EscapeJson("a\xe2\x80\xae!\xe2\x81\xa7") == "a\\u202e!\\u2067");
  CHECK(EscapeJson("\xd8\x9c\xe2\x80\x8f") == "\\u061c\\u200f");
}

TEST_CASE("globs match like gitignore patterns") {
  CHECK(GlobMatch("*.pem", "a/b/key.pem"));
  CHECK_FALSE(GlobMatch("*.pem", "a/b/key.pem.txt"));
  CHECK(GlobMatch("tests/**", "tests/fixtures/a.env"));
  CHECK(GlobMatch("**/fixtures/*.env", "x/y/fixtures/a.env"));
  CHECK(GlobMatch("**/fixtures/*.env", "fixtures/a.env"));
  CHECK_FALSE(GlobMatch("docs/*.md", "docs/sub/a.md"));
  CHECK(GlobMatch("/docs/?.md", "docs/a.md"));
}

TEST_CASE("did-you-mean suggests only close names") {
  std::vector<std::string> keys = {"regex", "keywords", "entropy"};
  CHECK(DidYouMean("regx", keys) == "regex");
  CHECK(DidYouMean("keyword", keys) == "keywords");
  CHECK(DidYouMean("colour", keys).empty());
}

TEST_CASE("newline offsets: every one, in order, at any alignment") {
  std::vector<size_t> got;
  NewlineOffsets("", &got);
  CHECK(got.empty());
  // Lengths around the 16-byte blocks, newlines at every position mod 16.
  for (size_t size : {1, 15, 16, 17, 31, 32, 33, 100}) {
    for (size_t step : {1, 3, 16, 17}) {
      std::string text(size, 'x');
      std::vector<size_t> want;
      for (size_t i = step - 1; i < size; i += step) {
        text[i] = '\n';
        want.push_back(i);
      }
      text.back() = text.back() == '\n' ? '\n' : '\0';  // a NUL is no newline
      NewlineOffsets(text, &got);
      CHECK_MESSAGE(got == want, size, " ", step);
    }
  }
  got = {7};
  NewlineOffsets("no newline at all", &got);
  CHECK(got.empty());  // replaced, not appended to
}

TEST_CASE("split keeps empty fields") {
  CHECK(Split("a  b", ' ') == std::vector<std::string>{"a", "", "b"});
  CHECK(Split("", ':') == std::vector<std::string>{""});
  CHECK(Trim("  x \n") == "x");
}

}  // namespace pushguard

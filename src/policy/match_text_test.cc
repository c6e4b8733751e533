#include "policy/match_text.h"

#include <doctest/doctest.h>

#include <string>

namespace pushguard::policy {
namespace {

std::string Utf16Le(const std::string& text) {
  std::string out("\xFF\xFE", 2);
  for (char c : text) out += std::string{c, '\0'};
  return out;
}

}  // namespace

TEST_CASE("a blob is read as stored, decoded, or both") {
  std::vector<MatchText> plain = BlobTexts("key=1\n");
  REQUIRE(plain.size() == 1);
  CHECK(plain[0].text() == "key=1\n");
  CHECK(plain[0].canonical);

  std::vector<MatchText> bom = BlobTexts("\xEF\xBB\xBFkey=1\n");
  REQUIRE(bom.size() == 1);  // the bytes hold nothing but the BOM more
  CHECK(bom[0].text() == "key=1\n");

  std::string utf16 = Utf16Le("key=1\n");
  std::vector<MatchText> wide = BlobTexts(utf16);
  REQUIRE(wide.size() == 2);
  CHECK(wide[0].text() == "key=1\n");
  CHECK(wide[0].canonical);
  CHECK(wide[1].text() == utf16);  // a wrong guess must not hide the bytes
  CHECK_FALSE(wide[1].canonical);

  CHECK(CanonicalText(utf16).text() == "key=1\n");
  CHECK(CanonicalText("x").text() == "x");
}

TEST_CASE("a commit message is read as its header says and as stored") {
  git::StoredMessage latin1{"caf\xE9 key\n", "ISO-8859-1"};
  std::vector<MatchText> texts = MessageTexts(latin1);
  REQUIRE(texts.size() == 2);
  CHECK(texts[0].text() == "caf\xC3\xA9 key\n");
  CHECK(texts[1].text() == latin1.bytes);

  // A header that lies (Latin-1 over UTF-16 bytes): the bytes' own look too.
  git::StoredMessage lying{Utf16Le("key\n"), "ISO-8859-1"};
  texts = MessageTexts(lying);
  REQUIRE(texts.size() == 3);
  CHECK(texts[1].text() == "key\n");

  git::StoredMessage unknown{"key\n", "X-NO-SUCH-CHARSET"};
  texts = MessageTexts(unknown);
  REQUIRE(texts.size() == 1);
  CHECK(texts[0].text() == "key\n");
}

}  // namespace pushguard::policy

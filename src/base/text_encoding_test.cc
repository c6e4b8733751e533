#include "base/text_encoding.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

namespace pushguard {
namespace {

// `text` (ASCII) as UTF-16 code units in the given byte order.
std::string Utf16(std::string_view text, bool big_endian) {
  std::string out;
  for (char c : text) {
    out += big_endian ? std::string{'\0', c} : std::string{c, '\0'};
  }
  return out;
}

std::string Utf32(std::string_view text, bool big_endian) {
  std::string out;
  for (char c : text) {
    out += big_endian ? std::string{'\0', '\0', '\0', c}
                      : std::string{c, '\0', '\0', '\0'};
  }
  return out;
}

const std::string kLe16Bom("\xFF\xFE", 2);
const std::string kBe16Bom("\xFE\xFF", 2);
const std::string kLe32Bom("\xFF\xFE\0\0", 4);
const std::string kBe32Bom("\0\0\xFE\xFF", 4);

}  // namespace

TEST_CASE("text encodings are told by their BOM or their NUL pattern") {
  struct Case {
    const char* name;
    std::string data;
    TextEncoding encoding;
    std::string decoded;
  };
  const std::string text = "a=1\r\nkey=AKIA\n";
  const Case cases[] = {
      {"plain UTF-8", text, TextEncoding::kAsIs, text},
      {"UTF-8 with BOM", "\xEF\xBB\xBF" + text, TextEncoding::kUtf8Bom, text},
      {"UTF-16LE with BOM", kLe16Bom + Utf16(text, false),
       TextEncoding::kUtf16Le, text},
      {"UTF-16BE with BOM", kBe16Bom + Utf16(text, true),
       TextEncoding::kUtf16Be, text},
      {"UTF-16LE without BOM", Utf16(text, false), TextEncoding::kUtf16Le,
       text},
      {"UTF-16BE without BOM", Utf16(text, true), TextEncoding::kUtf16Be, text},
      {"UTF-32LE with BOM", kLe32Bom + Utf32(text, false),
       TextEncoding::kUtf32Le, text},
      {"UTF-32BE with BOM", kBe32Bom + Utf32(text, true),
       TextEncoding::kUtf32Be, text},
      {"UTF-32LE without BOM", Utf32(text, false), TextEncoding::kUtf32Le,
       text},
      {"UTF-32BE without BOM", Utf32(text, true), TextEncoding::kUtf32Be, text},
      {"binary with a few NULs",
       std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), TextEncoding::kAsIs,
       std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)},
      {"empty", "", TextEncoding::kAsIs, ""},
      {"one NUL", std::string(1, '\0'), TextEncoding::kAsIs,
       std::string(1, '\0')},
      // Odd length: the cut-off unit becomes U+FFFD.
      {"UTF-16LE odd length", kLe16Bom + Utf16("ab", false) + "c",
       TextEncoding::kUtf16Le, "ab\xEF\xBF\xBD"},
      {"UTF-16BE lone high surrogate", kBe16Bom + std::string("\xD8\x3D\0x", 4),
       TextEncoding::kUtf16Be, "\xEF\xBF\xBDx"},
      {"UTF-16LE lone low surrogate", kLe16Bom + std::string("\x00\xDCy\0", 4),
       TextEncoding::kUtf16Le, "\xEF\xBF\xBDy"},
      {"UTF-16LE surrogate pair", kLe16Bom + std::string("\x3D\xD8\x00\xDE", 4),
       TextEncoding::kUtf16Le, "\xF0\x9F\x98\x80"},  // U+1F600
      {"UTF-16LE high surrogate at the end",
       kLe16Bom + std::string("\x3D\xD8", 2), TextEncoding::kUtf16Le,
       "\xEF\xBF\xBD"},
      {"UTF-16LE non-ASCII", kLe16Bom + std::string("\xE9\x00\xAC\x20", 4),
       TextEncoding::kUtf16Le, "\xC3\xA9\xE2\x82\xAC"},  // e-acute, euro
      {"UTF-32BE past U+10FFFF", kBe32Bom + std::string("\0\x11\0\0", 4),
       TextEncoding::kUtf32Be, "\xEF\xBF\xBD"},
      {"UTF-32LE surrogate code point", kLe32Bom + std::string("\0\xD8\0\0", 4),
       TextEncoding::kUtf32Le, "\xEF\xBF\xBD"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    TextEncoding detected = DetectEncoding(c.data);
    CHECK(detected == c.encoding);
    CHECK(DecodeToUtf8(c.data, detected) == c.decoded);
  }
}

TEST_CASE("detection counts every code unit of long data") {
  std::string text;
  while (text.size() < 10000) text += "line of text, caf\xC3\xA9\n";
  // Mostly ASCII with some code units above U+00FF: still UTF-16.
  std::string le = Utf16(text, false) + std::string(100, '\x4E');
  CHECK(DetectEncoding(le) == TextEncoding::kUtf16Le);
  CHECK(DetectEncoding(" " + Utf16(text, true)) == TextEncoding::kUtf16Le);
  CHECK(DetectEncoding(Utf16(text, true)) == TextEncoding::kUtf16Be);
  CHECK(DetectEncoding(Utf32(text, true)) == TextEncoding::kUtf32Be);
  // Pseudo-random bytes with NULs are binary.
  std::string binary;
  uint32_t x = 1;
  for (int i = 0; i < 65536; ++i) {
    x = x * 1103515245 + 12345;
    binary += static_cast<char>((x >> 16) % 7 == 0 ? 0 : (x >> 8));
  }
  CHECK(DetectEncoding(binary) == TextEncoding::kAsIs);
  // Half narrow units is not more than half.
  CHECK(
      DetectEncoding(Utf16("ab", false) + std::string("\x01\x01\x01\x01", 4)) ==
      TextEncoding::kAsIs);
}

TEST_CASE("decoded UTF-16 keeps the lines of the text") {
  std::string text = "one\r\ntwo\n\nfour key\n";
  std::string decoded =
      DecodeToUtf8(kBe16Bom + Utf16(text, true), TextEncoding::kUtf16Be);
  REQUIRE(decoded == text);
  // "key" is on line 4, column 6, of the decoded text.
  size_t at = decoded.find("key");
  CHECK(std::count(decoded.begin(), decoded.begin() + at, '\n') + 1 == 4);
  CHECK(at - decoded.rfind('\n', at) == 6);
}

TEST_CASE("charsets named by a commit's encoding header are converted") {
  CHECK(IsUtf8Name(""));
  CHECK(IsUtf8Name("UTF-8"));
  CHECK(IsUtf8Name("utf8"));
  CHECK_FALSE(IsUtf8Name("ISO-8859-1"));

  Result<std::string> latin1 = ConvertToUtf8("caf\xE9", "ISO-8859-1");
  REQUIRE(latin1.ok());
  CHECK(*latin1 == "caf\xC3\xA9");

  // UTF-16 without a BOM in the data: the pattern, else big-endian.
  Result<std::string> le = ConvertToUtf8(Utf16("key\n", false), "UTF-16");
  REQUIRE(le.ok());
  CHECK(*le == "key\n");
  Result<std::string> named_le = ConvertToUtf8(Utf16("k", false), "utf-16le");
  REQUIRE(named_le.ok());
  CHECK(*named_le == "k");
  Result<std::string> be = ConvertToUtf8(kBe16Bom + Utf16("x", true), "UCS-2");
  REQUIRE(be.ok());
  CHECK(*be == "x");
  // A lone surrogate does not stop the rest.
  Result<std::string> lone =
      ConvertToUtf8(std::string("\xD8\x00\0!", 4), "UTF-16BE");
  REQUIRE(lone.ok());
  CHECK(*lone == "\xEF\xBF\xBD!");

  // Invalid bytes become U+FFFD, one per byte, and conversion goes on.
  Result<std::string> sjis = ConvertToUtf8("a\xFF!", "SHIFT_JIS");
  REQUIRE(sjis.ok());
  CHECK(*sjis == "a\xEF\xBF\xBD!");

  Result<std::string> unknown = ConvertToUtf8("x", "NO-SUCH-CHARSET-42");
  CHECK(unknown.status().code() == Status::Code::kNotFound);
  CHECK(unknown.status().message() ==
        "unknown character encoding 'NO-SUCH-CHARSET-42'");
}

TEST_CASE("a commit message becomes one UTF-8 text") {
  CHECK(MessageToUtf8("plain\n", "") == "plain\n");
  CHECK(MessageToUtf8("caf\xE9", "ISO-8859-1") == "caf\xC3\xA9");
  CHECK(MessageToUtf8(Utf16("wip\n", false), "UTF-16") == "wip\n");
  // No header, or one iconv does not know: what the bytes look like.
  CHECK(MessageToUtf8(kLe16Bom + Utf16("wip", false), "") == "wip");
  CHECK(MessageToUtf8(Utf16("wip", true), "X-NO-SUCH") == "wip");
  CHECK(MessageToUtf8(std::string("a\0b", 3), "") == std::string("a\0b", 3));
}

}  // namespace pushguard

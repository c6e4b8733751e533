#include "base/binary_content.h"

#include <doctest/doctest.h>

#include <random>
#include <string>

namespace pushguard {
namespace {

using namespace std::string_literals;

std::string RandomBytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(rng() & 0xFF);
  return out;
}

std::string Utf16Le(std::string_view text) {
  std::string out;
  for (char c : text) out += std::string{c, '\0'};
  return out;
}

}  // namespace

TEST_CASE("binary formats are told by their signature") {
  struct Case {
    std::string data;
    std::string_view name;
  };
  const Case cases[] = {
      {"\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s, "PNG"},
      {"\xFF\xD8\xFF\xE0\0\x10JFIF"s, "JPEG"},
      {"GIF89a\x01\0"s, "GIF"},
      {"wOF2\0\x01\0\0"s, "WOFF2"},
      {"wOFF\0\x01\0\0"s, "WOFF"},
      {"\0\x01\0\0\0\x0F\0\x80"s, "TrueType"},
      {"OTTO\0\x0B\0\x80"s, "OpenType"},
      {"PK\x03\x04\x14\0\0\0"s, "ZIP"},
      {"\x1F\x8B\x08\0"s, "gzip"},
      {"%PDF-1.7\n"s, "PDF"},
      {"\x7F"
       "ELF\x02\x01\x01\0"s,
       "ELF"},
      {"\xCF\xFA\xED\xFE\x07\0\0\x01"s, "Mach-O"},
      {"MZ\x90\0\x03\0\0\0"s, "PE"},
      {"SQLite format 3\0\x10\0"s, "SQLite"},
      {"RIFF\x10\0\0\0WEBPVP8 "s, "WebP"},
      {"\0asm\x01\0\0\0"s, "WebAssembly"},
      // Text that starts like a signature is text.
      {"MZ is a two-letter word\n"s, ""},
      {"OTTO = von Bismarck\n"s, ""},
      {"true\n"s, ""},
      {"password = \"hunter2\"\n"s, ""},
      {""s, ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.data);
    CHECK(BinarySignature(c.data) == c.name);
  }
}

TEST_CASE("binary content: a signature, a NUL byte, or many control bytes") {
  CHECK(LooksBinary("\x89PNG\r\n\x1A\n"));
  CHECK(LooksBinary(RandomBytes(6 << 20, 1)));
  CHECK(LooksBinary("key = 1\n\0"s));
  CHECK(LooksBinary(std::string(100, '\x01') + std::string(800, 'a')));
  CHECK_FALSE(LooksBinary("key = 1\n"));
  CHECK_FALSE(LooksBinary("colour: \x1B[31mred\x1B[0m\r\n\f\tcaf\xE9\n"));
  CHECK_FALSE(LooksBinary(std::string(5, '\x01') + std::string(800, 'a')));
  CHECK_FALSE(LooksBinary(""));
}

TEST_CASE("clean text is valid UTF-8 without control characters") {
  CHECK(IsCleanText("password = \"s3cr3t\"\r\n\tcaf\xC3\xA9 \xE6\x97\xA5"));
  CHECK(IsCleanText(""));
  CHECK_FALSE(IsCleanText("pw=\x01\x02"));
  CHECK_FALSE(IsCleanText("pw=a\0b"s));
  CHECK_FALSE(IsCleanText("pw=\x7F"));
  CHECK_FALSE(IsCleanText("caf\xE9"));           // Latin-1, not UTF-8
  CHECK_FALSE(IsCleanText("\xC0\xAF"));          // overlong
  CHECK_FALSE(IsCleanText("\xED\xA0\x80"));      // a surrogate
  CHECK_FALSE(IsCleanText("\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK_FALSE(IsCleanText("\xE6\x97"));          // cut short
}

TEST_CASE("UTF-16 text runs are read on the lines of the bytes") {
  // Mostly-CJK UTF-16LE without a BOM: U+65E5 is E5 65.
  std::string cjk;
  for (int i = 0; i < 20; ++i) cjk += "\xE5\x65";
  std::string data = cjk + Utf16Le("\nKEY=AB12CD34EF\n") + cjk;
  CHECK(Utf16TextRuns(data, false) == "\0\nKEY=AB12CD34EF\n\0"s);
  // Read big-endian, the same bytes are the same text one byte later.
  CHECK(Utf16TextRuns(data, true) == "\0\nKEY=AB12CD34EF\n\0"s);

  // Big-endian, after U+4E2D (4E 2D: its low byte is '-'): each byte order
  // reads its own units, the little-endian reading of the same bytes is off
  // by one.
  std::string be;
  for (char c : std::string("TOKEN=XY98")) be += std::string{'\0', c};
  std::string zh = "\x4E\x2D" + be + "\x4E\x2D";
  CHECK(Utf16TextRuns(zh, true) == "\0TOKEN=XY98\0"s);
  CHECK(Utf16TextRuns(zh, false) == "\0-TOKEN=XY9\0"s);

  // At an odd offset too; the lines of the bytes stay the lines.
  std::string two_lines = "\x01\x02\n\x03" + Utf16Le("secret-value") + "\x04";
  CHECK(Utf16TextRuns(two_lines, false) == "\0\n\0secret-value\0"s);

  // Short runs are not text; no run at all gives nothing.
  CHECK(Utf16TextRuns("\x01" + Utf16Le("ab") + "\x02", false) == "");
  CHECK(Utf16TextRuns("plain text\n", false) == "");
  std::string noise = Utf16TextRuns(RandomBytes(1 << 20, 2), false);
  CHECK(noise.find_first_not_of("\n\0"s) == std::string::npos);
}

}  // namespace pushguard

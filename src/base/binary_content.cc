#include "base/binary_content.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace pushguard {
namespace {

struct Signature {
  std::string_view magic;
  size_t offset;
  std::string_view name;
  bool needs_nul;  // the magic is also plausible text
};

using namespace std::string_view_literals;

constexpr Signature kSignatures[] = {
    {"\x89PNG\r\n\x1A\n"sv, 0, "PNG", false},
    {"\xFF\xD8\xFF"sv, 0, "JPEG", false},
    {"GIF87a"sv, 0, "GIF", false},
    {"GIF89a"sv, 0, "GIF", false},
    {"wOFF"sv, 0, "WOFF", false},
    {"wOF2"sv, 0, "WOFF2", false},
    {"\x00\x01\x00\x00"sv, 0, "TrueType", false},
    {"true"sv, 0, "TrueType", true},
    {"ttcf"sv, 0, "TrueType", true},
    {"OTTO"sv, 0, "OpenType", true},
    {"PK\x03\x04"sv, 0, "ZIP", false},
    {"PK\x05\x06"sv, 0, "ZIP", false},
    {"\x1F\x8B"sv, 0, "gzip", false},
    {"BZh"sv, 0, "bzip2", true},
    {"\xFD\x37\x7A\x58\x5A\x00"sv, 0, "xz", false},
    {"\x28\xB5\x2F\xFD"sv, 0, "zstd", false},
    {"7z\xBC\xAF\x27\x1C"sv, 0, "7z", false},
    {"%PDF-"sv, 0, "PDF", false},
    {"\x7F"
     "ELF"sv,
     0, "ELF", false},
    {"\xFE\xED\xFA\xCE"sv, 0, "Mach-O", false},
    {"\xFE\xED\xFA\xCF"sv, 0, "Mach-O", false},
    {"\xCE\xFA\xED\xFE"sv, 0, "Mach-O", false},
    {"\xCF\xFA\xED\xFE"sv, 0, "Mach-O", false},
    {"\xCA\xFE\xBA\xBE"sv, 0, "Java class", false},  // also Mach-O fat
    {"MZ"sv, 0, "PE", true},
    {"SQLite format 3\0"sv, 0, "SQLite", false},
    {"\0asm"sv, 0, "WebAssembly", false},
    {"WEBP"sv, 8, "WebP", false},
};

bool HasEarlyNul(std::string_view data) {
  return std::memchr(data.data(), 0, std::min<size_t>(data.size(), 64)) !=
         nullptr;
}

bool ControlByteOfBinary(uint8_t b) {
  if (b == 0x7F) return true;
  if (b >= 0x20) return false;
  return !(b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r' ||
           b == '\b' || b == 0x1B);
}

// The length of the well-formed UTF-8 sequence at data[i], or 0.
size_t Utf8SequenceAt(std::string_view data, size_t i) {
  uint8_t b = static_cast<uint8_t>(data[i]);
  if (b < 0x80) return 1;
  size_t n = b >= 0xC2 && b <= 0xDF   ? 2
             : b >= 0xE0 && b <= 0xEF ? 3
             : b >= 0xF0 && b <= 0xF4 ? 4
                                      : 0;
  if (n == 0 || i + n > data.size()) return 0;
  uint8_t b1 = static_cast<uint8_t>(data[i + 1]);
  // The second byte's range excludes overlong forms, surrogates and values
  // past U+10FFFF.
  uint8_t lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
  uint8_t hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
  if (b1 < lo || b1 > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    uint8_t c = static_cast<uint8_t>(data[i + k]);
    if (c < 0x80 || c > 0xBF) return 0;
  }
  return n;
}

bool RunChar(uint8_t b) {
  return (b >= 0x20 && b < 0x7F) || b == '\t' || b == '\r' || b == '\n';
}

// The number of UTF-16 code units at data[i] that are a run character and
// a NUL in the given byte order.
size_t RunLength(std::string_view data, size_t i, bool big_endian) {
  const size_t c = big_endian ? 1 : 0;
  size_t n = 0;
  while (i + 1 < data.size() && data[i + 1 - c] == '\0' &&
         RunChar(static_cast<uint8_t>(data[i + c]))) {
    ++n;
    i += 2;
  }
  return n;
}

}  // namespace

std::string_view BinarySignature(std::string_view data) {
  for (const Signature& s : kSignatures) {
    if (data.size() < s.offset + s.magic.size()) continue;
    if (data.substr(s.offset, s.magic.size()) != s.magic) continue;
    if (s.needs_nul && !HasEarlyNul(data)) continue;
    if (s.name == "WebP" && !data.starts_with("RIFF")) continue;
    return s.name;
  }
  return "";
}

bool LooksBinary(std::string_view data) {
  if (!BinarySignature(data).empty()) return true;
  if (std::memchr(data.data(), 0, data.size()) != nullptr) return true;
  static const std::array<uint8_t, 256> kControl = [] {
    std::array<uint8_t, 256> table{};
    for (size_t b = 0; b < table.size(); ++b) {
      table[b] = ControlByteOfBinary(static_cast<uint8_t>(b)) ? 1 : 0;
    }
    return table;
  }();
  std::string_view head = data.substr(0, 8192);
  size_t control = 0;  // a table, not branches: every text blob comes here
  for (char c : head) control += kControl[static_cast<uint8_t>(c)];
  return control * 10 > head.size();
}

bool IsCleanText(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    uint8_t b = static_cast<uint8_t>(text[i]);
    if (b < 0x20 && b != '\t' && b != '\r' && b != '\n') return false;
    if (b == 0x7F) return false;
    size_t n = Utf8SequenceAt(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string Utf16TextRuns(std::string_view data, bool big_endian,
                          size_t min_run) {
  const char* bytes = data.data();
  const size_t n = data.size();
  if (std::memchr(bytes, 0, n) == nullptr) return "";
  std::string out;
  bool any_run = false;
  // Bytes [from, to) hold no run: their line feeds, and one NUL for each
  // stretch of other bytes.
  auto gap = [&](size_t from, size_t to) {
    while (from < to) {
      const void* nl = std::memchr(bytes + from, '\n', to - from);
      size_t stop = nl ? static_cast<const char*>(nl) - bytes : to;
      if (stop > from && (out.empty() || out.back() != '\0')) out += '\0';
      if (nl == nullptr) break;
      out += '\n';
      from = stop + 1;
    }
  };
  // A run starts next to a NUL (little-endian: the byte before it; big-
  // endian: the NUL itself), so the search jumps from NUL to NUL.
  const size_t before = big_endian ? 0 : 1;
  size_t i = 0;
  while (i < n) {
    const void* nul = i + before < n
                          ? std::memchr(bytes + i + before, 0, n - i - before)
                          : nullptr;
    if (nul == nullptr) {
      gap(i, n);
      break;
    }
    size_t start = static_cast<const char*>(nul) - bytes - before;
    size_t run = RunLength(data, start, big_endian);
    if (run < std::max<size_t>(min_run, 1)) {
      gap(i, start + 1);
      i = start + 1;
      continue;
    }
    gap(i, start);
    const size_t c = big_endian ? 1 : 0;
    for (size_t k = 0; k < run; ++k) out += bytes[start + c + 2 * k];
    i = start + 2 * run;
    any_run = true;
  }
  if (!any_run) out.clear();
  return out;
}

}  // namespace pushguard

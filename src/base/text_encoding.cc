#include "base/text_encoding.h"

#include <errno.h>
#include <iconv.h>

#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>

namespace pushguard {
namespace {

constexpr uint32_t kReplacement = 0xFFFD;

uint8_t Byte(std::string_view data, size_t i) {
  return static_cast<uint8_t>(data[i]);
}

// Writes `cp` as UTF-8 at `out` (room for 4 bytes); returns the end.
// Surrogates and values past U+10FFFF are written as U+FFFD.
char* PutUtf8(char* out, uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  char buffer[4];
  out.append(buffer, PutUtf8(buffer, cp) - buffer);
}

// Code unit `i` (of `width` bytes) as a number.
uint32_t Unit(std::string_view data, size_t i, size_t width, bool big_endian) {
  uint32_t value = 0;
  for (size_t k = 0; k < width; ++k) {
    size_t b = big_endian ? k : width - 1 - k;
    value = (value << 8) | Byte(data, i * width + b);
  }
  return value;
}

// How many code units of each form hold a character in U+0001..U+00FF,
// counted in one pass.
struct NarrowUnits {
  size_t utf16le = 0, utf16be = 0, utf32le = 0, utf32be = 0;
};

// Bit 7 of each byte of the result is set where that byte of `x` is not 0.
uint64_t NonZeroBytes(uint64_t x) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  return (((x & kLow7) + kLow7) | x) & ~kLow7;
}

// Eight bytes at `p`, the first in the lowest bits whatever the host order.
uint64_t LoadLittle64(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, sizeof x);
  if constexpr (std::endian::native == std::endian::big) {
    x = __builtin_bswap64(x);
  }
  return x;
}

// Adds the bytes of `lanes` (flags of 0 or 1 per byte, summed for at most
// 255 rounds) to *count.
void AddLanes(uint64_t lanes, size_t* count) {
  for (int k = 0; k < 8; ++k) *count += (lanes >> (8 * k)) & 0xFF;
}

NarrowUnits CountNarrowUnits(std::string_view data) {
  // Flags at bit 7 of bytes 0, 2, 4, 6 (UTF-16) and of bytes 0, 4 (UTF-32),
  // summed per byte lane, eight bytes at a time.
  constexpr uint64_t kEven = 0x0080008000800080ULL;
  constexpr uint64_t kQuad = 0x0000008000000080ULL;
  NarrowUnits n;
  size_t i = 0;
  while (i + 8 <= data.size()) {
    uint64_t le16 = 0, be16 = 0, le32 = 0, be32 = 0;
    for (int round = 0; round < 255 && i + 8 <= data.size(); ++round, i += 8) {
      uint64_t nz = NonZeroBytes(LoadLittle64(data.data() + i));
      uint64_t z = ~nz & 0x8080808080808080ULL;
      le16 += (nz & (z >> 8) & kEven) >> 7;
      be16 += (z & (nz >> 8) & kEven) >> 7;
      le32 += (nz & (z >> 8) & (z >> 16) & (z >> 24) & kQuad) >> 7;
      be32 += (z & (z >> 8) & (z >> 16) & (nz >> 24) & kQuad) >> 7;
    }
    AddLanes(le16, &n.utf16le);
    AddLanes(be16, &n.utf16be);
    AddLanes(le32, &n.utf32le);
    AddLanes(be32, &n.utf32be);
  }
  for (; i + 2 <= data.size(); i += 2) {  // the tail, unit by unit
    uint8_t b0 = Byte(data, i), b1 = Byte(data, i + 1);
    n.utf16le += static_cast<size_t>(b0 != 0 && b1 == 0);
    n.utf16be += static_cast<size_t>(b1 != 0 && b0 == 0);
    if (i % 4 == 0 && i + 4 <= data.size()) {
      uint8_t b2 = Byte(data, i + 2), b3 = Byte(data, i + 3);
      n.utf32le += static_cast<size_t>(b0 != 0 && (b1 | b2 | b3) == 0);
      n.utf32be += static_cast<size_t>(b3 != 0 && (b0 | b1 | b2) == 0);
    }
  }
  return n;
}

// Whether more than half of `units` (at least two) are narrow.
bool Mostly(size_t narrow, size_t units) {
  return units >= 2 && narrow * 2 > units;
}

// The decoders size `out` for the most the units can need (UTF-16: 1, 2 or
// 3 bytes by value, counted first; UTF-32: 4; a cut-off unit: 3) and trim
// it: one allocation, not much larger than the text.
std::string DecodeUtf16(std::string_view data, bool big_endian) {
  size_t units = data.size() / 2;
  const size_t hi = big_endian ? 0 : 1;
  size_t most = 3;
  for (size_t i = 0; i < units; ++i) {
    uint8_t high = Byte(data, 2 * i + hi), low = Byte(data, 2 * i + 1 - hi);
    most += high == 0 && low < 0x80 ? 1 : high < 0x08 ? 2 : 3;
  }
  std::string out(most, '\0');
  char* p = out.data();
  for (size_t i = 0; i < units; ++i) {
    uint32_t u =
        (uint32_t{Byte(data, 2 * i + hi)} << 8) | Byte(data, 2 * i + (1 - hi));
    if (u < 0x80) {
      *p++ = static_cast<char>(u);
      continue;
    }
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units) {
      uint32_t low = Unit(data, i + 1, 2, big_endian);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        p = PutUtf8(p, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        ++i;
        continue;
      }
    }
    p = PutUtf8(p, u);  // a lone surrogate becomes U+FFFD
  }
  if (data.size() % 2 != 0) p = PutUtf8(p, kReplacement);
  out.resize(p - out.data());
  return out;
}

std::string DecodeUtf32(std::string_view data, bool big_endian) {
  size_t units = data.size() / 4;
  std::string out(units * 4 + 3, '\0');
  char* p = out.data();
  for (size_t i = 0; i < units; ++i)
    p = PutUtf8(p, Unit(data, i, 4, big_endian));
  if (data.size() % 4 != 0) p = PutUtf8(p, kReplacement);
  out.resize(p - out.data());
  return out;
}

size_t BomSize(TextEncoding encoding, std::string_view data) {
  auto has = [&](std::string_view bom) { return data.starts_with(bom); };
  switch (encoding) {
    case TextEncoding::kAsIs:
      return 0;
    case TextEncoding::kUtf8Bom:
      return has("\xEF\xBB\xBF") ? 3 : 0;
    case TextEncoding::kUtf16Le:
      return has("\xFF\xFE") ? 2 : 0;
    case TextEncoding::kUtf16Be:
      return has("\xFE\xFF") ? 2 : 0;
    case TextEncoding::kUtf32Le:
      return has(std::string_view("\xFF\xFE\0\0", 4)) ? 4 : 0;
    case TextEncoding::kUtf32Be:
      return has(std::string_view("\0\0\xFE\xFF", 4)) ? 4 : 0;
  }
  return 0;
}

std::string AsciiLowerName(std::string_view name) {
  std::string lower;
  for (char c : name) {
    lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return lower;
}

// The UTF-16 and UTF-32 charset names, decoded here rather than by iconv,
// which stops at a lone surrogate. Without a byte order in the name, a BOM or
// the NUL pattern decides, and else big-endian (RFC 2781).
std::optional<TextEncoding> UnicodeForm(std::string_view charset,
                                        std::string_view data) {
  struct Form {
    const char* name;
    int bits;
    TextEncoding order;  // kAsIs: not named
  };
  static constexpr Form kForms[] = {
      {"utf-16", 16, TextEncoding::kAsIs},
      {"utf16", 16, TextEncoding::kAsIs},
      {"ucs-2", 16, TextEncoding::kAsIs},
      {"utf-16le", 16, TextEncoding::kUtf16Le},
      {"utf16le", 16, TextEncoding::kUtf16Le},
      {"ucs-2le", 16, TextEncoding::kUtf16Le},
      {"utf-16be", 16, TextEncoding::kUtf16Be},
      {"utf16be", 16, TextEncoding::kUtf16Be},
      {"ucs-2be", 16, TextEncoding::kUtf16Be},
      {"utf-32", 32, TextEncoding::kAsIs},
      {"utf32", 32, TextEncoding::kAsIs},
      {"ucs-4", 32, TextEncoding::kAsIs},
      {"utf-32le", 32, TextEncoding::kUtf32Le},
      {"utf32le", 32, TextEncoding::kUtf32Le},
      {"ucs-4le", 32, TextEncoding::kUtf32Le},
      {"utf-32be", 32, TextEncoding::kUtf32Be},
      {"utf32be", 32, TextEncoding::kUtf32Be},
      {"ucs-4be", 32, TextEncoding::kUtf32Be},
  };
  std::string name = AsciiLowerName(charset);
  for (const Form& form : kForms) {
    if (name != form.name) continue;
    if (form.order != TextEncoding::kAsIs) return form.order;
    TextEncoding detected = DetectEncoding(data);
    bool same_width = form.bits == 16 ? (detected == TextEncoding::kUtf16Le ||
                                         detected == TextEncoding::kUtf16Be)
                                      : (detected == TextEncoding::kUtf32Le ||
                                         detected == TextEncoding::kUtf32Be);
    if (same_width) return detected;
    return form.bits == 16 ? TextEncoding::kUtf16Be : TextEncoding::kUtf32Be;
  }
  return std::nullopt;
}

struct IconvCloser {
  void operator()(iconv_t cd) const { iconv_close(cd); }
};

}  // namespace

TextEncoding DetectEncoding(std::string_view data) {
  if (data.starts_with(std::string_view("\xFF\xFE\0\0", 4))) {
    return TextEncoding::kUtf32Le;
  }
  if (data.starts_with(std::string_view("\0\0\xFE\xFF", 4))) {
    return TextEncoding::kUtf32Be;
  }
  if (data.starts_with("\xFF\xFE")) return TextEncoding::kUtf16Le;
  if (data.starts_with("\xFE\xFF")) return TextEncoding::kUtf16Be;
  if (data.starts_with("\xEF\xBB\xBF")) return TextEncoding::kUtf8Bom;
  if (std::memchr(data.data(), 0, data.size()) == nullptr) {
    return TextEncoding::kAsIs;
  }
  // UTF-32 first: its ASCII text also has the UTF-16 pattern in half its units.
  NarrowUnits n = CountNarrowUnits(data);
  if (Mostly(n.utf32le, data.size() / 4)) return TextEncoding::kUtf32Le;
  if (Mostly(n.utf32be, data.size() / 4)) return TextEncoding::kUtf32Be;
  if (Mostly(n.utf16le, data.size() / 2)) return TextEncoding::kUtf16Le;
  if (Mostly(n.utf16be, data.size() / 2)) return TextEncoding::kUtf16Be;
  return TextEncoding::kAsIs;
}

std::string DecodeToUtf8(std::string_view data, TextEncoding encoding) {
  data.remove_prefix(BomSize(encoding, data));
  switch (encoding) {
    case TextEncoding::kAsIs:
    case TextEncoding::kUtf8Bom:
      break;
    case TextEncoding::kUtf16Le:
    case TextEncoding::kUtf16Be:
      return DecodeUtf16(data, encoding == TextEncoding::kUtf16Be);
    case TextEncoding::kUtf32Le:
    case TextEncoding::kUtf32Be:
      return DecodeUtf32(data, encoding == TextEncoding::kUtf32Be);
  }
  return std::string(data);
}

bool IsUtf8Name(std::string_view charset) {
  std::string lower = AsciiLowerName(charset);
  return lower.empty() || lower == "utf-8" || lower == "utf8";
}

Result<std::string> ConvertToUtf8(std::string_view data,
                                  const std::string& charset) {
  if (std::optional<TextEncoding> unicode = UnicodeForm(charset, data)) {
    return DecodeToUtf8(data, *unicode);
  }
  iconv_t raw = iconv_open("UTF-8", charset.c_str());
  if (raw == reinterpret_cast<iconv_t>(-1)) {
    return Status::NotFound("unknown character encoding '" + charset + "'");
  }
  std::unique_ptr<void, IconvCloser> cd(raw);
  std::string out;
  char buffer[4096];
  char* in = const_cast<char*>(data.data());  // iconv does not write to it
  size_t in_left = data.size();
  while (in_left > 0) {
    char* dst = buffer;
    size_t dst_left = sizeof buffer;
    size_t rc = iconv(raw, &in, &in_left, &dst, &dst_left);
    int error = rc == static_cast<size_t>(-1) ? errno : 0;
    out.append(buffer, dst - buffer);
    if (error == EILSEQ || error == EINVAL) {  // invalid, or cut short
      AppendUtf8(out, kReplacement);
      ++in;
      --in_left;
    } else if (error != 0 && error != E2BIG) {
      return Status::Internal("cannot convert from '" + charset +
                              "': " + std::strerror(error));
    }
  }
  char* dst = buffer;
  size_t dst_left = sizeof buffer;
  iconv(raw, nullptr, nullptr, &dst, &dst_left);  // the final shift state
  out.append(buffer, dst - buffer);
  return out;
}

std::string MessageToUtf8(std::string_view bytes, const std::string& charset) {
  if (!IsUtf8Name(charset)) {
    Result<std::string> converted = ConvertToUtf8(bytes, charset);
    if (converted.ok()) return std::move(*converted);
  }
  return DecodeToUtf8(bytes, DetectEncoding(bytes));
}

}  // namespace pushguard

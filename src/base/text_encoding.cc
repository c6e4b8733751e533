#include "base/text_encoding.h"

#include <errno.h>
#include <iconv.h>

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

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
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

// Whether more than half of the `width`-byte code units of `data` are a
// character in U+0001..U+00FF stored in the given byte order.
bool MostlyNarrowUnits(std::string_view data, size_t width, bool big_endian) {
  size_t units = data.size() / width;
  if (units < 2) return false;
  size_t narrow = 0;
  for (size_t i = 0; i < units; ++i) {
    uint32_t u = Unit(data, i, width, big_endian);
    if (u != 0 && u < 0x100) ++narrow;
  }
  return narrow * 2 > units;
}

void DecodeUtf16(std::string_view data, bool big_endian, std::string& out) {
  size_t units = data.size() / 2;
  for (size_t i = 0; i < units; ++i) {
    uint32_t u = Unit(data, i, 2, big_endian);
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units) {
      uint32_t low = Unit(data, i + 1, 2, big_endian);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        AppendUtf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        ++i;
        continue;
      }
    }
    AppendUtf8(out, u);  // a lone surrogate becomes U+FFFD
  }
  if (data.size() % 2 != 0) AppendUtf8(out, kReplacement);
}

void DecodeUtf32(std::string_view data, bool big_endian, std::string& out) {
  size_t units = data.size() / 4;
  for (size_t i = 0; i < units; ++i) {
    AppendUtf8(out, Unit(data, i, 4, big_endian));
  }
  if (data.size() % 4 != 0) AppendUtf8(out, kReplacement);
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
  if (MostlyNarrowUnits(data, 4, false)) return TextEncoding::kUtf32Le;
  if (MostlyNarrowUnits(data, 4, true)) return TextEncoding::kUtf32Be;
  if (MostlyNarrowUnits(data, 2, false)) return TextEncoding::kUtf16Le;
  if (MostlyNarrowUnits(data, 2, true)) return TextEncoding::kUtf16Be;
  return TextEncoding::kAsIs;
}

std::string DecodeToUtf8(std::string_view data, TextEncoding encoding) {
  data.remove_prefix(BomSize(encoding, data));
  std::string out;
  switch (encoding) {
    case TextEncoding::kAsIs:
    case TextEncoding::kUtf8Bom:
      return std::string(data);
    case TextEncoding::kUtf16Le:
    case TextEncoding::kUtf16Be:
      out.reserve(data.size() / 2);
      DecodeUtf16(data, encoding == TextEncoding::kUtf16Be, out);
      break;
    case TextEncoding::kUtf32Le:
    case TextEncoding::kUtf32Be:
      out.reserve(data.size() / 4);
      DecodeUtf32(data, encoding == TextEncoding::kUtf32Be, out);
      break;
  }
  return out;
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

}  // namespace pushguard

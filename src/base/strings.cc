#include "base/strings.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pushguard {

void NewlineOffsets(std::string_view text, std::vector<size_t>* out) {
  out->clear();
  const char* data = text.data();
  const size_t n = text.size();
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  for (; i + 16 <= n; i += 16) {
    __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    auto mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmpeq_epi8(block, newline)));
    while (mask != 0) {
      out->push_back(i + static_cast<size_t>(__builtin_ctz(mask)));
      mask &= mask - 1;
    }
  }
#endif
  for (; i < n; ++i) {
    if (data[i] == '\n') out->push_back(i);
  }
}

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 if invalid;
// sets *code_point when valid.
size_t Utf8SequenceLength(std::string_view text, size_t i,
                          uint32_t* code_point) {
  const auto byte = [&](size_t k) {
    return static_cast<unsigned char>(text[k]);
  };
  unsigned char c = byte(i);
  size_t n;
  uint32_t cp;
  *code_point = c;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  // C1 control characters (U+0080..U+009F) act as terminal controls too.
  if (cp >= 0x80 && cp <= 0x9F) return 0;
  *code_point = cp;
  return n;
}

// Unicode's Bidi_Control characters: embeddings, overrides and isolates
// (U+202A..U+202E, U+2066..U+2069) and the marks U+061C, U+200E, U+200F.
// They reorder how the text around them is shown ("Trojan Source"), so a
// name or message can display as something it is not.
bool IsBidiControl(uint32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void AppendCodePointEscape(std::string& out, uint32_t cp) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
  out += buf;
}

void AppendHexEscape(std::string& out, unsigned char c) {
  char buf[5];
  std::snprintf(buf, sizeof buf, "\\x%02x", c);
  out += buf;
}

}  // namespace

std::string EscapeForDisplay(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  uint32_t cp = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\\n";
      ++i;
    } else if (c == '\t') {
      out += "\\t";
      ++i;
    } else if (c == '\r') {
      out += "\\r";
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      AppendHexEscape(out, c);
      ++i;
    } else if (size_t n = Utf8SequenceLength(text, i, &cp); n > 0) {
      if (IsBidiControl(cp)) {
        AppendCodePointEscape(out, cp);
      } else {
        out.append(text.substr(i, n));
      }
      i += n;
    } else {
      AppendHexEscape(out, c);
      ++i;
    }
  }
  return out;
}

std::string EscapeJson(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  uint32_t cp = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        ++i;
        continue;
      case '\\':
        out += "\\\\";
        ++i;
        continue;
      case '\n':
        out += "\\n";
        ++i;
        continue;
      case '\r':
        out += "\\r";
        ++i;
        continue;
      case '\t':
        out += "\\t";
        ++i;
        continue;
      default:
        break;
    }
    if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
      ++i;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
    } else if (size_t n = Utf8SequenceLength(text, i, &cp); n > 0) {
      if (IsBidiControl(cp)) {
        AppendCodePointEscape(out, cp);  // JSON's \uXXXX: the same string
      } else {
        out.append(text.substr(i, n));
      }
      i += n;
    } else if (i + 1 < text.size() &&
               static_cast<unsigned char>(text[i]) == 0xC2) {
      // A C1 control (valid UTF-8, but a terminal control): escape it.
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x",
                    static_cast<unsigned char>(text[i + 1]));
      out += buf;
      i += 2;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    }
  }
  return out;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> Split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t pos = text.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      return parts;
    }
    parts.emplace_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string_view Trim(std::string_view text) {
  const char* kSpace = " \t\r\n";
  size_t b = text.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  size_t e = text.find_last_not_of(kSpace);
  return text.substr(b, e - b + 1);
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min(
          {row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string DidYouMean(std::string_view word,
                       const std::vector<std::string>& candidates) {
  size_t limit = std::max<size_t>(1, word.size() / 3);
  std::string best;
  size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

namespace {

bool GlobMatchFrom(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (StartsWith(p, "**")) {
      std::string_view rest = p.substr(2);
      if (StartsWith(rest, "/")) {
        // "**/" matches zero or more whole directories.
        std::string_view after = rest.substr(1);
        if (GlobMatchFrom(after, s)) return true;
        for (size_t i = 0; i < s.size(); ++i) {
          if (s[i] == '/' && GlobMatchFrom(after, s.substr(i + 1))) {
            return true;
          }
        }
        return false;
      }
      for (size_t i = 0; i <= s.size(); ++i) {
        if (GlobMatchFrom(rest, s.substr(i))) return true;
      }
      return false;
    }
    if (p[0] == '*') {
      std::string_view rest = p.substr(1);
      for (size_t i = 0; i <= s.size(); ++i) {
        if (GlobMatchFrom(rest, s.substr(i))) return true;
        if (i < s.size() && s[i] == '/') return false;
      }
      return false;
    }
    if (s.empty()) return false;
    if (p[0] == '?') {
      if (s[0] == '/') return false;
    } else if (p[0] != s[0]) {
      return false;
    }
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view path) {
  if (pattern.find('/') == std::string_view::npos) {
    size_t slash = path.rfind('/');
    if (slash != std::string_view::npos) path = path.substr(slash + 1);
  } else if (StartsWith(pattern, "/")) {
    pattern.remove_prefix(1);
  }
  return GlobMatchFrom(pattern, path);
}

}  // namespace pushguard

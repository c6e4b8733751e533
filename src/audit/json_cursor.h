// A forward-only cursor over one line of JSON for the record parser
// (record_parser.cc): it reads members straight into the caller's fields
// and checks the syntax of everything it skips (strict RFC 8259, nesting
// at most kMaxJsonDepth). Internal to src/audit/.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pushguard::audit {

inline constexpr int kMaxJsonDepth = 64;

inline void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes one JSON string escape, from just after its backslash:
// text[*pos...]. Appends the character (UTF-8; a lone surrogate as U+FFFD)
// to *out and advances *pos past the escape. On an invalid escape returns
// what is wrong, with *pos just past where it was found; nullptr on success.
inline const char* DecodeJsonEscape(std::string_view text, size_t* pos,
                                    std::string* out) {
  auto hex4 = [&](uint32_t* v) -> bool {
    if (text.size() - *pos < 4) {
      *pos = text.size();
      return false;
    }
    *v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text[(*pos)++];
      *v <<= 4;
      if (c >= '0' && c <= '9') {
        *v |= static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        *v |= static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        *v |= static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  };
  if (*pos >= text.size()) return "unterminated string";
  switch (char c = text[(*pos)++]) {
    case '"':
    case '\\':
    case '/':
      out->push_back(c);
      return nullptr;
    case 'b':
      out->push_back('\b');
      return nullptr;
    case 'f':
      out->push_back('\f');
      return nullptr;
    case 'n':
      out->push_back('\n');
      return nullptr;
    case 'r':
      out->push_back('\r');
      return nullptr;
    case 't':
      out->push_back('\t');
      return nullptr;
    case 'u':
      break;
    default:
      return "invalid escape";
  }
  uint32_t cp = 0;
  if (!hex4(&cp)) return "invalid \\u escape";
  if (cp >= 0xD800 && cp <= 0xDBFF && text.substr(*pos, 2) == "\\u") {
    *pos += 2;
    uint32_t low = 0;
    if (!hex4(&low)) return "invalid \\u escape";
    if (low < 0xDC00 || low > 0xDFFF) return "invalid surrogate pair";
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
  } else if (cp >= 0xD800 && cp <= 0xDFFF) {
    cp = 0xFFFD;  // a lone surrogate
  }
  AppendUtf8(cp, out);
  return nullptr;
}

// A cursor over one line. Every method returns false on a syntax error
// (and the whole parse fails); values of an unexpected type are skipped
// and the target keeps its default.
class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text)
      : p_(text.data()), end_(p_ + text.size()) {}

  bool AtEnd() {
    SkipSpace();
    return p_ == end_;
  }
  char Peek() {
    SkipSpace();
    return p_ < end_ ? *p_ : '\0';
  }
  bool Consume(char c) {
    if (Peek() != c) return false;
    ++p_;
    return true;
  }

  // A string value into *out (decoded), or its default "" for another type.
  bool String(std::string* out) {
    out->clear();
    if (Peek() != '"') return Skip(0);
    return StringBody(out);
  }
  // A count: a positive number (truncated), else 0.
  bool Count(uint64_t* out) {
    *out = 0;
    char c = Peek();
    if (c != '-' && (c < '0' || c > '9')) return Skip(0);
    const char* start = p_;
    if (!Number()) return false;
    uint64_t v = 0;
    const char* q = start;
    for (; q < p_ && *q >= '0' && *q <= '9' && q - start < 19; ++q) {
      v = v * 10 + static_cast<uint64_t>(*q - '0');
    }
    if (q == p_) {
      *out = v;
      return true;
    }
    std::string copy(start, p_);  // fraction, exponent, sign or huge
    double d = std::strtod(copy.c_str(), nullptr);
    *out = d > 0 ? static_cast<uint64_t>(d) : 0;
    return true;
  }
  bool Bool(bool* out) {
    *out = false;
    char c = Peek();
    if (c == 't') return Literal("true") && (*out = true, true);
    return Skip(0);
  }

  // Calls member(key) for each member of an object, positioned at its
  // value, which member() must consume. A value other than an object is
  // skipped (nothing is called).
  template <typename F>
  bool Object(std::string* scratch, F&& member) {
    if (Peek() != '{') return Skip(0);
    ++p_;
    if (Consume('}')) return true;
    while (true) {
      std::string_view key;
      if (Peek() != '"' || !Key(scratch, &key) || !Consume(':')) return false;
      if (!member(key)) return false;
      if (Consume('}')) return true;
      if (!Consume(',')) return false;
    }
  }
  // Calls item() for each item of an array, positioned at it. A value other
  // than an array is skipped.
  template <typename F>
  bool Array(F&& item) {
    if (Peek() != '[') return Skip(0);
    ++p_;
    if (Consume(']')) return true;
    while (true) {
      if (!item()) return false;
      if (Consume(']')) return true;
      if (!Consume(',')) return false;
    }
  }

  // Checks and passes over any value.
  bool Skip(int depth) {
    if (depth > kMaxJsonDepth) return false;
    switch (Peek()) {
      case '{': {
        ++p_;
        if (Consume('}')) return true;
        while (true) {
          if (Peek() != '"' || !SkipString() || !Consume(':') ||
              !Skip(depth + 1)) {
            return false;
          }
          if (Consume('}')) return true;
          if (!Consume(',')) return false;
        }
      }
      case '[': {
        ++p_;
        if (Consume(']')) return true;
        while (true) {
          if (!Skip(depth + 1)) return false;
          if (Consume(']')) return true;
          if (!Consume(',')) return false;
        }
      }
      case '"':
        return SkipString();
      case 't':
        return Literal("true");
      case 'f':
        return Literal("false");
      case 'n':
        return Literal("null");
      default:
        return Number();
    }
  }

 private:
  void SkipSpace() {
    while (p_ < end_ &&
           (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) {
      ++p_;
    }
  }
  bool Literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() ||
        std::memcmp(p_, word.data(), word.size()) != 0) {
      return false;
    }
    p_ += word.size();
    return true;
  }
  bool Digits() {
    const char* from = p_;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    return p_ > from;
  }
  bool Number() {
    if (p_ < end_ && *p_ == '-') ++p_;
    if (p_ < end_ && *p_ == '0') {
      ++p_;
    } else if (!Digits()) {
      return false;
    }
    if (p_ < end_ && *p_ == '.' && (++p_, !Digits())) return false;
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!Digits()) return false;
    }
    return true;
  }
  // The plain run of a string from p_: up to a quote, backslash or control
  // character (or the end).
  const char* PlainRun() const {
    const char* q = p_;
#if defined(__SSE2__)
    // 16 bytes at a time: most of a record is long plain strings.
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                  control = _mm_set1_epi8(0x1F);
    while (end_ - q >= 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
      __m128i stop = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
          _mm_cmpeq_epi8(_mm_max_epu8(v, control), control));  // v <= 0x1F
      int mask = _mm_movemask_epi8(stop);
      if (mask != 0) return q + __builtin_ctz(static_cast<unsigned>(mask));
      q += 16;
    }
#endif
    while (q < end_ && *q != '"' && *q != '\\' &&
           static_cast<unsigned char>(*q) >= 0x20) {
      ++q;
    }
    return q;
  }
  bool SkipString() {
    skipped_.clear();
    return StringBody(&skipped_);
  }
  // A member name: a view into the line when it has no escapes.
  bool Key(std::string* scratch, std::string_view* key) {
    ++p_;
    const char* run = PlainRun();
    if (run < end_ && *run == '"') {
      *key = std::string_view(p_, static_cast<size_t>(run - p_));
      p_ = run + 1;
      return true;
    }
    --p_;
    scratch->clear();
    if (!StringBody(scratch)) return false;
    *key = *scratch;
    return true;
  }
  bool Escape(std::string* out) {
    std::string_view rest(p_, static_cast<size_t>(end_ - p_));
    size_t pos = 0;
    if (DecodeJsonEscape(rest, &pos, out) != nullptr) return false;
    p_ += pos;
    return true;
  }
  // From the opening quote to past the closing one.
  bool StringBody(std::string* out) {
    ++p_;
    while (true) {
      const char* run = PlainRun();
      out->append(p_, run);
      p_ = run;
      if (p_ >= end_) return false;
      char c = *p_++;
      if (c == '"') return true;
      if (c != '\\' || !Escape(out))
        return false;  // control char or bad escape
    }
  }

  const char* p_;
  const char* end_;
  std::string skipped_;
};

}  // namespace pushguard::audit

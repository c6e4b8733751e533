#include "audit/record_parser.h"

#include <cstdlib>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "audit/timestamp.h"

namespace pushguard::audit {
namespace {

constexpr int kMaxDepth = 64;

void AppendUtf8(uint32_t cp, std::string* out) {
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

// A cursor over one line. Every method returns false on a syntax error
// (and the whole parse fails); values of an unexpected type are skipped
// and the target keeps its default.
class Reader {
 public:
  explicit Reader(std::string_view text)
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
    if (depth > kMaxDepth) return false;
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
  bool Hex4(uint32_t* out) {
    if (end_ - p_ < 4) return false;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = *p_++;
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        v |= static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        v |= static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    *out = v;
    return true;
  }
  bool Escape(std::string* out) {
    if (p_ >= end_) return false;
    switch (char c = *p_++) {
      case '"':
      case '\\':
      case '/':
        out->push_back(c);
        return true;
      case 'b':
        out->push_back('\b');
        return true;
      case 'f':
        out->push_back('\f');
        return true;
      case 'n':
        out->push_back('\n');
        return true;
      case 'r':
        out->push_back('\r');
        return true;
      case 't':
        out->push_back('\t');
        return true;
      case 'u':
        break;
      default:
        return false;
    }
    uint32_t cp;
    if (!Hex4(&cp)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF && end_ - p_ >= 2 && p_[0] == '\\' &&
        p_[1] == 'u') {
      p_ += 2;
      uint32_t low;
      if (!Hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;  // a lone surrogate
    }
    AppendUtf8(cp, out);
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

// Back to the defaults, keeping the strings' storage.
void ResetItem(RefUpdateRecord* r) {
  r->ref.clear();
  r->old_oid.clear();
  r->new_oid.clear();
  r->change.clear();
}
void ResetItem(FindingRecord* f) {
  for (std::string* s :
       {&f->kind, &f->rule, &f->mode, &f->severity, &f->ref, &f->commit,
        &f->path, &f->fingerprint, &f->allowed_by}) {
    s->clear();
  }
  f->would_block = false;
  f->line = f->column = f->marker_line = 0;
}
void ResetItem(Bypass* b) {
  for (std::string* s :
       {&b->user, &b->reason, &b->ref, &b->kind, &b->fingerprint, &b->path}) {
    s->clear();
  }
  b->rules.clear();
  b->commits.clear();
  b->marker_line = 0;
}

// Reuses the element at *n of *items, or one from *spare, or adds one;
// reset to its defaults.
template <typename T>
T& NextItem(std::vector<T>* items, size_t* n, std::vector<T>* spare) {
  if (*n == items->size()) {
    if (spare->empty()) {
      items->emplace_back();
    } else {
      items->push_back(std::move(spare->back()));
      spare->pop_back();
    }
  }
  ResetItem(&(*items)[*n]);
  return (*items)[(*n)++];
}

// Cuts *items to `n`, keeping the rest (and their storage) in *spare.
template <typename T>
void Trim(std::vector<T>* items, size_t n, std::vector<T>* spare) {
  while (items->size() > n) {
    spare->push_back(std::move(items->back()));
    items->pop_back();
  }
}

bool StringList(Reader& in, std::vector<std::string>* out) {
  out->clear();
  return in.Array([&] {
    out->emplace_back();
    return in.String(&out->back());
  });
}

bool RefItem(Reader& in, std::string* scratch, RefUpdateRecord* r) {
  return in.Object(scratch, [&](std::string_view k) {
    if (k == "ref") return in.String(&r->ref);
    if (k == "old") return in.String(&r->old_oid);
    if (k == "new") return in.String(&r->new_oid);
    if (k == "change") return in.String(&r->change);
    return in.Skip(1);
  });
}

bool FindingItem(Reader& in, std::string* scratch, FindingRecord* f) {
  return in.Object(scratch, [&](std::string_view k) {
    if (k == "kind") return in.String(&f->kind);
    if (k == "rule") return in.String(&f->rule);
    if (k == "mode") return in.String(&f->mode);
    if (k == "severity") return in.String(&f->severity);
    if (k == "would_block") return in.Bool(&f->would_block);
    if (k == "ref") return in.String(&f->ref);
    if (k == "commit") return in.String(&f->commit);
    if (k == "path") return in.String(&f->path);
    if (k == "line") return in.Count(&f->line);
    if (k == "column") return in.Count(&f->column);
    if (k == "fingerprint") return in.String(&f->fingerprint);
    if (k == "allowed_by") return in.String(&f->allowed_by);
    if (k == "marker_line") return in.Count(&f->marker_line);
    return in.Skip(1);
  });
}

bool BypassItem(Reader& in, std::string* scratch, Bypass* b) {
  bool ok = in.Object(scratch, [&](std::string_view k) {
    if (k == "user") return in.String(&b->user);
    if (k == "reason") return in.String(&b->reason);
    if (k == "rules") return StringList(in, &b->rules);
    if (k == "ref") return in.String(&b->ref);
    if (k == "commits") return StringList(in, &b->commits);
    if (k == "kind") return in.String(&b->kind);
    if (k == "fingerprint") return in.String(&b->fingerprint);
    if (k == "path") return in.String(&b->path);
    if (k == "marker_line") return in.Count(&b->marker_line);
    return in.Skip(1);
  });
  if (b->kind.empty()) b->kind = Bypass::kPushOption;  // absent: push option
  return ok;
}

// Parses a list member into the first *n items of *items (the rest keep
// their storage for later records; the caller trims). The last occurrence
// of a member wins, so the list restarts.
template <typename T, typename F>
bool List(Reader& in, std::vector<T>* items, size_t* n, std::vector<T>* spare,
          F&& item) {
  *n = 0;
  return in.Array([&] { return item(NextItem(items, n, spare)); });
}

void Reset(AuditRecord* r) {
  r->time_ms = 0;
  for (std::string* s : {&r->push_id, &r->node, &r->repository, &r->user,
                         &r->user_source, &r->protocol, &r->server, &r->verdict,
                         &r->error, &r->pushguard_version, &r->policy_hash}) {
    s->clear();
  }
  r->accepted = false;
  r->findings_total = r->blocking = r->warnings = r->would_block = 0;
  r->stats = ScanStats{};
  r->elapsed_ms = 0;
}

}  // namespace

// List items a record no longer needs, kept with their storage for the next.
struct RecordParser::Spare {
  std::vector<RefUpdateRecord> refs;
  std::vector<FindingRecord> findings;
  std::vector<Bypass> bypasses;
};

RecordParser::RecordParser() : spare_(std::make_unique<Spare>()) {}
RecordParser::~RecordParser() = default;

Status RecordParser::Parse(std::string_view line, AuditRecord* r) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  Reset(r);
  Reader in(line);
  if (in.Peek() != '{') {
    return Status::InvalidArgument(in.AtEnd() ? "empty line"
                                              : "not a JSON object");
  }
  std::string& time = time_;
  time.clear();
  size_t refs = 0, findings = 0, bypasses = 0;  // list sizes
  bool ok = in.Object(&scratch_, [&](std::string_view k) {
    std::string* s = nullptr;
    if (k == "time")
      s = &time;
    else if (k == "push_id")
      s = &r->push_id;
    else if (k == "node")
      s = &r->node;
    else if (k == "repository")
      s = &r->repository;
    else if (k == "user")
      s = &r->user;
    else if (k == "user_source")
      s = &r->user_source;
    else if (k == "protocol")
      s = &r->protocol;
    else if (k == "server")
      s = &r->server;
    else if (k == "verdict")
      s = &r->verdict;
    else if (k == "error")
      s = &r->error;
    else if (k == "pushguard_version")
      s = &r->pushguard_version;
    else if (k == "policy_hash")
      s = &r->policy_hash;
    if (s != nullptr) return in.String(s);
    if (k == "accepted") return in.Bool(&r->accepted);
    if (k == "findings_total") return in.Count(&r->findings_total);
    if (k == "blocking") return in.Count(&r->blocking);
    if (k == "warnings") return in.Count(&r->warnings);
    if (k == "would_block") return in.Count(&r->would_block);
    if (k == "elapsed_ms") return in.Count(&r->elapsed_ms);
    if (k == "refs") {
      return List(in, &r->refs, &refs, &spare_->refs, [&](RefUpdateRecord& u) {
        return RefItem(in, &scratch_, &u);
      });
    }
    if (k == "findings") {
      return List(
          in, &r->findings, &findings, &spare_->findings,
          [&](FindingRecord& f) { return FindingItem(in, &scratch_, &f); });
    }
    if (k == "bypasses") {
      return List(in, &r->bypasses, &bypasses, &spare_->bypasses,
                  [&](Bypass& b) { return BypassItem(in, &scratch_, &b); });
    }
    if (k == "stats") {
      r->stats = ScanStats{};
      return in.Object(&scratch_, [&](std::string_view sk) {
        if (sk == "commits") return in.Count(&r->stats.commits);
        if (sk == "blobs") return in.Count(&r->stats.blobs);
        if (sk == "bytes") return in.Count(&r->stats.bytes);
        return in.Skip(1);
      });
    }
    return in.Skip(1);
  });
  Trim(&r->refs, refs, &spare_->refs);
  Trim(&r->findings, findings, &spare_->findings);
  Trim(&r->bypasses, bypasses, &spare_->bypasses);
  if (!ok || !in.AtEnd()) return Status::InvalidArgument("invalid JSON");
  std::optional<int64_t> t = ParseTimestamp(time);
  if (!t) return Status::InvalidArgument("missing or invalid \"time\"");
  r->time_ms = *t;
  r->raw.assign(line.data(), line.size());
  return Status::Ok();
}

}  // namespace pushguard::audit

// RAII wrappers around PCRE2 (8-bit, JIT where available). Patterns work on
// bytes (no UTF mode), so arbitrary and invalid UTF-8 content is safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

struct pcre2_real_code_8;
struct pcre2_real_match_data_8;
struct pcre2_real_match_context_8;
struct pcre2_real_jit_stack_8;

namespace pushguard::match {

// A compiled pattern. Reports its own construction error. Immutable and safe
// to share between threads once built.
class Regex {
 public:
  explicit Regex(std::string_view pattern);
  // A pattern that compiled when its configuration was compiled (the build's
  // default pack, a cache entry this build wrote): compiled on first use,
  // since a push runs few of the rules. ok() is true until then; if it then
  // fails after all (a different PCRE2 library), code() is null and matching
  // it reports an error, which fails the scan closed.
  struct Deferred {};
  Regex(std::string_view pattern, Deferred);
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  bool ok() const { return deferred_ ? !failed_ : code_ != nullptr; }
  // e.g. "missing closing parenthesis at offset 9"
  const std::string& error() const { return error_; }
  // REQUIRES: not Deferred.
  int capture_count() const { return capture_count_; }
  // The compiled code (null if it does not compile), JIT-compiled on first
  // use (most rules never run on a given push, and JIT compilation dominates
  // start-up otherwise). Thread-safe.
  pcre2_real_code_8* code() const;

 private:
  void Compile(std::string_view pattern) const;

  mutable pcre2_real_code_8* code_ = nullptr;
  mutable std::once_flag first_use_;
  mutable std::string error_;
  mutable int capture_count_ = 0;
  std::string deferred_pattern_;
  bool deferred_ = false;
  mutable std::atomic<bool> failed_{false};  // a deferred compile failed
};

// Per-thread matching state with resource limits, so no pattern can hang a
// push: the match limit bounds backtracking steps, the depth limit and the JIT
// stack bound memory.
class RegexMatcher {
 public:
  static constexpr unsigned kMatchLimit = 10'000'000;
  static constexpr unsigned kDepthLimit = 10'000;

  RegexMatcher();
  ~RegexMatcher();
  RegexMatcher(const RegexMatcher&) = delete;
  RegexMatcher& operator=(const RegexMatcher&) = delete;

  enum class Outcome { kMatch, kNoMatch, kLimit, kError };

  static constexpr size_t kNoLimit = static_cast<size_t>(-1);
  // Searches `subject` from byte offset `start` for a match that starts at
  // or before byte `limit` (the match itself may run past it, and
  // lookarounds see the whole subject). On kMatch, Group(n) gives the span
  // of capture group n (npos start if unset).
  Outcome Find(const Regex& regex, std::string_view subject, size_t start,
               size_t limit = kNoLimit);

  struct Span {
    size_t start;
    size_t end;
  };
  static constexpr size_t kUnset = static_cast<size_t>(-1);
  Span Group(int n) const;

 private:
  pcre2_real_match_data_8* data_ = nullptr;
  pcre2_real_match_context_8* context_ = nullptr;
  pcre2_real_jit_stack_8* jit_stack_ = nullptr;
  int groups_ = 0;
};

}  // namespace pushguard::match

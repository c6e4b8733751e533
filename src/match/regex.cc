#define PCRE2_CODE_UNIT_WIDTH 8
#include "match/regex.h"

#include <pcre2.h>

namespace pushguard::match {
namespace {

constexpr int kMaxGroups = 100;

std::string ErrorText(int code) {
  PCRE2_UCHAR buffer[256];
  int n = pcre2_get_error_message(code, buffer, sizeof buffer);
  if (n < 0) return "PCRE2 error " + std::to_string(code);
  return std::string(reinterpret_cast<const char*>(buffer), n);
}

}  // namespace

Regex::Regex(std::string_view pattern) { Compile(pattern); }

Regex::Regex(std::string_view pattern, Deferred)
    : deferred_pattern_(pattern), deferred_(true) {}

void Regex::Compile(std::string_view pattern) const {
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  code_ = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()),
                        pattern.size(), PCRE2_USE_OFFSET_LIMIT, &error_code,
                        &error_offset, nullptr);
  if (code_ == nullptr) {
    error_ =
        ErrorText(error_code) + " at offset " + std::to_string(error_offset);
    return;
  }
  uint32_t count = 0;
  pcre2_pattern_info(code_, PCRE2_INFO_CAPTURECOUNT, &count);
  if (count >= kMaxGroups) {
    pcre2_code_free(code_);
    code_ = nullptr;
    error_ = "too many capture groups (at most " +
             std::to_string(kMaxGroups - 1) + ")";
    return;
  }
  capture_count_ = static_cast<int>(count);
}

pcre2_real_code_8* Regex::code() const {
  // JIT is an optimisation: if it is unavailable the interpreter is used,
  // with the same limits.
  std::call_once(first_use_, [this] {
    if (deferred_) {
      Compile(deferred_pattern_);
      failed_ = code_ == nullptr;
    }
    if (code_ != nullptr) pcre2_jit_compile(code_, PCRE2_JIT_COMPLETE);
  });
  return code_;
}

Regex::~Regex() { pcre2_code_free(code_); }

RegexMatcher::RegexMatcher() {
  data_ = pcre2_match_data_create(kMaxGroups, nullptr);
  context_ = pcre2_match_context_create(nullptr);
  jit_stack_ = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, nullptr);
  if (context_ != nullptr) {
    pcre2_set_match_limit(context_, kMatchLimit);
    pcre2_set_depth_limit(context_, kDepthLimit);
    if (jit_stack_ != nullptr) {
      pcre2_jit_stack_assign(context_, nullptr, jit_stack_);
    }
  }
}

RegexMatcher::~RegexMatcher() {
  pcre2_match_data_free(data_);
  pcre2_match_context_free(context_);
  pcre2_jit_stack_free(jit_stack_);
}

RegexMatcher::Outcome RegexMatcher::Find(const Regex& regex,
                                         std::string_view subject, size_t start,
                                         size_t limit) {
  pcre2_real_code_8* code = regex.code();
  if (code == nullptr || data_ == nullptr || context_ == nullptr) {
    return Outcome::kError;
  }
  pcre2_set_offset_limit(context_,
                         limit == kNoLimit ? PCRE2_UNSET : PCRE2_SIZE{limit});
  int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()),
                       subject.size(), start, 0, data_, context_);
  if (rc == PCRE2_ERROR_NOMATCH) return Outcome::kNoMatch;
  if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
      rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT) {
    return Outcome::kLimit;
  }
  if (rc < 0) return Outcome::kError;
  groups_ = rc == 0 ? kMaxGroups : rc;
  return Outcome::kMatch;
}

RegexMatcher::Span RegexMatcher::Group(int n) const {
  if (n < 0 || n >= groups_) return {kUnset, kUnset};
  PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data_);
  if (ovector[2 * n] == PCRE2_UNSET) return {kUnset, kUnset};
  return {ovector[2 * n], ovector[2 * n + 1]};
}

}  // namespace pushguard::match

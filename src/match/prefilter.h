// Keyword prefilter: one vectorscan pass finds which of many case-insensitive
// literal keywords occur in a blob, so only the rules they gate run PCRE2.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

struct hs_database;
struct hs_scratch;

namespace pushguard::match {

// Immutable after Build(); shareable between threads.
class KeywordSet {
 public:
  // `keywords[i]` is reported as id i. An empty set is valid (never matches).
  static Result<std::unique_ptr<KeywordSet>> Build(
      const std::vector<std::string>& keywords);
  ~KeywordSet();
  KeywordSet(const KeywordSet&) = delete;
  KeywordSet& operator=(const KeywordSet&) = delete;

  size_t size() const { return count_; }

  // Per-thread scanning state for one KeywordSet.
  class Scanner {
   public:
    explicit Scanner(const KeywordSet& set);
    ~Scanner();
    Scanner(const Scanner&) = delete;
    Scanner& operator=(const Scanner&) = delete;

    // Replaces *found with the id of every keyword present in `content`,
    // each once, in the order they were first seen.
    Status Find(std::string_view content, std::vector<size_t>* found);

   private:
    const KeywordSet& set_;
    hs_scratch* scratch_ = nullptr;
    std::vector<bool> seen_;  // scratch for Find(), one flag per keyword
  };

 private:
  KeywordSet() = default;
  hs_database* db_ = nullptr;
  size_t count_ = 0;
  size_t longest_ = 0;
};

}  // namespace pushguard::match

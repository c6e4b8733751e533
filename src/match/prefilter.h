// Keyword prefilter: one vectorscan pass finds where many case-insensitive
// literal keywords occur in a blob, so only the rules they gate run PCRE2,
// and only around the keywords (match/scanner.cc).
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

  // Per-thread scanning state for one KeywordSet, which must outlive it.
  class Scanner {
   public:
    explicit Scanner(const KeywordSet& set);
    ~Scanner();
    Scanner(const Scanner&) = delete;
    Scanner& operator=(const Scanner&) = delete;

    // Keyword `id` at bytes [start, end) of the content: one occurrence, or
    // several close together (from the first's start to the last's end).
    struct Hit {
      size_t id;
      size_t start;
      size_t end;
    };
    // Replaces *hits with every occurrence of every keyword in `content`
    // (overlapping ones included; occurrences of one keyword less than 256
    // bytes apart as one hit), in no particular order.
    Status Find(std::string_view content, std::vector<Hit>* hits);

   private:
    const KeywordSet& set_;
    hs_scratch* scratch_ = nullptr;
    std::vector<size_t> last_;  // scratch for Find(), one per keyword
  };

 private:
  KeywordSet() = default;
  hs_database* db_ = nullptr;
  size_t count_ = 0;
  size_t longest_ = 0;
  std::vector<size_t> lengths_;  // of each keyword
};

}  // namespace pushguard::match

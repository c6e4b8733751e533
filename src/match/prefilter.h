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
  // Which machines a database may run on: this one (it may use every
  // instruction this CPU has), or any machine vectorscan supports (for a
  // database built into the binary at build time).
  enum class Target { kHost, kPortable };

  // `keywords[i]` is reported as id i. An empty set is valid (never matches).
  static Result<std::unique_ptr<KeywordSet>> Build(
      const std::vector<std::string>& keywords, Target target = Target::kHost);

  // The database as bytes, for Deserialize() ("" for an empty set).
  std::string Serialize() const;
  // A set from Serialize()'s bytes for the same `keywords`. An error when the
  // bytes are damaged or were written by another vectorscan version or for
  // a CPU this machine lacks (callers then Build() instead).
  static Result<std::unique_ptr<KeywordSet>> Deserialize(
      const std::vector<std::string>& keywords, std::string_view bytes);
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
  void SetKeywords(const std::vector<std::string>& keywords);
  hs_database* db_ = nullptr;
  size_t count_ = 0;
  size_t longest_ = 0;
  std::vector<size_t> lengths_;  // of each keyword
};

}  // namespace pushguard::match

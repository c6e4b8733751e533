// Secret matching: a keyword prefilter (vectorscan, one pass for all rules)
// gates which rules run, PCRE2 (JIT, with match and depth limits) confirms and
// extracts the secret, then entropy, allowlists and inline markers filter it.
//
//   std::vector<rules::Diagnostic> problems;
//   auto rules = RuleSet::Compile(policy, &problems);  // regex errors here
//   Scanner scanner(*rules);                           // one per thread
//   std::vector<SecretMatch> found;
//   Status s = scanner.Scan(blob_text, &found);
//
// A RuleSet is immutable after Compile() and may be shared between threads;
// a Scanner holds per-thread scratch space and must not be shared.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "rules/diagnostic.h"
#include "rules/policy.h"

namespace pushguard::match {

struct CompiledRule;

struct SecretMatch {
  size_t rule = 0;        // index into RuleSet
  size_t start = 0;       // byte offset of the secret in the content
  size_t end = 0;         // one past its last byte
  uint64_t line = 0;      // 1-based line of the secret's first byte
  uint64_t column = 0;    // 1-based byte column of the secret's first byte
  uint64_t first_line = 0;  // lines spanned by the whole regex match
  uint64_t last_line = 0;
  std::string secret;     // unredacted: never print or log this
};

class RuleSet {
 public:
  // Compiles every rule of `policy`. Rules whose regexes do not compile are
  // left out and described in *problems (file:line: rule 'id': regex: ...).
  static std::unique_ptr<RuleSet> Compile(
      const rules::Policy& policy, std::vector<rules::Diagnostic>* problems);
  ~RuleSet();
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  size_t size() const;
  const rules::SecretRule& rule(size_t index) const;
  const rules::Policy& policy() const;

  // True if `path` is allowlisted for `rule` (its own or the global list).
  bool PathAllowed(size_t rule, std::string_view path) const;

  // Runs every rule's examples (each must match that rule) and negative
  // examples (none may match it), appending a problem for each failure.
  void CheckExamples(std::vector<rules::Diagnostic>* problems) const;

  struct Impl;

 private:
  explicit RuleSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend class Scanner;
};

class Scanner {
 public:
  explicit Scanner(const RuleSet& rules);
  ~Scanner();
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  // Appends every accepted match in `content` to *out, ordered by rule then
  // offset. Returns an error naming the rule if a regex hit the PCRE2 limits
  // (the matches found so far are still appended): the caller must treat the
  // content as not fully scanned.
  Status Scan(std::string_view content, std::vector<SecretMatch>* out);

 private:
  struct State;
  bool Accept(const RuleSet::Impl& set, const CompiledRule& rule,
              const SecretMatch& m, std::string_view content, State& st);
  const RuleSet& rules_;
  std::unique_ptr<State> state_;
};

}  // namespace pushguard::match

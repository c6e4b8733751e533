// Secret matching: a keyword prefilter (vectorscan, one pass for all rules)
// gates which rules run, PCRE2 (JIT, with match and depth limits) confirms and
// extracts the secret, then entropy, placeholder and digest checks
// (match/noise.h), allowlists and inline markers filter it. Where matches of
// several rules overlap, the provider-specific one wins over a generic one.
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

#include "base/byte_codec.h"
#include "base/status.h"
#include "match/prefilter.h"
#include "rules/diagnostic.h"
#include "rules/policy.h"

namespace pushguard::match {

struct CompiledRule;

struct SecretMatch {
  // The rule as it applies to this match (RuleSet::rule(rule)): the rule
  // itself, or a copy in `warn` mode for a generic rule with weak evidence.
  // RuleSet::BaseRule(rule) is the rule's own index.
  size_t rule = 0;
  size_t start = 0;         // byte offset of the secret in the content
  size_t end = 0;           // one past its last byte
  uint64_t line = 0;        // 1-based line of the secret's first byte
  uint64_t column = 0;      // 1-based byte column of the secret's first byte
  uint64_t first_line = 0;  // lines spanned by the whole regex match
  uint64_t last_line = 0;
  std::string secret;  // unredacted: never print or log this
  // The inline allow marker on the lines the match spans, if any, and the
  // 1-based line it is on. The scanner only reports it: whether it lets the
  // match through is the caller's decision (policy/markers.h).
  std::string allowed_by;
  uint64_t marker_line = 0;
};

class RuleSet {
 public:
  // Compiles every secret rule of `policy` with the allowlist and the
  // settings matching applies (rules::MatchSpecOf; the rest of the policy is
  // not kept). Rules whose regexes do not compile are
  // left out and described in *problems (file:line: rule 'id': regex: ...).
  // `target`: which machines the keyword database (prefilter.h) may run on.
  static std::unique_ptr<RuleSet> Compile(
      const rules::Policy& policy, std::vector<rules::Diagnostic>* problems,
      KeywordSet::Target target = KeywordSet::Target::kHost);

  // The compiled form (spec() and the keyword database), for the
  // build's default pack and the cache of compiled configurations. REQUIRES:
  // Compile() reported no problem (Decode() trusts the regexes to compile).
  void Encode(ByteWriter* out) const;
  // A RuleSet from Encode()'s bytes as this build wrote them: nothing is
  // parsed or validated again, regexes compile on first use, and the keyword
  // database is loaded, not compiled (or, written for another CPU or
  // vectorscan, rebuilt). Corruption when the bytes are damaged.
  static Result<std::unique_ptr<RuleSet>> Decode(ByteReader* in);
  ~RuleSet();
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  // The number of rules; indices [0, size()) are the rules in policy order.
  size_t size() const;
  // REQUIRES: index < size() or index is a SecretMatch::rule.
  const rules::SecretRule& rule(size_t index) const;
  size_t BaseRule(size_t index) const;
  // What the rules were compiled from: the secret rules (in policy order),
  // the global allowlist, the inline markers and the vendored paths.
  const rules::MatchSpec& spec() const;

  // True if `path` is allowlisted for `rule` (its own or the global list):
  // listed in `paths`, or, for a generic rule, in `checksum_paths`.
  bool PathAllowed(size_t rule, std::string_view path) const;

  // The rule as a match of `rule` applies at `path`: for an enforcing
  // generic rule in a vendored tree (settings.vendored_paths), its `warn`
  // variant; else `rule` itself.
  size_t ForPath(size_t rule, std::string_view path) const;

  // What `pushguard rules check` verifies beyond loading and compiling:
  // every rule has keywords (so the prefilter gates it), no id is defined in
  // two files of the same tier (embedded pack / administrators' files), every
  // example matches its rule and no negative example does. Appends a problem
  // for each failure.
  void CheckExamples(std::vector<rules::Diagnostic>* problems) const;

  struct Impl;

 private:
  explicit RuleSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend class Scanner;
};

// What Scanner::Scan() reads. In binary content (base/binary_content.h)
// regexes written for text match by chance, so a generic rule's match there
// counts only when the whole match is clean text (IsCleanText); provider
// rules, with strict formats, read it as any other content.
enum class ContentKind { kText, kBinary };

class Scanner {
 public:
  // Keeps a reference to `rules`, which must outlive the Scanner.
  explicit Scanner(const RuleSet& rules);
  ~Scanner();
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  // Appends every accepted match in `content` to *out, ordered by rule then
  // offset; matches on a line with an inline marker are included with
  // `allowed_by` set and their rule's mode unchanged. Returns an error
  // naming the rule if a regex hit the PCRE2 limits
  // (the matches found so far are still appended): the caller must treat the
  // content as not fully scanned.
  Status Scan(std::string_view content, std::vector<SecretMatch>* out,
              ContentKind kind = ContentKind::kText);

  // The work of the last Scan(): regex searches started, and the start
  // positions they covered (bytes, summed over rules).
  struct Stats {
    size_t searches = 0;
    size_t start_bytes = 0;
  };
  const Stats& stats() const { return stats_; }

 private:
  struct State;
  // Appends the accepted matches of rule `r` that start in bytes
  // [begin, end] of `content`, at or after *next; sets *next to where the
  // rule's next search would start (past the last match), so consecutive
  // ranges of one window find what one search over the window would.
  void ScanRule(size_t r, std::string_view content, size_t begin, size_t end,
                size_t* next, std::vector<SecretMatch>* out, Status* status);
  bool Accept(const CompiledRule& rule, std::string_view content,
              size_t match_start, size_t match_end, SecretMatch* m);
  ContentKind kind_ = ContentKind::kText;  // of the content being scanned
  Stats stats_;
  const RuleSet& rules_;
  std::unique_ptr<State> state_;
};

}  // namespace pushguard::match

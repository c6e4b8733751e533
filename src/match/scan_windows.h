// Where in one text each rule's regex is tried (internal to match/: the
// scanner's geometry). A keyword selects its rules on its own line and the
// lines around it; an anchored rule (match/keyword_reach.h) only where its
// match could reach back from one of its keyword hits; ungated and
// whole-text rules everywhere. Line numbers come from the text's newline
// offsets (base/strings.h NewlineOffsets).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "match/prefilter.h"
#include "match/rule_set_impl.h"

namespace pushguard::match {

// Bytes [begin, end] of a text where rule `rule`'s matches may start;
// `end` is a line's last byte (its '\n') or the end of the text. A match
// may run past a window's end.
struct Window {
  size_t rule;
  size_t begin;
  size_t end;
  friend bool operator==(const Window&, const Window&) = default;
};

// The 1-based line of byte `offset`, given the sorted newline offsets.
uint64_t LineOf(const std::vector<size_t>& newlines, size_t offset);

// Sorts windows by rule (each below `rule_count`), then begin, and merges
// those of a rule that overlap or touch. `starts` and `scratch` are
// buffers kept between calls.
void SortAndMerge(std::vector<Window>* windows, size_t rule_count,
                  std::vector<size_t>* starts, std::vector<Window>* scratch);

// Selects the windows of one text at a time; keeps its buffers between
// texts (one per Scanner, so one per thread).
class WindowSelector {
 public:
  // The windows of a text of `size` bytes with these newline offsets and
  // keyword hits (in the order the prefilter reports them), for `set`.
  void Select(const RuleSet::Impl& set,
              const std::vector<KeywordSet::Scanner::Hit>& hits,
              const std::vector<size_t>& newlines, size_t size);
  // By rule, then begin; merged. Every selected rule has at least one.
  const std::vector<Window>& windows() const { return windows_; }
  // Where the anchored rules' matches may start (by rule, then begin;
  // merged): such a rule runs on windows() ∩ anchors().
  const std::vector<Window>& anchors() const { return anchors_; }

 private:
  void AddHit(const RuleSet::Impl& set, const KeywordSet::Scanner::Hit& hit,
              const std::vector<size_t>& newlines, size_t size);
  void FlushLines(const RuleSet::Impl& set, size_t keyword, size_t size);
  void FlushAnchors(const RuleSet::Impl& set, size_t keyword);

  std::vector<Window> windows_;
  std::vector<Window> anchors_;
  // Per keyword: the lines window its hits so far make, and the span of
  // those hits (begin kNone: none), handed to its rules when a later hit
  // starts a new one.
  std::vector<Window> open_;
  std::vector<Window> open_anchor_;
  std::vector<size_t> touched_;  // the keywords with an open window
  std::vector<size_t> sort_starts_;
  std::vector<Window> sort_scratch_;
};

}  // namespace pushguard::match

#include "match/scan_windows.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace pushguard::match {
namespace {

// A keyword gates its rules on its own line and this many lines before and
// after it (a name on the line above a value: `# twilio`, `[aws]`), and
// never farther than kReach bytes from it (on long lines: minified code, a
// line made to hold every keyword).
constexpr size_t kContextLines = 2;
constexpr size_t kReach = 1024;
constexpr size_t kNone = SIZE_MAX;
// Hits of one keyword this close together share one anchored range.
constexpr size_t kAnchorGap = 64;

bool ByRuleThenBegin(const Window& a, const Window& b) {
  return a.rule != b.rule ? a.rule < b.rule : a.begin < b.begin;
}

// Orders windows by rule, then begin, into *scratch: a counting sort by
// rule, stable, and each rule's run sorted only where it is not in order
// already (its windows arrive nearly in order of begin).
void CountingSort(const std::vector<Window>& windows, size_t rule_count,
                  std::vector<size_t>* starts, std::vector<Window>* scratch) {
  starts->assign(rule_count + 1, 0);
  for (const Window& w : windows) ++(*starts)[w.rule + 1];
  for (size_t r = 0; r < rule_count; ++r) (*starts)[r + 1] += (*starts)[r];
  scratch->resize(windows.size());
  for (const Window& w : windows) (*scratch)[(*starts)[w.rule]++] = w;
  auto by_begin = [](const Window& a, const Window& b) {
    return a.begin < b.begin;
  };
  for (size_t from = 0; from < scratch->size();) {
    size_t to = from + 1;
    while (to < scratch->size() && (*scratch)[to].rule == (*scratch)[from].rule)
      ++to;
    auto first = scratch->begin() + static_cast<std::ptrdiff_t>(from);
    auto last = scratch->begin() + static_cast<std::ptrdiff_t>(to);
    if (!std::is_sorted(first, last, by_begin))
      std::sort(first, last, by_begin);
    from = to;
  }
}

}  // namespace

uint64_t LineOf(const std::vector<size_t>& newlines, size_t offset) {
  return static_cast<uint64_t>(
             std::lower_bound(newlines.begin(), newlines.end(), offset) -
             newlines.begin()) +
         1;
}

void SortAndMerge(std::vector<Window>* windows, size_t rule_count,
                  std::vector<size_t>* starts, std::vector<Window>* scratch) {
  // Many windows (a text full of keywords makes hundreds of thousands) are
  // counted into place by rule rather than compared; few are sorted.
  if (windows->size() < rule_count / 8) {
    std::sort(windows->begin(), windows->end(), ByRuleThenBegin);
    scratch->swap(*windows);
  } else {
    CountingSort(*windows, rule_count, starts, scratch);
  }
  size_t kept = 0;
  windows->resize(scratch->size());
  for (const Window& w : *scratch) {
    Window& last = (*windows)[kept == 0 ? 0 : kept - 1];
    if (kept > 0 && last.rule == w.rule && w.begin <= last.end + 1) {
      last.end = std::max(last.end, w.end);
    } else {
      (*windows)[kept++] = w;
    }
  }
  windows->resize(kept);
}

void WindowSelector::Select(const RuleSet::Impl& set,
                            const std::vector<KeywordSet::Scanner::Hit>& hits,
                            const std::vector<size_t>& newlines, size_t size) {
  windows_.clear();
  anchors_.clear();
  touched_.clear();
  for (size_t r : set.ungated_rules) windows_.push_back({r, 0, size});
  open_.resize(set.keyword_rules.size(), {0, kNone, 0});
  open_anchor_.resize(set.keyword_rules.size(), {0, kNone, 0});
  for (const KeywordSet::Scanner::Hit& hit : hits) {
    AddHit(set, hit, newlines, size);
  }
  for (size_t k : touched_) {
    FlushLines(set, k, size);
    FlushAnchors(set, k);
    open_[k].begin = kNone;
    open_anchor_[k].begin = kNone;
  }
  const size_t rule_count = set.rules.size();
  SortAndMerge(&windows_, rule_count, &sort_starts_, &sort_scratch_);
  SortAndMerge(&anchors_, rule_count, &sort_starts_, &sort_scratch_);
}

// Extends the hit's keyword's open lines window and anchored span, or
// hands them to its rules and opens new ones.
void WindowSelector::AddHit(const RuleSet::Impl& set,
                            const KeywordSet::Scanner::Hit& hit,
                            const std::vector<size_t>& newlines, size_t size) {
  Window& span = open_anchor_[hit.id];
  if (span.begin != kNone && hit.start <= span.end + kAnchorGap) {
    span.begin = std::min(span.begin, hit.start);
    span.end = std::max(span.end, hit.end);
  } else {
    if (span.begin != kNone) FlushAnchors(set, hit.id);
    span = {0, hit.start, hit.end};
  }
  size_t line = static_cast<size_t>(LineOf(newlines, hit.start));
  size_t first = line > kContextLines ? line - kContextLines : 1;
  size_t begin = first == 1 ? 0 : newlines[first - 2] + 1;
  size_t last = kContextLines +
                static_cast<size_t>(LineOf(
                    newlines, hit.end > hit.start ? hit.end - 1 : hit.start));
  size_t end = last - 1 < newlines.size() ? newlines[last - 1] : size;
  begin = std::max(begin, hit.start > kReach ? hit.start - kReach : 0);
  end = std::min(end, hit.end + kReach);
  Window& open = open_[hit.id];
  if (open.begin != kNone && begin <= open.end + 1) {
    open.begin = std::min(open.begin, begin);
    open.end = std::max(open.end, end);
    return;
  }
  if (open.begin == kNone) {
    touched_.push_back(hit.id);
  } else {
    FlushLines(set, hit.id, size);
  }
  open = {0, begin, end};
}

// The keyword's open window for each rule it gates (the whole text for a
// whole-text rule).
void WindowSelector::FlushLines(const RuleSet::Impl& set, size_t keyword,
                                size_t size) {
  const Window& w = open_[keyword];
  for (size_t r : set.keyword_rules[keyword]) {
    if (set.rules[r].whole_text) {
      windows_.push_back({r, 0, size});
    } else {
      windows_.push_back({r, w.begin, w.end});
    }
  }
}

// The anchored rules' ranges of a span of one keyword's hits: from as far
// before its first hit as each rule's match may start to its last hit.
void WindowSelector::FlushAnchors(const RuleSet::Impl& set, size_t keyword) {
  const Window& span = open_anchor_[keyword];
  const std::vector<size_t>& rules = set.keyword_rules[keyword];
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::optional<KeywordAnchor>& anchor = set.rules[rules[i]].anchor();
    if (!anchor || !anchor->used[set.keyword_slot[keyword][i]]) continue;
    size_t reach = anchor->reach;
    size_t begin = span.begin > reach ? span.begin - reach : 0;
    anchors_.push_back({rules[i], begin, span.end});
  }
}

}  // namespace pushguard::match

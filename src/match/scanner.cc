// Scanner: prefilter, confirm, filter and de-duplicate matches in one blob.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>

#include "base/binary_content.h"
#include "base/strings.h"
#include "match/matcher.h"
#include "match/noise.h"
#include "match/rule_set_impl.h"
#include "match/secret_text.h"

namespace pushguard::match {

// A keyword gates its rules on its own line and this many lines before and
// after it (a name on the line above a value: `# twilio`, `[aws]`), and
// never farther than kReach bytes from it (on long lines: minified code, a
// line made to hold every keyword). A match may run past a window's end.
constexpr size_t kContextLines = 2;
constexpr size_t kReach = 1024;
constexpr size_t kNone = SIZE_MAX;
// Hits of one keyword this close together share one anchored range.
constexpr size_t kAnchorGap = 64;

// Bytes [begin, end] where a rule's matches may start; `end` is a line's
// last byte (its '\n') or the end of the content.
struct Window {
  size_t rule;
  size_t begin;
  size_t end;
};

struct Scanner::State {
  explicit State(const KeywordSet& set) : keywords(set) {}
  KeywordSet::Scanner keywords;
  RegexMatcher matcher;
  std::vector<KeywordSet::Scanner::Hit> keyword_hits;
  // Inline marker occurrences in the current content (offset, marker
  // index), found on the first match that needs them.
  bool markers_found = false;
  std::vector<std::pair<size_t, size_t>> marker_hits;
  // The marker chosen for each span of lines so far (first byte, last
  // byte) -> (marker index, offset): every match on a long line full of
  // markers would otherwise walk all of them (matches x markers).
  std::map<std::pair<size_t, size_t>, std::pair<size_t, size_t>> marker_of;
  std::vector<Window> open;     // per keyword (SelectWindows); kNone: none
  std::vector<size_t> touched;  // the keywords with an open window
  std::vector<Window> windows;  // by rule, then begin; merged
  // Per keyword, the span of its hits so far (begin kNone: none), and the
  // ranges where anchored rules' matches may start (by rule, then begin;
  // merged): a rule with an anchor() runs on windows ∩ anchors.
  std::vector<Window> open_anchor;
  std::vector<Window> anchors;
  std::vector<size_t> newlines;     // offsets of '\n' in the current content
  std::vector<size_t> sort_starts;  // SortAndMerge's buffers
  std::vector<Window> sort_scratch;
};

Scanner::Scanner(const RuleSet& rules)
    : rules_(rules), state_(std::make_unique<State>(*rules.impl_->keywords)) {}

Scanner::~Scanner() = default;

namespace {

// Maps a byte offset to its 1-based line using the sorted newline offsets.
uint64_t LineOf(const std::vector<size_t>& newlines, size_t offset) {
  return static_cast<uint64_t>(
             std::lower_bound(newlines.begin(), newlines.end(), offset) -
             newlines.begin()) +
         1;
}

bool ContainsInsensitive(std::string_view haystack, const std::string& needle) {
  if (needle.empty()) return false;
  return AsciiLower(haystack).find(AsciiLower(needle)) != std::string::npos;
}

bool AnyMatches(RegexMatcher& matcher, const RegexList& regexes,
                std::string_view text) {
  return std::any_of(regexes.begin(), regexes.end(), [&](const auto& regex) {
    return matcher.Find(*regex, text, 0) == RegexMatcher::Outcome::kMatch;
  });
}

bool Listed(const rules::Allowlist& list, const std::string& rule_id,
            const std::string& secret) {
  for (const std::string& word : list.stopwords) {
    if (ContainsInsensitive(secret, word)) return true;
  }
  if (list.fingerprints.empty()) return false;
  std::string fingerprint = Fingerprint(rule_id, secret);
  return std::find(list.fingerprints.begin(), list.fingerprints.end(),
                   fingerprint) != list.fingerprints.end();
}

// Keeps the first of overlapping matches: higher priority first, then
// provider-specific rules, then rules in policy order.
void DropOverlaps(const RuleSet& rules, std::vector<SecretMatch>* found) {
  std::stable_sort(found->begin(), found->end(),
                   [&](const SecretMatch& a, const SecretMatch& b) {
                     const rules::SecretRule& ra = rules.rule(a.rule);
                     const rules::SecretRule& rb = rules.rule(b.rule);
                     if (ra.priority != rb.priority) {
                       return ra.priority > rb.priority;
                     }
                     if (ra.generic != rb.generic) return !ra.generic;
                     return rules.BaseRule(a.rule) < rules.BaseRule(b.rule);
                   });
  // The kept spans are disjoint, so the one starting last before a match's
  // end is the only one that can overlap it: O(n log n) for n matches (a
  // blob of many findings cost n^2 comparisons with a linear search).
  std::vector<SecretMatch> kept;
  std::map<size_t, size_t> spans;  // start -> end of each kept match
  for (SecretMatch& m : *found) {
    auto after = spans.lower_bound(m.end);
    if (after != spans.begin() && std::prev(after)->second > m.start) continue;
    spans.emplace(m.start, m.end);
    kept.push_back(std::move(m));
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [&](const SecretMatch& a, const SecretMatch& b) {
                     size_t ra = rules.BaseRule(a.rule),
                            rb = rules.BaseRule(b.rule);
                     return ra != rb ? ra < rb : a.start < b.start;
                   });
  *found = std::move(kept);
}

// Orders windows by rule (below `rule_count`), then begin, into *scratch:
// a counting sort by rule, stable, and each rule's run sorted only where it
// is not in order already (its windows arrive nearly in order of begin).
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

// Sorts windows by rule, then begin, and merges those of a rule that
// overlap or touch. Many windows (a blob full of keywords makes hundreds of
// thousands) are counted into place by rule rather than compared.
// `starts` and `scratch` are reused buffers.
void SortAndMerge(std::vector<Window>* windows, size_t rule_count,
                  std::vector<size_t>* starts, std::vector<Window>* scratch) {
  if (windows->size() < rule_count / 8) {  // few: the counts would cost more
    std::sort(windows->begin(), windows->end(),
              [](const Window& a, const Window& b) {
                return a.rule != b.rule ? a.rule < b.rule : a.begin < b.begin;
              });
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

}  // namespace

// Whether a regex match is a finding: strong enough (entropy, noise checks),
// not a known non-secret (allowlists, stopwords, fingerprints). Sets the rule
// variant (weak generic evidence: warn) and records the inline marker, if
// any (whether it is honoured is the caller's decision).
bool Scanner::Accept(const CompiledRule& rule, std::string_view content,
                     size_t match_start, size_t match_end, SecretMatch* m) {
  const RuleSet::Impl& set = *rules_.impl_;
  State& st = *state_;
  const rules::SecretRule& spec = *rule.spec;
  if (spec.min_entropy > 0 && ShannonEntropy(m->secret) < spec.min_entropy) {
    return false;
  }
  // A generic rule's evidence first: most of its candidates (names, words,
  // references) end here, before the costlier checks below. It includes the
  // placeholder check, except for a password hash (bcrypt, crypt, htpasswd),
  // which starts like a template reference (`$2b$`, `$apr1$`) and is
  // reported as a warning.
  Evidence evidence = Evidence::kStrong;
  if (spec.generic) {
    evidence = GenericEvidence(m->secret);
    if (evidence == Evidence::kNone) return false;
  } else if (LooksLikePlaceholder(m->secret)) {
    return false;
  }
  if (spec.generic && kind_ == ContentKind::kBinary &&
      !IsCleanText(content.substr(match_start, match_end - match_start))) {
    return false;
  }
  // A digest prefix (`sha1-`, `h1:`) quiets only generic rules: a provider
  // token or a private key is a finding whatever precedes it.
  if (spec.generic && FollowsDigestPrefix(content, m->start)) return false;
  if (Listed(spec.allowlist, spec.id, m->secret) ||
      Listed(set.spec.allowlist, spec.id, m->secret)) {
    return false;
  }
  if (AnyMatches(st.matcher, rule.allow_regexes, m->secret) ||
      AnyMatches(st.matcher, set.global_allow_regexes, m->secret)) {
    return false;
  }
  std::string_view whole = content.substr(match_start, match_end - match_start);
  if (AnyMatches(st.matcher, rule.allow_match_regexes, whole) ||
      AnyMatches(st.matcher, set.global_allow_match_regexes, whole)) {
    return false;
  }
  if (evidence == Evidence::kWeak) m->rule = rule.warn_variant;
  // Inline markers anywhere on the lines the match spans.
  size_t begin = m->first_line == 1 ? 0 : st.newlines[m->first_line - 2] + 1;
  size_t end = m->last_line - 1 < st.newlines.size()
                   ? st.newlines[m->last_line - 1]
                   : content.size();
  const std::vector<std::string>& markers = set.spec.inline_allow_markers;
  if (!st.markers_found) {
    // Every marker occurrence, found once per content: searching the lines
    // of each match would cost matches x line length on a long line.
    st.markers_found = true;
    st.marker_hits.clear();
    for (size_t k = 0; k < markers.size(); ++k) {
      if (markers[k].empty()) continue;
      for (size_t at = content.find(markers[k]); at != std::string_view::npos;
           at = content.find(markers[k], at + 1)) {
        if (at + markers[k].size() <= content.size()) {
          st.marker_hits.push_back({at, k});
        }
      }
    }
    std::sort(st.marker_hits.begin(), st.marker_hits.end());
    st.marker_of.clear();
  }
  // The first marker in policy order that lies wholly on the match's lines.
  auto [cached, added] =
      st.marker_of.try_emplace({begin, end}, markers.size(), 0);
  auto& [best, best_at] = cached->second;
  auto it = std::lower_bound(st.marker_hits.begin(), st.marker_hits.end(),
                             std::make_pair(begin, size_t{0}));
  for (; added && it != st.marker_hits.end() && it->first < end; ++it) {
    if (it->first + markers[it->second].size() > end) continue;
    if (it->second < best) {
      best = it->second;
      best_at = it->first;
    }
  }
  if (best < markers.size()) {
    m->allowed_by = markers[best];
    m->marker_line = LineOf(st.newlines, best_at);
  }
  return true;
}

void Scanner::ScanRule(size_t r, std::string_view content, size_t begin,
                       size_t end, size_t* next, std::vector<SecretMatch>* out,
                       Status* status) {
  const CompiledRule& rule = rules_.impl_->rules[r];
  State& st = *state_;
  size_t start = std::max(begin, *next);
  if (start <= end) stats_.start_bytes += end - start + 1;
  while (start <= end) {
    ++stats_.searches;
    RegexMatcher::Outcome outcome =
        st.matcher.Find(*rule.regex, content, start, end);
    if (outcome == RegexMatcher::Outcome::kNoMatch) break;
    if (outcome != RegexMatcher::Outcome::kMatch) {
      if (status->ok()) {
        *status =
            Status::Internal("rule '" + rule.spec->id + "': regex " +
                             (outcome == RegexMatcher::Outcome::kLimit
                                  ? "exceeded the PCRE2 match/depth limits"
                                  : "failed") +
                             " at byte " + std::to_string(start));
      }
      break;
    }
    RegexMatcher::Span whole = st.matcher.Group(0);
    RegexMatcher::Span secret = st.matcher.Group(rule.spec->secret_group);
    start = whole.end > whole.start ? whole.end : whole.end + 1;
    if (secret.start == RegexMatcher::kUnset || secret.end <= secret.start) {
      continue;
    }
    SecretMatch m;
    m.rule = r;
    m.start = secret.start;
    m.end = secret.end;
    m.secret.assign(content.substr(secret.start, secret.end - secret.start));
    m.line = LineOf(st.newlines, secret.start);
    size_t line_begin = m.line == 1 ? 0 : st.newlines[m.line - 2] + 1;
    m.column = secret.start - line_begin + 1;
    m.first_line = LineOf(st.newlines, whole.start);
    m.last_line = LineOf(st.newlines,
                         whole.end > whole.start ? whole.end - 1 : whole.end);
    if (Accept(rule, content, whole.start, whole.end, &m)) {
      out->push_back(std::move(m));
    }
  }
  *next = start;
}

// Where each rule selected by the keyword hits may match, merged per rule:
// the whole content for rules without keywords and rules whose matches may
// cross lines; the lines holding their keywords for every other rule.
void Scanner::SelectWindows(std::string_view content) {
  const RuleSet::Impl& set = *rules_.impl_;
  State& st = *state_;
  st.windows.clear();
  const size_t whole = content.size();
  for (size_t r : set.ungated_rules) st.windows.push_back({r, 0, whole});
  // Per keyword, the window its hits so far make (merged while they
  // overlap), handed to its rules when the next hit starts a new one.
  st.open.resize(set.keyword_rules.size(), {0, kNone, 0});
  st.open_anchor.resize(set.keyword_rules.size(), {0, kNone, 0});
  st.anchors.clear();
  st.touched.clear();
  auto flush = [&](size_t keyword) {
    const Window& w = st.open[keyword];
    for (size_t r : set.keyword_rules[keyword]) {
      if (set.rules[r].whole_text) {
        st.windows.push_back({r, 0, whole});
      } else {
        st.windows.push_back({r, w.begin, w.end});
      }
    }
  };
  // The anchored rules' ranges of a span of one keyword's hits: from as far
  // before its first hit as each rule's match may start to its last hit.
  auto flush_anchor = [&](size_t keyword) {
    const Window& span = st.open_anchor[keyword];
    const std::vector<size_t>& rules = set.keyword_rules[keyword];
    for (size_t i = 0; i < rules.size(); ++i) {
      const std::optional<KeywordAnchor>& anchor = set.rules[rules[i]].anchor();
      if (!anchor || !anchor->used[set.keyword_slot[keyword][i]]) continue;
      size_t reach = anchor->reach;
      size_t begin = span.begin > reach ? span.begin - reach : 0;
      st.anchors.push_back({rules[i], begin, span.end});
    }
  };
  for (const KeywordSet::Scanner::Hit& hit : st.keyword_hits) {
    Window& span = st.open_anchor[hit.id];
    if (span.begin != kNone && hit.start <= span.end + kAnchorGap) {
      span.begin = std::min(span.begin, hit.start);
      span.end = std::max(span.end, hit.end);
    } else {
      if (span.begin != kNone) flush_anchor(hit.id);
      span = {0, hit.start, hit.end};
    }
    size_t line = static_cast<size_t>(LineOf(st.newlines, hit.start));
    size_t first = line > kContextLines ? line - kContextLines : 1;
    size_t begin = first == 1 ? 0 : st.newlines[first - 2] + 1;
    size_t last =
        kContextLines +
        static_cast<size_t>(
            LineOf(st.newlines, hit.end > hit.start ? hit.end - 1 : hit.start));
    size_t end = last - 1 < st.newlines.size() ? st.newlines[last - 1] : whole;
    begin = std::max(begin, hit.start > kReach ? hit.start - kReach : 0);
    end = std::min(end, hit.end + kReach);
    Window& open = st.open[hit.id];
    if (open.begin != kNone && begin <= open.end + 1) {
      open.begin = std::min(open.begin, begin);
      open.end = std::max(open.end, end);
      continue;
    }
    if (open.begin == kNone) {
      st.touched.push_back(hit.id);
    } else {
      flush(hit.id);
    }
    open = {0, begin, end};
  }
  for (size_t k : st.touched) {
    flush(k);
    flush_anchor(k);
    st.open[k].begin = kNone;
    st.open_anchor[k].begin = kNone;
  }
  const size_t rule_count = set.rules.size();
  SortAndMerge(&st.windows, rule_count, &st.sort_starts, &st.sort_scratch);
  SortAndMerge(&st.anchors, rule_count, &st.sort_starts, &st.sort_scratch);
}

Status Scanner::Scan(std::string_view content, std::vector<SecretMatch>* out,
                     ContentKind kind) {
  kind_ = kind;
  stats_ = {};
  State& st = *state_;
  Status status = st.keywords.Find(content, &st.keyword_hits);
  if (!status.ok()) return status;
  if (st.keyword_hits.empty() && rules_.impl_->ungated_rules.empty()) {
    return status;
  }
  NewlineOffsets(content, &st.newlines);
  SelectWindows(content);
  st.markers_found = false;
  std::vector<SecretMatch> found;
  // An anchored rule's matches start in its anchor ranges (a start
  // anywhere else would hold no keyword occurrence within its reach): the
  // ranges inside each window are searched as one search of the window
  // would be (ScanRule's `next`), so the matches are the same.
  size_t a = 0;  // the first anchor range that may meet the window
  for (const Window& w : st.windows) {
    size_t next = 0;
    // (Without a prefilter, keyword_slot is empty and every rule ungated.)
    if (rules_.impl_->keyword_slot.empty() ||
        !rules_.impl_->rules[w.rule].anchor()) {
      ScanRule(w.rule, content, w.begin, w.end, &next, &found, &status);
      continue;
    }
    while (a < st.anchors.size() &&
           (st.anchors[a].rule < w.rule ||
            (st.anchors[a].rule == w.rule && st.anchors[a].end < w.begin))) {
      ++a;
    }
    for (size_t i = a; i < st.anchors.size() && st.anchors[i].rule == w.rule &&
                       st.anchors[i].begin <= w.end;
         ++i) {
      ScanRule(w.rule, content, std::max(w.begin, st.anchors[i].begin),
               std::min(w.end, st.anchors[i].end), &next, &found, &status);
    }
  }
  DropOverlaps(rules_, &found);
  for (SecretMatch& m : found) out->push_back(std::move(m));
  return status;
}

}  // namespace pushguard::match

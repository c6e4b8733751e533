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
#include "match/scan_windows.h"
#include "match/secret_text.h"

namespace pushguard::match {

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
  std::vector<size_t> newlines;  // offsets of '\n' in the current content
  WindowSelector windows;
};

Scanner::Scanner(const RuleSet& rules)
    : rules_(rules), state_(std::make_unique<State>(*rules.impl_->keywords)) {}

Scanner::~Scanner() = default;

namespace {

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
  st.windows.Select(*rules_.impl_, st.keyword_hits, st.newlines,
                    content.size());
  const std::vector<Window>& anchors = st.windows.anchors();
  st.markers_found = false;
  std::vector<SecretMatch> found;
  // An anchored rule's matches start in its anchor ranges (a start
  // anywhere else would hold no keyword occurrence within its reach): the
  // ranges inside each window are searched as one search of the window
  // would be (ScanRule's `next`), so the matches are the same.
  size_t a = 0;  // the first anchor range that may meet the window
  for (const Window& w : st.windows.windows()) {
    size_t next = 0;
    // (Without a prefilter, keyword_slot is empty and every rule ungated.)
    if (rules_.impl_->keyword_slot.empty() ||
        !rules_.impl_->rules[w.rule].anchor()) {
      ScanRule(w.rule, content, w.begin, w.end, &next, &found, &status);
      continue;
    }
    while (a < anchors.size() &&
           (anchors[a].rule < w.rule ||
            (anchors[a].rule == w.rule && anchors[a].end < w.begin))) {
      ++a;
    }
    for (size_t i = a; i < anchors.size() && anchors[i].rule == w.rule &&
                       anchors[i].begin <= w.end;
         ++i) {
      ScanRule(w.rule, content, std::max(w.begin, anchors[i].begin),
               std::min(w.end, anchors[i].end), &next, &found, &status);
    }
  }
  DropOverlaps(rules_, &found);
  for (SecretMatch& m : found) out->push_back(std::move(m));
  return status;
}

}  // namespace pushguard::match

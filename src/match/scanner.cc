// Scanner: prefilter, confirm, filter and de-duplicate matches in one blob.
#include <algorithm>

#include "base/binary_content.h"
#include "base/strings.h"
#include "match/matcher.h"
#include "match/noise.h"
#include "match/rule_set_impl.h"
#include "match/secret_text.h"

namespace pushguard::match {

struct Scanner::State {
  explicit State(const KeywordSet& set) : keywords(set) {}
  KeywordSet::Scanner keywords;
  RegexMatcher matcher;
  std::vector<size_t> keyword_hits;
  std::vector<size_t> selected;  // the rules the hits select, ascending
  std::vector<size_t> newlines;  // offsets of '\n' in the current content
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
  std::vector<SecretMatch> kept;
  for (SecretMatch& m : *found) {
    bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const auto& k) {
      return m.start < k.end && k.start < m.end;
    });
    if (!overlaps) kept.push_back(std::move(m));
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
  // A password hash (bcrypt, crypt, htpasswd) starts like a template
  // reference (`$2b$`, `$apr1$`): a generic rule reports it as a warning.
  bool hash = spec.generic && IsPasswordHash(m->secret);
  if (!hash && LooksLikePlaceholder(m->secret)) return false;
  if (spec.generic && kind_ == ContentKind::kBinary &&
      !IsCleanText(content.substr(match_start, match_end - match_start))) {
    return false;
  }
  // A digest prefix (`sha1-`, `h1:`) quiets only generic rules: a provider
  // token or a private key is a finding whatever precedes it.
  if (spec.generic && FollowsDigestPrefix(content, m->start)) return false;
  if (Listed(spec.allowlist, spec.id, m->secret) ||
      Listed(set.policy.allowlist, spec.id, m->secret)) {
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
  if (spec.generic) {
    Evidence evidence = GenericEvidence(m->secret);
    if (evidence == Evidence::kNone) return false;
    if (evidence == Evidence::kWeak) m->rule = rule.warn_variant;
  }
  // Inline markers anywhere on the lines the match spans.
  size_t begin = m->first_line == 1 ? 0 : st.newlines[m->first_line - 2] + 1;
  size_t end = m->last_line - 1 < st.newlines.size()
                   ? st.newlines[m->last_line - 1]
                   : content.size();
  std::string_view lines = content.substr(begin, end - begin);
  for (const std::string& marker : set.policy.settings.inline_allow_markers) {
    size_t at = marker.empty() ? std::string_view::npos : lines.find(marker);
    if (at != std::string_view::npos) {
      m->allowed_by = marker;
      m->marker_line = LineOf(st.newlines, begin + at);
      break;
    }
  }
  return true;
}

void Scanner::ScanRule(size_t r, std::string_view content,
                       std::vector<SecretMatch>* out, Status* status) {
  const CompiledRule& rule = rules_.impl_->rules[r];
  State& st = *state_;
  size_t start = 0;
  while (start <= content.size()) {
    RegexMatcher::Outcome outcome =
        st.matcher.Find(*rule.regex, content, start);
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
}

Status Scanner::Scan(std::string_view content, std::vector<SecretMatch>* out,
                     ContentKind kind) {
  const RuleSet::Impl& set = *rules_.impl_;
  kind_ = kind;
  State& st = *state_;
  Status status = st.keywords.Find(content, &st.keyword_hits);
  if (!status.ok()) return status;
  st.selected = set.ungated_rules;
  for (size_t k : st.keyword_hits) {
    const std::vector<size_t>& gated = set.keyword_rules[k];
    st.selected.insert(st.selected.end(), gated.begin(), gated.end());
  }
  std::vector<SecretMatch> found;
  if (st.selected.empty()) return status;
  std::sort(st.selected.begin(), st.selected.end());
  st.selected.erase(std::unique(st.selected.begin(), st.selected.end()),
                    st.selected.end());

  st.newlines.clear();
  for (size_t p = content.find('\n'); p != std::string_view::npos;
       p = content.find('\n', p + 1)) {
    st.newlines.push_back(p);
  }
  for (size_t r : st.selected) ScanRule(r, content, &found, &status);
  DropOverlaps(rules_, &found);
  for (SecretMatch& m : found) out->push_back(std::move(m));
  return status;
}

}  // namespace pushguard::match

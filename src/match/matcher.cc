#include "match/matcher.h"

#include <algorithm>
#include <map>

#include "base/strings.h"
#include "match/prefilter.h"
#include "match/regex.h"
#include "match/secret_text.h"

namespace pushguard::match {

struct CompiledRule {
  const rules::SecretRule* spec;
  std::unique_ptr<Regex> regex;
  std::vector<std::unique_ptr<Regex>> allow_regexes;
  std::vector<size_t> keyword_ids;  // empty: the rule always runs
};

struct RuleSet::Impl {
  rules::Policy policy;
  std::vector<CompiledRule> rules;
  std::vector<std::unique_ptr<Regex>> global_allow_regexes;
  std::unique_ptr<KeywordSet> keywords;
};

namespace {

// Compiles allowlist regexes, reporting the bad ones.
std::vector<std::unique_ptr<Regex>> CompileAllowRegexes(
    const rules::Allowlist& list, const std::string& rule_id,
    std::vector<rules::Diagnostic>* problems) {
  std::vector<std::unique_ptr<Regex>> out;
  for (size_t i = 0; i < list.regexes.size(); ++i) {
    auto regex = std::make_unique<Regex>(list.regexes[i]);
    if (!regex->ok()) {
      problems->push_back({list.origin.file, list.origin.line, rule_id,
                           "allowlist.regexes[" + std::to_string(i) + "]",
                           "invalid regex: " + regex->error()});
      continue;
    }
    out.push_back(std::move(regex));
  }
  return out;
}

}  // namespace

RuleSet::RuleSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RuleSet::~RuleSet() = default;

std::unique_ptr<RuleSet> RuleSet::Compile(
    const rules::Policy& policy, std::vector<rules::Diagnostic>* problems) {
  auto impl = std::make_unique<Impl>();
  impl->policy = policy;
  impl->global_allow_regexes =
      CompileAllowRegexes(impl->policy.allowlist, "", problems);
  std::vector<std::string> keywords;
  std::map<std::string, size_t> keyword_index;
  for (const rules::SecretRule& spec : impl->policy.secret_rules) {
    auto regex = std::make_unique<Regex>(spec.regex);
    const rules::Origin& at = spec.regex_origin;
    if (!regex->ok()) {
      problems->push_back({at.file, at.line, spec.id, "regex",
                           "invalid regex: " + regex->error()});
      continue;
    }
    if (spec.secret_group > regex->capture_count()) {
      problems->push_back(
          {at.file, at.line, spec.id, "secret_group",
           "is " + std::to_string(spec.secret_group) + " but the regex has " +
               std::to_string(regex->capture_count()) + " capture group(s)"});
      continue;
    }
    CompiledRule rule{&spec, std::move(regex),
                      CompileAllowRegexes(spec.allowlist, spec.id, problems),
                      {}};
    for (const std::string& keyword : spec.keywords) {
      auto [it, added] = keyword_index.emplace(keyword, keywords.size());
      if (added) keywords.push_back(keyword);
      rule.keyword_ids.push_back(it->second);
    }
    impl->rules.push_back(std::move(rule));
  }
  Result<std::unique_ptr<KeywordSet>> set = KeywordSet::Build(keywords);
  if (!set.ok()) {
    problems->push_back({"", 0, "", "keywords", set.status().message()});
    set = KeywordSet::Build({});
  }
  impl->keywords = std::move(*set);
  return std::unique_ptr<RuleSet>(new RuleSet(std::move(impl)));
}

size_t RuleSet::size() const { return impl_->rules.size(); }

const rules::SecretRule& RuleSet::rule(size_t index) const {
  return *impl_->rules[index].spec;
}

const rules::Policy& RuleSet::policy() const { return impl_->policy; }

bool RuleSet::PathAllowed(size_t rule, std::string_view path) const {
  auto listed = [&](const rules::Allowlist& list) {
    return std::any_of(
        list.paths.begin(), list.paths.end(),
        [&](const std::string& glob) { return GlobMatch(glob, path); });
  };
  return listed(impl_->policy.allowlist) ||
         listed(impl_->rules[rule].spec->allowlist);
}

void RuleSet::CheckExamples(std::vector<rules::Diagnostic>* problems) const {
  Scanner scanner(*this);
  for (size_t i = 0; i < impl_->rules.size(); ++i) {
    const rules::SecretRule& spec = *impl_->rules[i].spec;
    auto matches_rule = [&](const std::string& text) {
      std::vector<SecretMatch> found;
      Status s = scanner.Scan(text, &found);
      return std::any_of(found.begin(), found.end(),
                         [&](const SecretMatch& m) { return m.rule == i; });
    };
    for (size_t k = 0; k < spec.examples.size(); ++k) {
      if (!matches_rule(spec.examples[k])) {
        problems->push_back({spec.origin.file, spec.origin.line, spec.id,
                             "examples[" + std::to_string(k) + "]",
                             "does not match the rule"});
      }
    }
    for (size_t k = 0; k < spec.negative_examples.size(); ++k) {
      if (matches_rule(spec.negative_examples[k])) {
        problems->push_back({spec.origin.file, spec.origin.line, spec.id,
                             "negative_examples[" + std::to_string(k) + "]",
                             "matches the rule but must not"});
      }
    }
  }
}

// ---------------------------------------------------------------------------

struct Scanner::State {
  explicit State(const KeywordSet& set) : keywords(set) {}
  KeywordSet::Scanner keywords;
  RegexMatcher matcher;
  std::vector<bool> keyword_hits;
  std::vector<size_t> newlines;  // offsets of '\n' in the current content
};

Scanner::Scanner(const RuleSet& rules)
    : rules_(rules),
      state_(std::make_unique<State>(*rules.impl_->keywords)) {}

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

}  // namespace

// Whether a regex match is a finding: strong enough (entropy), not a known
// non-secret (allowlists, stopwords, fingerprints), not marked on its line.
bool Scanner::Accept(const RuleSet::Impl& set, const CompiledRule& rule,
                     const SecretMatch& m, std::string_view content,
                     State& st) {
  const rules::SecretRule& spec = *rule.spec;
  if (spec.min_entropy > 0 && ShannonEntropy(m.secret) < spec.min_entropy) {
    return false;
  }
  for (const rules::Allowlist* list : {&spec.allowlist, &set.policy.allowlist}) {
    for (const std::string& word : list->stopwords) {
      if (ContainsInsensitive(m.secret, word)) return false;
    }
    if (!list->fingerprints.empty()) {
      std::string fingerprint = Fingerprint(spec.id, m.secret);
      if (std::find(list->fingerprints.begin(), list->fingerprints.end(),
                    fingerprint) != list->fingerprints.end()) {
        return false;
      }
    }
  }
  for (const auto* regexes : {&rule.allow_regexes, &set.global_allow_regexes}) {
    for (const auto& regex : *regexes) {
      if (st.matcher.Find(*regex, m.secret, 0) ==
          RegexMatcher::Outcome::kMatch) {
        return false;
      }
    }
  }
  // Inline markers anywhere on the lines the match spans.
  size_t begin = m.first_line == 1 ? 0 : st.newlines[m.first_line - 2] + 1;
  size_t end = m.last_line - 1 < st.newlines.size() ? st.newlines[m.last_line - 1]
                                                    : content.size();
  std::string_view lines = content.substr(begin, end - begin);
  for (const std::string& marker : set.policy.settings.inline_allow_markers) {
    if (lines.find(marker) != std::string_view::npos) return false;
  }
  return true;
}

Status Scanner::Scan(std::string_view content, std::vector<SecretMatch>* out) {
  const RuleSet::Impl& set = *rules_.impl_;
  State& st = *state_;
  st.keyword_hits.assign(set.keywords->size(), false);
  Status status = st.keywords.Find(content, &st.keyword_hits);
  if (!status.ok()) return status;

  bool newlines_ready = false;
  for (size_t r = 0; r < set.rules.size(); ++r) {
    const CompiledRule& rule = set.rules[r];
    if (!rule.keyword_ids.empty() &&
        std::none_of(rule.keyword_ids.begin(), rule.keyword_ids.end(),
                     [&](size_t k) { return st.keyword_hits[k]; })) {
      continue;
    }
    if (!newlines_ready) {
      st.newlines.clear();
      for (size_t p = content.find('\n'); p != std::string_view::npos;
           p = content.find('\n', p + 1)) {
        st.newlines.push_back(p);
      }
      newlines_ready = true;
    }
    size_t start = 0;
    while (start <= content.size()) {
      RegexMatcher::Outcome outcome =
          st.matcher.Find(*rule.regex, content, start);
      if (outcome == RegexMatcher::Outcome::kNoMatch) break;
      if (outcome != RegexMatcher::Outcome::kMatch) {
        if (status.ok()) {
          status = Status::Timeout(
              "rule '" + rule.spec->id + "': regex " +
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
      m.last_line =
          LineOf(st.newlines, whole.end > whole.start ? whole.end - 1 : whole.end);
      if (!Accept(set, rule, m, content, st)) continue;
      out->push_back(std::move(m));
    }
  }
  return status;
}

}  // namespace pushguard::match

#include "match/matcher.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>

#include "base/strings.h"
#include "match/keyword_reach.h"
#include "match/line_reach.h"
#include "match/rule_set_impl.h"
#include "rules/policy_codec.h"

namespace pushguard::match {
namespace {

// Compiles allowlist regexes, reporting the bad ones.
RegexList CompileAllowRegexes(const std::vector<std::string>& regexes,
                              const rules::Origin& origin,
                              const std::string& rule_id,
                              const std::string& field,
                              std::vector<rules::Diagnostic>* problems) {
  RegexList out;
  for (size_t i = 0; i < regexes.size(); ++i) {
    auto regex = std::make_unique<Regex>(regexes[i]);
    if (!regex->ok()) {
      problems->push_back({origin.file, origin.line, rule_id,
                           "allowlist." + field + "[" + std::to_string(i) + "]",
                           "invalid regex: " + regex->error()});
      continue;
    }
    out.push_back(std::move(regex));
  }
  return out;
}

// Adds a copy of `spec` in `mode` as a new entry; returns its index.
size_t AddVariant(RuleSet::Impl& impl, size_t base,
                  const rules::SecretRule& spec, rules::Mode mode,
                  const std::string& note) {
  rules::SecretRule copy = spec;
  copy.mode = mode;
  copy.description += note;
  copy.examples.clear();
  copy.negative_examples.clear();
  impl.variants.push_back(std::move(copy));
  impl.entries.push_back(&impl.variants.back());
  impl.base_of.push_back(base);
  return impl.entries.size() - 1;
}

void AddVariants(RuleSet::Impl& impl) {
  for (size_t r = 0; r < impl.rules.size(); ++r) {
    impl.entries.push_back(impl.rules[r].spec);
    impl.base_of.push_back(r);
  }
  for (size_t r = 0; r < impl.rules.size(); ++r) {
    CompiledRule& rule = impl.rules[r];
    const rules::SecretRule& spec = *rule.spec;
    rule.warn_variant = r;
    if (spec.generic && spec.mode == rules::Mode::kEnforce) {
      rule.warn_variant = AddVariant(impl, r, spec, rules::Mode::kWarn,
                                     " (possible; generic rule)");
    }
  }
}

}  // namespace

RuleSet::RuleSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

const std::optional<KeywordAnchor>& CompiledRule::anchor() const {
  std::call_once(lazy_anchor->once, [this] {
    if (!spec->keywords.empty()) {
      lazy_anchor->anchor = FindKeywordAnchor(spec->regex, spec->keywords);
    }
  });
  return lazy_anchor->anchor;
}
RuleSet::~RuleSet() = default;

namespace {

// Fills impl.keyword_rules and impl.ungated_rules from impl.rules' keywords;
// returns the keywords, id i for keyword_rules[i]. The order depends only on
// the rules, so the same policy always gives the same list (a serialized
// keyword database is only valid for its list).
std::vector<std::string> IndexKeywords(RuleSet::Impl& impl) {
  std::vector<std::string> keywords;
  std::map<std::string, size_t> keyword_index;
  for (size_t index = 0; index < impl.rules.size(); ++index) {
    const rules::SecretRule& spec = *impl.rules[index].spec;
    if (spec.keywords.empty()) impl.ungated_rules.push_back(index);
    for (size_t k = 0; k < spec.keywords.size(); ++k) {
      const std::string& keyword = spec.keywords[k];
      auto [it, added] = keyword_index.emplace(keyword, keywords.size());
      if (added) {
        keywords.push_back(keyword);
        impl.keyword_rules.emplace_back();
        impl.keyword_slot.emplace_back();
      }
      // A keyword listed twice counts once, at its first place (the one
      // FindKeywordAnchor marks used).
      std::vector<size_t>& gated = impl.keyword_rules[it->second];
      if (gated.empty() || gated.back() != index) {
        gated.push_back(index);
        impl.keyword_slot[it->second].push_back(k);
      }
    }
  }
  return keywords;
}

CompiledRule MakeRule(const rules::SecretRule& spec,
                      std::unique_ptr<Regex> regex, bool whole_text,
                      std::vector<rules::Diagnostic>* problems) {
  const rules::Allowlist& list = spec.allowlist;
  CompiledRule rule{&spec, std::move(regex),
                    CompileAllowRegexes(list.regexes, list.origin, spec.id,
                                        "regexes", problems),
                    CompileAllowRegexes(list.match_regexes, list.origin,
                                        spec.id, "match_regexes", problems)};
  rule.whole_text = whole_text;
  return rule;
}

void CompileGlobalAllowlist(RuleSet::Impl& impl,
                            std::vector<rules::Diagnostic>* problems) {
  const rules::Allowlist& global = impl.spec.allowlist;
  impl.global_allow_regexes = CompileAllowRegexes(global.regexes, global.origin,
                                                  "", "regexes", problems);
  impl.global_allow_match_regexes = CompileAllowRegexes(
      global.match_regexes, global.origin, "", "match_regexes", problems);
}

}  // namespace

std::unique_ptr<RuleSet> RuleSet::Compile(
    const rules::Policy& policy, std::vector<rules::Diagnostic>* problems,
    KeywordSet::Target target) {
  auto impl = std::make_unique<Impl>();
  impl->spec = rules::MatchSpecOf(policy);
  CompileGlobalAllowlist(*impl, problems);
  for (const rules::SecretRule& spec : impl->spec.secret_rules) {
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
    bool whole_text = spec.keywords_anywhere || MayMatchNewline(spec.regex);
    impl->rules.push_back(
        MakeRule(spec, std::move(regex), whole_text, problems));
  }
  std::vector<std::string> keywords = IndexKeywords(*impl);
  AddVariants(*impl);
  Result<std::unique_ptr<KeywordSet>> set = KeywordSet::Build(keywords, target);
  if (!set.ok()) {
    problems->push_back({"", 0, "", "keywords", set.status().message()});
    set = KeywordSet::Build({});
    // Without the prefilter every rule runs.
    impl->keyword_rules.clear();
    impl->keyword_slot.clear();
    impl->ungated_rules.clear();
    for (size_t r = 0; r < impl->rules.size(); ++r) {
      impl->ungated_rules.push_back(r);
    }
  }
  impl->keywords = std::move(*set);
  return std::unique_ptr<RuleSet>(new RuleSet(std::move(impl)));
}

void RuleSet::Encode(ByteWriter* out) const {
  rules::EncodeMatchSpec(impl_->spec, out);
  std::string whole_text;
  for (const CompiledRule& rule : impl_->rules) whole_text += rule.whole_text;
  out->PutString(whole_text);
  out->PutString(impl_->keywords->Serialize());
}

Result<std::unique_ptr<RuleSet>> RuleSet::Decode(ByteReader* in) {
  auto impl = std::make_unique<Impl>();
  Result<rules::MatchSpec> spec = rules::DecodeMatchSpec(in);
  if (!spec.ok()) return spec.status();
  impl->spec = std::move(*spec);
  std::string_view whole_text, keyword_db;
  if (!in->GetView(&whole_text) || !in->GetView(&keyword_db) ||
      whole_text.size() != impl->spec.secret_rules.size()) {
    return Status::Corruption("compiled rules: truncated");
  }
  // Every regex compiled when these bytes were written: compile each on
  // first use. A problem now means the bytes are not what they claim.
  std::vector<rules::Diagnostic> problems;
  CompileGlobalAllowlist(*impl, &problems);
  for (size_t i = 0; i < whole_text.size(); ++i) {
    const rules::SecretRule& spec = impl->spec.secret_rules[i];
    auto regex = std::make_unique<Regex>(spec.regex, Regex::Deferred{});
    impl->rules.push_back(
        MakeRule(spec, std::move(regex), whole_text[i] != 0, &problems));
  }
  if (!problems.empty()) {
    return Status::Corruption("compiled rules: " + problems[0].ToString());
  }
  std::vector<std::string> keywords = IndexKeywords(*impl);
  AddVariants(*impl);
  Result<std::unique_ptr<KeywordSet>> set =
      KeywordSet::Deserialize(keywords, keyword_db);
  if (!set.ok()) {
    // Another vectorscan build or CPU: rebuild it here (slower, same result).
    set = KeywordSet::Build(keywords);
    if (!set.ok()) return set.status();
  }
  impl->keywords = std::move(*set);
  return std::unique_ptr<RuleSet>(new RuleSet(std::move(impl)));
}

size_t RuleSet::size() const { return impl_->rules.size(); }

const rules::SecretRule& RuleSet::rule(size_t index) const {
  return *impl_->entries[index];
}

size_t RuleSet::BaseRule(size_t index) const { return impl_->base_of[index]; }

const rules::MatchSpec& RuleSet::spec() const { return impl_->spec; }

size_t RuleSet::ForPath(size_t rule, std::string_view path) const {
  const rules::SecretRule& spec = *impl_->entries[rule];
  if (!spec.generic || spec.mode != rules::Mode::kEnforce) return rule;
  const std::vector<std::string>& vendored = impl_->spec.vendored_paths;
  bool listed = std::any_of(
      vendored.begin(), vendored.end(),
      [&](const std::string& glob) { return GlobMatch(glob, path); });
  return listed ? impl_->rules[impl_->base_of[rule]].warn_variant : rule;
}

bool RuleSet::PathAllowed(size_t rule, std::string_view path) const {
  bool generic = impl_->entries[rule]->generic;
  auto listed = [&](const rules::Allowlist& list) {
    auto matches = [&](const std::string& glob) {
      return GlobMatch(glob, path);
    };
    return std::any_of(list.paths.begin(), list.paths.end(), matches) ||
           (generic && std::any_of(list.checksum_paths.begin(),
                                   list.checksum_paths.end(), matches));
  };
  return listed(impl_->spec.allowlist) ||
         listed(impl_->entries[rule]->allowlist);
}

}  // namespace pushguard::match

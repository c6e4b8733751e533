// RuleSet::CheckExamples: the checks `pushguard rules check` adds to loading
// and compiling. Every problem is collected; nothing stops at the first.
#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "match/matcher.h"
#include "match/rule_set_impl.h"
#include "rules/embedded.h"

namespace pushguard::match {
namespace {

bool IsEmbedded(const std::string& file) {
  static const std::set<std::string> kNames = [] {
    std::set<std::string> names;
    for (const rules::PolicySource& s : rules::EmbeddedPolicies()) {
      names.insert(s.name);
    }
    return names;
  }();
  return kNames.count(file) > 0;
}

// An id whose regex is set in two files of the same tier is a copy-paste
// mistake; an administrator's file changing an embedded rule is an override.
void CheckDefinitions(const rules::SecretRule& spec,
                      std::vector<rules::Diagnostic>* problems) {
  std::map<bool, const rules::Origin*> first_by_tier;
  for (const rules::Origin& at : spec.regex_definitions) {
    bool embedded = IsEmbedded(at.file);
    auto [it, added] = first_by_tier.emplace(embedded, &at);
    if (added || it->second->file == at.file) continue;
    problems->push_back({at.file, at.line, spec.id, "id",
                         "already defined in " + it->second->file + ":" +
                             std::to_string(it->second->line) +
                             " (rule ids must be unique across files)"});
  }
}

bool ContainsKeyword(const rules::SecretRule& spec, const std::string& text) {
  std::string lower = AsciiLower(text);
  return std::any_of(
      spec.keywords.begin(), spec.keywords.end(),
      [&](const std::string& k) { return lower.find(k) != std::string::npos; });
}

}  // namespace

void RuleSet::CheckExamples(std::vector<rules::Diagnostic>* problems) const {
  Scanner scanner(*this);
  for (size_t i = 0; i < impl_->rules.size(); ++i) {
    const rules::SecretRule& spec = *impl_->rules[i].spec;
    const rules::Origin& at = spec.origin;
    CheckDefinitions(spec, problems);
    if (spec.keywords.empty()) {
      problems->push_back({at.file, at.line, spec.id, "keywords",
                           "missing (every rule needs keywords so the "
                           "prefilter can gate it)"});
    }
    auto matches_rule = [&](const std::string& text) {
      std::vector<SecretMatch> found;
      Status s = scanner.Scan(text, &found);
      return std::any_of(found.begin(), found.end(), [&](const SecretMatch& m) {
        return BaseRule(m.rule) == i && m.allowed_by.empty();
      });
    };
    for (size_t k = 0; k < spec.examples.size(); ++k) {
      const std::string field = "examples[" + std::to_string(k) + "]";
      if (!spec.keywords.empty() && !ContainsKeyword(spec, spec.examples[k])) {
        problems->push_back({at.file, at.line, spec.id, field,
                             "contains none of the rule's keywords"});
      } else if (!matches_rule(spec.examples[k])) {
        problems->push_back(
            {at.file, at.line, spec.id, field, "does not match the rule"});
      }
    }
    for (size_t k = 0; k < spec.negative_examples.size(); ++k) {
      if (matches_rule(spec.negative_examples[k])) {
        problems->push_back({at.file, at.line, spec.id,
                             "negative_examples[" + std::to_string(k) + "]",
                             "matches the rule but must not"});
      }
    }
  }
}

}  // namespace pushguard::match

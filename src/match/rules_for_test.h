// Helpers for the match/ tests only: rules compiled from a YAML snippet or
// the embedded default policy, and a scan of one text.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "match/matcher.h"
#include "rules/embedded.h"
#include "rules/loader.h"

namespace pushguard::match {

// A policy and its compiled rules; `policy` outlives `rules`' use of it.
struct Compiled {
  rules::Policy policy;
  std::unique_ptr<RuleSet> rules;
  std::vector<std::string> problems;  // loading and compiling, as text
};

inline Compiled CompileYaml(const std::string& yaml) {
  Compiled c;
  std::vector<rules::Diagnostic> problems;
  c.policy = rules::LoadPolicy({{"test.yaml", yaml}}, &problems);
  c.rules = RuleSet::Compile(c.policy, &problems);
  for (const auto& d : problems) c.problems.push_back(d.ToString());
  return c;
}

// The embedded default policy loaded from its YAML and compiled, once per
// test binary (each load takes about half a second); a problem fails the
// test that first asks. Valid for the program's lifetime.
inline const Compiled& DefaultRules() {
  static const Compiled* const kDefault = [] {
    auto* c = new Compiled;
    std::vector<rules::Diagnostic> problems;
    c->policy = rules::LoadPolicy(rules::EmbeddedPolicies(), &problems);
    c->rules = RuleSet::Compile(c->policy, &problems);
    for (const auto& d : problems) c->problems.push_back(d.ToString());
    return c;
  }();
  REQUIRE(kDefault->problems.empty());
  return *kDefault;
}

// Every accepted match in `text`; the scan's status in *status if given.
inline std::vector<SecretMatch> ScanText(const RuleSet& rules,
                                         std::string_view text,
                                         Status* status = nullptr) {
  Scanner scanner(rules);
  std::vector<SecretMatch> found;
  Status s = scanner.Scan(text, &found);
  if (status != nullptr) *status = s;
  return found;
}

// "rule/mode" of every match the default rules find in `text` (read as
// `kind`), space-separated ("" for none): what a test of the pack expects.
inline std::string DefaultHits(const std::string& text,
                               ContentKind kind = ContentKind::kText) {
  const RuleSet& rules = *DefaultRules().rules;
  Scanner scanner(rules);
  std::vector<SecretMatch> found;
  REQUIRE(scanner.Scan(text, &found, kind).ok());
  std::string out;
  for (const SecretMatch& m : found) {
    const rules::SecretRule& r = rules.rule(m.rule);
    if (!out.empty()) out += ' ';
    out += r.id + (r.mode == rules::Mode::kWarn ? "/warn" : "/block");
  }
  return out;
}

}  // namespace pushguard::match

// The effective configuration compiled from a list of layers (the embedded
// default, the administrators' files, the policy repository's, the
// repository's own): secret rules (match::RuleSet) and push policies.
// This is the one place that decides how: the default policy alone is the
// build's compiled pack (embedded_pack.h); any other list is looked up in
// the cache of compiled configurations (compiled_cache.h) and, on a miss,
// loaded from its YAML, compiled and stored there.
//
//   std::vector<rules::Diagnostic> problems;
//   Result<CompiledConfig> config = CompileConfiguration(layers, &problems);
//   if (!config.ok()) -> config.status().message(), one problem a line
#pragma once

#include <memory>
#include <vector>

#include "base/status.h"
#include "match/matcher.h"
#include "policy/push_policies.h"
#include "rules/loader.h"

namespace pushguard::config {

// Secret rules and push policies compiled from one list of layers.
struct CompiledConfig {
  std::unique_ptr<match::RuleSet> rules;
  // Refers to rules->policy(): destroy it first (declaration order does).
  std::unique_ptr<policy::PushPolicies> policies;

  const rules::Policy& policy() const { return rules->policy(); }
};

// Loads and compiles `layers`, through the cache in `cache_dir` ("" for
// none; see CompiledCache::DefaultDirectory()). On any problem returns
// Config with every problem, one per line, and appends each (with the file
// it is in) to *problems. Problems are found only when the YAML is loaded:
// a list that compiled before (the default pack, a cache entry) had none.
Result<CompiledConfig> CompileConfiguration(
    const std::vector<rules::PolicySource>& layers,
    std::vector<rules::Diagnostic>* problems, const std::string& cache_dir);

// True if `layers` are exactly the embedded default policy files.
bool IsEmbeddedDefault(const std::vector<rules::PolicySource>& layers);

}  // namespace pushguard::config

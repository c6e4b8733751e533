// The effective configuration compiled from a list of layers (the embedded
// default, the administrators' files, the policy repository's, the
// repository's own): settings, secret rules (match::RuleSet) and push
// policies.
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

// One list of layers, compiled: the settings the verdict and the audit
// follow, the secret rules (what matching needs, nothing else), and the
// push policies. Each part owns its data; pass the part a step needs.
struct CompiledConfig {
  rules::Settings settings;  // on_error, limits, marker_bypass, audit, ...
  std::unique_ptr<match::RuleSet> rules;           // secret rules, allowlist
  std::unique_ptr<policy::PushPolicies> policies;  // owns its policies
  std::vector<std::string> sources;  // the layers' names, in order
  // Changes a later layer tried to make to a mandatory policy, ignored.
  std::vector<rules::Diagnostic> ignored;

  // The configuration as the loader made it (rules::Policy), put back
  // together: the base later layers are loaded on (rules::LoadPolicy), and
  // what the encoded form round-trips to.
  rules::Policy Raw() const;
};

// Splits a loaded policy into its compiled parts. Problems (a secret rule
// or push policy regex that does not compile, a parameter its type does not
// declare) are appended to *problems. `target`: match::RuleSet::Compile's.
CompiledConfig CompileParts(
    const rules::Policy& policy, std::vector<rules::Diagnostic>* problems,
    match::KeywordSet::Target target = match::KeywordSet::Target::kHost);

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

// CompiledConfig::Raw() and CompileParts() (compiled_config.h): apart from
// compiled_config.cc, which reads the embedded pack, so that the build's
// compile_pack (which makes that pack) can use them.
#include "config/compiled_config.h"

namespace pushguard::config {

rules::Policy CompiledConfig::Raw() const {
  rules::Policy policy;
  policy.settings = settings;
  const rules::MatchSpec& spec = rules->spec();
  policy.secret_rules = spec.secret_rules;
  policy.allowlist = spec.allowlist;
  for (const policy::CompiledPolicy& p : policies->all()) {
    policy.push_policies.push_back(*p.spec);
  }
  policy.sources = sources;
  policy.ignored = ignored;
  return policy;
}

CompiledConfig CompileParts(const rules::Policy& policy,
                            std::vector<rules::Diagnostic>* problems,
                            match::KeywordSet::Target target) {
  CompiledConfig config;
  config.settings = policy.settings;
  config.rules = match::RuleSet::Compile(policy, problems, target);
  config.policies = policy::PushPolicies::Compile(policy, problems);
  config.sources = policy.sources;
  config.ignored = policy.ignored;
  return config;
}

}  // namespace pushguard::config

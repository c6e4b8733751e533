// `pushguard rules check [FILE...]`: validates policy files and runs every
// rule's examples. Without FILEs it checks the effective configuration; with
// FILEs, those files layered on the embedded default.
#include <iostream>

#include "cli/commands.h"
#include "cli/configuration.h"
#include "policy/push_policies.h"
#include "rules/embedded.h"

namespace pushguard::cli {

int RulesCommand(const Args& args) {
  if (args.empty() || args[0] != "check") {
    std::cerr << "usage: pushguard rules check [FILE...]\n";
    return kExitError;
  }
  std::vector<rules::PolicySource> layers;
  if (args.size() == 1) {
    Result<std::vector<rules::PolicySource>> configured = ConfiguredLayers({});
    if (!configured.ok()) {
      std::cerr << configured.status().message() << "\n";
      return kExitError;
    }
    layers = std::move(*configured);
  } else {
    layers = rules::EmbeddedPolicies();
    for (size_t i = 1; i < args.size(); ++i) {
      Result<rules::PolicySource> source = rules::ReadPolicyFile(args[i]);
      if (!source.ok()) {
        std::cerr << source.status().message() << "\n";
        return kExitError;
      }
      source->system = true;  // in the system layer's place
      layers.push_back(std::move(*source));
    }
  }
  std::vector<rules::Diagnostic> problems;
  rules::Policy policy = rules::LoadPolicy(layers, &problems);
  auto compiled = match::RuleSet::Compile(policy, &problems);
  compiled->CheckExamples(&problems);
  policy::PushPolicies::Compile(compiled->policy(), &problems);
  // In the hook these are warnings (the mandatory policy is enforced); an
  // administrator checking files should fix them.
  problems.insert(problems.end(), policy.ignored.begin(), policy.ignored.end());
  if (!problems.empty()) {
    std::cerr << rules::FormatDiagnostics(problems) << "\n"
              << problems.size() << " problem(s) found\n";
    return kExitError;
  }
  size_t examples = 0;
  for (const rules::SecretRule& r : policy.secret_rules) {
    examples += r.examples.size() + r.negative_examples.size();
  }
  std::cout << "ok: " << policy.secret_rules.size() << " rules, " << examples
            << " examples, " << policy.push_policies.size()
            << " push policies checked from " << layers.size() << " file(s)\n";
  return kExitAccept;
}

}  // namespace pushguard::cli

// `pushguard rules check [--repo DIR] [--config FILE]... [FILE...]`:
// validates policy files and runs every rule's examples. The layers checked
// are the configured ones (embedded default, /etc/pushguard/*.yaml,
// $PUSHGUARD_CONFIG, --config) or, with FILEs, the embedded default and
// those files; then, with --repo, DIR's own pushguard.yaml, as the hook
// layers it. Every problem is listed before it exits 2.
#include <iostream>

#include "cli/command_table.h"
#include "cli/commands.h"
#include "cli/configuration.h"
#include "policy/push_policies.h"
#include "rules/embedded.h"

namespace pushguard::cli {
namespace {

constexpr char kUsage[] =
    "usage: pushguard rules check [--repo DIR] [--config FILE]... "
    "[FILE...]\n"
    "       pushguard rules import gitleaks FILE.toml [-o|--output "
    "OUT.yaml]\n";

// The layers to check, or why one could not be read.
Result<std::vector<rules::PolicySource>> LayersToCheck(
    const ParsedOptions& options) {
  std::vector<rules::PolicySource> layers;
  const std::vector<std::string>& files = options.positional;
  if (files.empty()) {
    Result<std::vector<rules::PolicySource>> configured =
        ConfiguredLayers(options.All("config"));
    if (!configured.ok()) return configured.status();
    layers = std::move(*configured);
  } else {
    layers = rules::EmbeddedPolicies();
    for (const std::string& file : files) {
      Result<rules::PolicySource> source = rules::ReadPolicyFile(file);
      if (!source.ok()) return source.status();
      source->system = true;  // in the system layer's place
      layers.push_back(std::move(*source));
    }
  }
  if (options.Has("repo")) {
    size_t before = layers.size();
    Result<std::string> git_dir =
        AddRepositoryLayerOf(options.Get("repo", ""), &layers);
    if (!git_dir.ok()) return git_dir.status();
    if (layers.size() == before) {
      std::cout << "note: " << *git_dir << " has no " << kRepositoryPolicyFile
                << "\n";
    }
  }
  return layers;
}

}  // namespace

int RulesCommand(const Args& args) {
  if (WantsHelp(args)) {
    std::cout << CommandHelp(*FindCommand("rules"));
    if (!args.empty() && args[0] == "import") std::cout << RulesImportHelp();
    return kExitAccept;
  }
  if (!args.empty() && args[0] == "import") {
    return RulesImportCommand(Args(args.begin() + 1, args.end()));
  }
  if (args.empty() || args[0] != "check") {
    std::cerr << kUsage;
    return kExitError;
  }
  Result<ParsedOptions> options =
      ParseOptions(Args(args.begin() + 1, args.end()), OptionsOf("rules"));
  if (!options.ok()) {
    std::cerr << "pushguard rules check: " << options.status().message() << "\n"
              << kUsage;
    return kExitError;
  }
  if (options->Has("output")) {
    std::cerr << "pushguard rules check: --output is an option of rules "
                 "import\n"
              << kUsage;
    return kExitError;
  }
  if (!options->positional.empty() && options->Has("config")) {
    std::cerr << "pushguard rules check: FILEs and --config exclude each "
                 "other (FILEs are checked on the embedded default)\n";
    return kExitError;
  }
  Result<std::vector<rules::PolicySource>> layers = LayersToCheck(*options);
  if (!layers.ok()) {
    std::cerr << layers.status().message() << "\n";
    return kExitError;
  }
  std::vector<rules::Diagnostic> problems;
  rules::Policy policy = rules::LoadPolicy(*layers, &problems);
  auto compiled = match::RuleSet::Compile(policy, &problems);
  compiled->CheckExamples(&problems);
  policy::PushPolicies::Compile(policy, &problems);
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
            << " push policies checked from " << layers->size() << " file(s)\n";
  return kExitAccept;
}

}  // namespace pushguard::cli

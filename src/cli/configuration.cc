#include "cli/configuration.h"

#include <cstdlib>

#include "base/strings.h"

namespace pushguard::cli {

Result<std::vector<rules::PolicySource>> ConfiguredLayers(
    const std::vector<std::string>& config_flags) {
  const char* dir = std::getenv("PUSHGUARD_SYSTEM_CONFIG_DIR");
  std::vector<std::string> files;
  if (const char* env = std::getenv("PUSHGUARD_CONFIG"); env && *env) {
    for (const std::string& f : Split(env, ':')) {
      if (!f.empty()) files.push_back(f);
    }
  }
  files.insert(files.end(), config_flags.begin(), config_flags.end());
  return rules::CollectLayers(dir != nullptr ? dir : kDefaultSystemConfigDir,
                              files);
}

Result<std::unique_ptr<match::RuleSet>> CompilePolicy(
    const std::vector<rules::PolicySource>& layers) {
  std::vector<rules::Diagnostic> problems;
  rules::Policy policy = rules::LoadPolicy(layers, &problems);
  std::unique_ptr<match::RuleSet> compiled =
      match::RuleSet::Compile(policy, &problems);
  if (!problems.empty()) {
    return Status::Config(rules::FormatDiagnostics(problems));
  }
  return compiled;
}

Result<std::unique_ptr<match::RuleSet>> LoadConfiguredPolicy(
    const std::vector<std::string>& config_flags) {
  Result<std::vector<rules::PolicySource>> layers =
      ConfiguredLayers(config_flags);
  if (!layers.ok()) return layers.status();
  return CompilePolicy(*layers);
}

}  // namespace pushguard::cli

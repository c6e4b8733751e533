// Builds the effective, compiled policy from the layers an administrator
// configures: the embedded default, every *.yaml in /etc/pushguard/ (or
// $PUSHGUARD_SYSTEM_CONFIG_DIR), the ':'-separated files in $PUSHGUARD_CONFIG,
// then --config files.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "match/matcher.h"
#include "rules/loader.h"

namespace pushguard::cli {

inline constexpr char kDefaultSystemConfigDir[] = "/etc/pushguard";

// The configured layers (embedded default first), or the first file that
// could not be read.
Result<std::vector<rules::PolicySource>> ConfiguredLayers(
    const std::vector<std::string>& config_flags);

// Loads and compiles `layers`. On any problem returns Config with every
// problem, one per line ("file:line: rule 'id': field: problem").
Result<std::unique_ptr<match::RuleSet>> CompilePolicy(
    const std::vector<rules::PolicySource>& layers);

// ConfiguredLayers() then CompilePolicy().
Result<std::unique_ptr<match::RuleSet>> LoadConfiguredPolicy(
    const std::vector<std::string>& config_flags);

}  // namespace pushguard::cli

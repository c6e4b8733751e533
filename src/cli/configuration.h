// Builds the effective, compiled policy from the layers an administrator
// configures: the embedded default, every *.yaml in /etc/pushguard/ (or
// $PUSHGUARD_SYSTEM_CONFIG_DIR), the policy repository's *.yaml files when
// the system layer names one (cli/policy_repository.h), the ':'-separated
// files in $PUSHGUARD_CONFIG, then --config files, and in hook mode the
// repository's own file (<git dir>/pushguard.yaml) last.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "cli/policy_repository.h"
#include "config/compiled_config.h"
#include "match/matcher.h"
#include "policy/push_policies.h"
#include "rules/loader.h"

namespace pushguard::cli {

inline constexpr char kDefaultSystemConfigDir[] = "/etc/pushguard";
// The per-repository layer, inside the (bare) repository's git dir on the
// server: administrators write it, pushes cannot (it is not in the tree).
inline constexpr char kRepositoryPolicyFile[] = "pushguard.yaml";

// Appends <git_dir>/pushguard.yaml to *layers when it exists; an error when
// it exists but cannot be read (or is writable by anyone).
Status AddRepositoryLayer(const std::string& git_dir,
                          std::vector<rules::PolicySource>* layers);

// Opens the repository at `dir` (a bare repository or a clone) and appends
// its git dir's pushguard.yaml to *layers as AddRepositoryLayer() does.
// Returns the git dir (no trailing '/'), or why the repository or its file
// could not be read.
Result<std::string> AddRepositoryLayerOf(
    const std::string& dir, std::vector<rules::PolicySource>* layers);

using config::CompiledConfig;

// config::CompileConfiguration() with the cache directory the environment
// names (the user runs pushguard: a client hook, scan, policy show), for
// callers that only want the message (the first form) or also each problem.
Result<CompiledConfig> CompileConfiguration(
    const std::vector<rules::PolicySource>& layers);
Result<CompiledConfig> CompileConfiguration(
    const std::vector<rules::PolicySource>& layers,
    std::vector<rules::Diagnostic>* problems);

// The configured layers (embedded default first, the policy repository's
// after the system directory's), or the first file (or the policy
// repository) that could not be read. `git_dir` is the repository the
// command is about ("" if none); *policy_repository, when given, says which
// policy repository commit was read.
Result<std::vector<rules::PolicySource>> ConfiguredLayers(
    const std::vector<std::string>& config_flags,
    const std::string& git_dir = "",
    PolicyRepositoryState* policy_repository = nullptr);

// ConfiguredLayers() then CompileConfiguration(). On any problem returns
// Config with every problem, one per line ("file:line: rule 'id': field:
// problem").
Result<CompiledConfig> LoadConfiguredPolicy(
    const std::vector<std::string>& config_flags);

}  // namespace pushguard::cli

// Where the hook (`pushguard pre-receive`) takes its configuration from,
// and which settings are in force when that configuration is broken.
//
// Trust: the hook runs in an environment that the Git server builds, and on
// some transports partly the pusher (file:// and local paths: everything;
// SSH: whatever sshd's AcceptEnv lets through). So by default the hook reads
// its configuration only from places a pusher cannot control: the embedded
// default, /etc/pushguard/*.yaml, the --config files named by the installed
// hook script, and <git dir>/pushguard.yaml. The variables PUSHGUARD_CONFIG,
// PUSHGUARD_SYSTEM_CONFIG_DIR, PUSHGUARD_AUDIT_FILE and
// PUSHGUARD_AUDIT_SYSLOG_SOCKET are read only when the hook script passes
// --trust-env (`pushguard install --trust-env`): the administrator vouches
// that the server sets them and clients cannot.
//
// Broken configuration: a layer that cannot be read or has any problem can
// neither relax on_error nor redirect the audit record. The settings in
// force (on_error, limits.on_timeout, audit) are those of the layers before
// the first broken one, in layer order.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "cli/configuration.h"
#include "cli/policy_repository.h"
#include "rules/loader.h"
#include "rules/policy.h"

namespace pushguard::cli {

// The hook's own environment variables, read only with --trust-env.
inline constexpr const char* kHookEnvironment[] = {
    "PUSHGUARD_CONFIG", "PUSHGUARD_SYSTEM_CONFIG_DIR", "PUSHGUARD_AUDIT_FILE",
    "PUSHGUARD_AUDIT_SYSLOG_SOCKET", "PUSHGUARD_CACHE_DIR"};

struct HookConfig {
  // Every layer that could be read, in order (the repository's file last).
  std::vector<rules::PolicySource> layers;
  // The compiled configuration, or why it could not be built.
  Result<CompiledConfig> compiled = Status::Internal("not loaded");
  // compiled's settings; when it failed, those of the layers before the
  // first broken one (the embedded default if that is the first).
  rules::Settings settings;
  // PUSHGUARD_* variables that were set but ignored (no --trust-env).
  std::vector<std::string> ignored_env;
  // The policy repository, if one is configured: the commit the policy was
  // read from, and its layers' place in `layers`.
  PolicyRepositoryState policy_repository;
};

// Reads and compiles the hook's layers: the embedded default, every *.yaml
// in the system directory, the policy repository's files (if the system
// layer names one), `config_flags`, and <git_dir>/pushguard.yaml. In the
// policy repository itself, a current policy that cannot be read or is
// broken is left out with a warning (policy_repository.warnings), so that a
// push can repair it.
// With `trust_env`, also honours PUSHGUARD_SYSTEM_CONFIG_DIR and the files
// in PUSHGUARD_CONFIG (before `config_flags`). Never fails: problems are in
// `compiled`.
HookConfig LoadHookConfig(const std::vector<std::string>& config_flags,
                          const std::string& git_dir, bool trust_env);

// The settings of layers[0, count): what is in force when layer `count` is
// the first broken one.
rules::Settings SettingsBefore(const std::vector<rules::PolicySource>& layers,
                               size_t count);

// The index of the first layer that any of `problems` is in; a problem
// naming no layer counts as the first layer's.
size_t FirstBrokenLayer(const std::vector<rules::PolicySource>& layers,
                        const std::vector<rules::Diagnostic>& problems);

}  // namespace pushguard::cli

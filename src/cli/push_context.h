// What the hook knows about a push besides its ref updates: who pushes to
// which repository (identity/), the push options git passes on, and how to
// tell the pusher about configuration changes that were ignored. Shared by
// `pre-receive` and its `--dry-run`.
#pragma once

#include <string>
#include <vector>

#include "base/finding.h"
#include "base/status.h"
#include "cli/options.h"
#include "policy/push_policies.h"
#include "rules/policy.h"

namespace pushguard::cli {

// All of stdin (the hooks' ref lines), at most 64 MiB: InvalidArgument
// beyond, Io on a read error.
Result<std::string> ReadStdin();

// GIT_PUSH_OPTION_0 .. GIT_PUSH_OPTION_<GIT_PUSH_OPTION_COUNT - 1>. git sets
// them only when the server has receive.advertisePushOptions=true.
std::vector<std::string> HookPushOptions();

// The hook's context: identity from the server's environment, push options.
policy::PushContext HookContext();

// Appends a notice for every change to a mandatory policy that a layer
// tried to make and that was ignored (CompiledConfig::ignored).
void AddIgnoredNotices(const std::vector<rules::Diagnostic>& ignored,
                       Decision* decision);

// The options of `pushguard pre-receive`, hook mode and --dry-run.
const std::vector<OptionSpec>& PreReceiveOptions();

// `pushguard pre-receive --dry-run --repo DIR [--user U] [--repo-name N]
// [--push-option O]... [--config F]...`: evaluates the ref updates on stdin
// against DIR as the hook would (with DIR's own pushguard.yaml), prints what
// would happen, writes no audit record, and exits as the hook would.
int DryRun(const ParsedOptions& options);

}  // namespace pushguard::cli

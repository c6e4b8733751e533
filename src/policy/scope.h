// Where a push policy applies and how strongly: its scope (repository and
// ref globs, exempt users) and its mode, possibly refined per scope.
#pragma once

#include <string>

#include "base/finding.h"
#include "policy/push_policies.h"
#include "rules/push_policy.h"

namespace pushguard::policy {

// Repository globs follow the one naming rule (base/repository_name.h):
// the name the server gives, or trailing components of the git dir's path
// ("group/app" names /srv/git/group/app.git). Empty glob list: every
// repository.
bool RepositoryMatches(const std::vector<std::string>& globs,
                       const std::string& repository);
// Ref globs match full ref names (refs/heads/**). Empty: every ref.
bool RefMatches(const std::vector<std::string>& globs, const std::string& ref);

// The policy applies to `ref` in this push: repository and ref in scope, and
// the pusher not exempt. `ref` "" skips the ref test.
bool Applies(const rules::PushPolicy& policy, const PushContext& context,
             const std::string& ref);

// The first `modes:` entry matching the repository and ref, else the
// policy's own mode.
rules::Mode ModeFor(const rules::PushPolicy& policy, const PushContext& context,
                    const std::string& ref);

// The severity a finding in `mode` gets: enforce blocks, warn warns,
// evaluate is information only.
Severity SeverityOf(rules::Mode mode);

// A finding of kind "policy" for `policy` in its mode for `ref`.
// `message` says what is wrong and what to change.
Finding PolicyFinding(const rules::PushPolicy& policy,
                      const PushContext& context, const std::string& ref,
                      const std::string& commit, const std::string& path,
                      const std::string& message);

}  // namespace pushguard::policy

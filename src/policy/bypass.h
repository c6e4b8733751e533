// Pushing past a policy on purpose: `git push -o pushguard.bypass="<reason>"`
// (optionally `-o pushguard.bypass.rule=<id>`, repeatable) lets a user on a
// policy's bypass list push although the policy blocks, if the policy is
// bypassable. The reason is required. Secret rules cannot be bypassed (a
// pushed secret is leaked whatever the reason). Every honoured bypass is
// recorded in Decision::bypasses, hence in the audit log.
#pragma once

#include <string>
#include <vector>

#include "base/finding.h"
#include "policy/push_policies.h"

namespace pushguard::policy {

struct BypassRequest {
  bool requested = false;
  std::string reason;              // trimmed; "" = none given
  std::vector<std::string> rules;  // empty: every blocking policy
};

// Reads pushguard.bypass[=reason] and pushguard.bypass.rule=<id> from the
// push options; other options are ignored.
BypassRequest ParseBypassOptions(const std::vector<std::string>& options);

// When the push asks for a bypass: if every blocking finding is a policy
// the pusher may bypass, downgrades them to warnings and records one Bypass
// per ref; otherwise changes nothing but explains, in decision->notices, why
// the bypass was refused. When it does not ask and the pusher is on the
// bypass list of a blocking policy, a notice tells them they may bypass it
// and how.
void ApplyBypass(const PushPolicies& policies, const PushContext& context,
                 Decision* decision);

}  // namespace pushguard::policy

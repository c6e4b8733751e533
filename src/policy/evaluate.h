// Turns a push (or a revision range) into a Decision: collects what it
// introduces, scans it, and applies the policy's verdict rules.
#pragma once

#include <string>
#include <vector>

#include "base/finding.h"
#include "git/repository.h"
#include "match/matcher.h"
#include "policy/push_policies.h"
#include "refs/ref_update.h"
#include "rules/policy.h"

namespace pushguard::policy {

// Hook mode: every ref update of the push. Uses the quarantine (when there is
// one) to scan only objects that are new to the repository; then checks the
// push policies that apply to `context` (push_policies.h) and honours a
// bypass the pusher asked for and may use (bypass.h). `settings` decide
// the verdict (on_error, limits, marker_bypass); `rules` only match.
Decision EvaluatePush(const git::Repository& repo,
                      const std::vector<refs::RefUpdate>& updates,
                      const match::RuleSet& rules, const PushPolicies& policies,
                      const rules::Settings& settings,
                      const PushContext& context);

// Scan mode (also the client hooks): the commits `git rev-list REVS` lists,
// reported under ref "". Every inline allow marker is honoured, whereas
// EvaluatePush() honours them only as settings.marker_bypass says
// (policy/markers.h). With `tolerate_missing_blobs` (`pushguard scan` of a
// partial clone), blobs the store lacks are listed in
// Decision::missing_objects and the rest is scanned; without it a missing
// blob is an error.
Decision EvaluateRevisions(const git::Repository& repo,
                           const std::vector<std::string>& revs,
                           const match::RuleSet& rules,
                           const rules::Settings& settings,
                           bool tolerate_missing_blobs = false);

// Sets decision->accepted: false when a finding blocks, or when the guard
// failed (decision->error) and the policy says on_error: reject.
void ApplyVerdict(const rules::Settings& settings, Decision* decision);

// `pushguard scan`'s verdict on a decision ApplyVerdict() made: a scan is a
// report, not a gate, so on_error and on_timeout (which may accept a push
// the guard could not check) do not apply: an error refuses (README, "Exit
// codes": a scan that failed exits 2, its JSON verdict is "reject").
void ApplyScanVerdict(Decision* decision);

}  // namespace pushguard::policy

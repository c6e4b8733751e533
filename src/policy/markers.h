// Inline allow markers (`# pushguard:allow` on a secret's line) are written
// by whoever commits, so they cannot be trusted where the guard enforces.
// On a developer's machine (client hooks, `scan`) every marker lets its
// finding through; in the server hook only as settings.marker_bypass allows,
// and each marker honoured there is an audited bypass.
#pragma once

#include "base/finding.h"
#include "policy/push_policies.h"
#include "rules/policy.h"

namespace pushguard::policy {

// Decides every finding that carries an inline marker (Finding::allowed_by).
// `hook` is the push's context in the server hook, nullptr on the client.
//
// Honoured: the finding becomes kInfo (logged, never blocking) and keeps
// allowed_by and marker_line; in the hook a Bypass of kind kInlineMarker
// naming the pusher, rule, fingerprint, path and marker line is added to
// decision->bypasses. In the hook a marker is honoured only when
// `settings.enabled`, the pusher is in `settings.users` (if set) and the
// finding's mode is in `settings.modes` (if set).
//
// Not honoured: allowed_by and marker_line are cleared, the finding keeps
// its severity, and (unless it is an evaluate-mode finding, which the pusher
// never sees) decision->notices says why the marker was ignored.
void ApplyInlineMarkers(const rules::MarkerBypass& settings,
                        const PushContext* hook, Decision* decision);

}  // namespace pushguard::policy

// Malformed trees as findings. A tree git's fsck refuses (git/tree_check.h)
// is attacker input, not a failure of the guard: it is a blocking policy
// finding that no mode, scope, on_error setting or bypass turns off, so the
// push is rejected even with on_error: accept.
#pragma once

#include <string>

#include "base/finding.h"
#include "git/tree_check.h"

namespace pushguard::policy {

inline constexpr char kMalformedTreeRule[] = "malformed-tree";

// A blocking finding for `tree`, brought by `commit` (or tag) on `ref`:
// path is the entry's path, message "tree <oid>: <problem>".
Finding MalformedTreeFinding(const git::MalformedTree& tree,
                             const std::string& ref, const std::string& commit);

}  // namespace pushguard::policy

// Settings of git itself that the guard relies on or recommends.
#pragma once

#include "base/status.h"
#include "git/repository.h"

namespace pushguard::git {

// Whether git checks pushed objects itself (git fsck's rules) before the
// hook runs: receive.fsckObjects, or transfer.fsckObjects when that is
// unset, as the repository's config, the user's and the system's give it.
// False when neither is set (git's default).
Result<bool> ReceiveChecksObjects(const Repository& repo);

}  // namespace pushguard::git

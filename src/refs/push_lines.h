// Parsing the client-side pre-push hook's stdin (githooks(5)): one
// "<local ref> SP <local oid> SP <remote ref> SP <remote oid> LF" line per
// ref being pushed. What the commits to check are is git/worktree.h's.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace pushguard::refs {

struct PushLine {
  std::string local_oid;   // "" or all zeros: the remote ref is deleted
  std::string remote_oid;  // "" or all zeros: the remote ref does not exist
};

// Every non-empty line of `input`, in order. A line without exactly four
// whitespace-separated fields is InvalidArgument "stdin:<line>: expected
// '<local ref> <local oid> <remote ref> <remote oid>'". Empty input gives no
// lines (git pushes nothing, or the hook runs without stdin).
Result<std::vector<PushLine>> ParsePushLines(const std::string& input);

}  // namespace pushguard::refs

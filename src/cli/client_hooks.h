// What `pushguard pre-commit` and `pushguard pre-push` share: the developer's
// repository opened the way a client-side hook sees it, and the report and
// exit code, worded for the developer. Same rules and messages as the server.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/finding.h"
#include "base/status.h"
#include "git/repository.h"
#include "report/text.h"

namespace pushguard::cli {

// Opens the repository a client-side hook runs in: $GIT_DIR, or the one
// containing the current directory. GIT_WORK_TREE and GIT_COMMON_DIR (which
// libgit2 1.5 refuses) and GIT_QUARANTINE_PATH are dropped first: a client
// hook reads only the git dir, the object store and the index.
Result<std::unique_ptr<git::Repository>> OpenClientRepository();

// Prints `decision` for the developer (stderr) and returns its exit code
// (ExitCode, cli/commands.h): 0 nothing blocks, 1 a secret blocks, 2 the
// check failed (and the policy says on_error: reject).
int ConcludeClientCheck(const Decision& decision, report::Stage stage,
                        size_t max_findings);

// Prints "pushguard <command>: <message>" and returns the error exit code.
int ClientError(const std::string& command, const Status& status);

}  // namespace pushguard::cli

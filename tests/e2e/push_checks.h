// Assertions shared by the end-to-end cases: what an accepted or rejected
// push looks like, and how a finding must show an AWS key.
#pragma once

#include <string>
#include <vector>

#include "git_fixture.h"

namespace pushguard::e2e {

bool Contains(const std::string& haystack, const std::string& needle);

// config/prod.env with `key` on line 3, column 8.
std::string ProdEnv(const std::string& key);

void CheckAccepted(const CommandResult& push);

// Rejected by the hook, and no ref of the bare repository moved since
// `refs_before` (a GitFixture::BareRefs() snapshot).
void CheckRejected(const GitFixture& git, const CommandResult& push,
                   const std::string& refs_before);

// `output` names [aws-access-key-id] and shows `key` only redacted.
void CheckRedactedAwsFinding(const std::string& output, const std::string& key);

// Commits README.md and pushes it to main (REQUIREs success); returns its oid.
std::string PushCleanMain(GitFixture& git);

// `git checkout -q ARGS` in the working clone (REQUIREs success).
void Checkout(const GitFixture& git, const std::vector<std::string>& args);

}  // namespace pushguard::e2e

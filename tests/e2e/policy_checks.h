// Helpers for the end-to-end tests of push policies: where policy layers go,
// pushes with push options, and what a policy rejection must show.
#pragma once

#include <string>
#include <vector>

#include "push_checks.h"

namespace pushguard::e2e {

// Writes the organisation layer: <fixture>/etc-pushguard/org.yaml (the
// system config dir). Returns its path.
std::string SetOrgPolicy(const GitFixture& git, const std::string& yaml);

// Writes the repository layer: server.git/pushguard.yaml. Returns its path.
std::string SetRepoPolicy(const GitFixture& git, const std::string& yaml);

// Lets the server accept push options (receive.advertisePushOptions).
void AllowPushOptions(const GitFixture& git);

// `git push -o OPT... origin REFSPEC`.
CommandResult PushWithOptions(const GitFixture& git,
                              const std::vector<std::string>& options,
                              const std::string& refspec);

// Rejected, no ref moved, and the output names [rule], the commit (when
// given, by its 12-digit prefix) and `what` (the problem or the fix).
void CheckPolicyRejection(const GitFixture& git, const CommandResult& push,
                          const std::string& refs_before,
                          const std::string& rule, const std::string& commit,
                          const std::string& what);

// The last line of the audit log.
std::string LastAuditRecord(const GitFixture& git);

}  // namespace pushguard::e2e

// The hook's audit trail: gathers what one `pushguard pre-receive` run knows
// (who, where, which refs, which policy) and writes one audit record for
// its decision, whatever path the run took (accept, reject, error).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "audit/record.h"
#include "base/finding.h"
#include "match/matcher.h"
#include "refs/ref_update.h"
#include "rules/loader.h"
#include "rules/policy.h"

namespace pushguard::cli {

// audit::PolicyHash of the configuration layers.
std::string PolicyHash(const std::vector<rules::PolicySource>& layers);

class HookAudit {
 public:
  // Starts the clock and reads the pusher's identity from the environment.
  // With `trust_env`, PUSHGUARD_AUDIT_FILE and PUSHGUARD_AUDIT_SYSLOG_SOCKET
  // override the policy's audit settings (cli/hook_config.h); an empty
  // PUSHGUARD_AUDIT_FILE writes no file.
  explicit HookAudit(bool trust_env);

  // The policy in effect. Until called, the defaults (and, trusted,
  // $PUSHGUARD_AUDIT_FILE) decide where records go.
  void UsePolicy(const rules::AuditSettings& settings,
                 const std::string& policy_hash);

  // The policy repository's commit the decision was judged by ("" if no
  // policy repository was read).
  void UsePolicyCommit(const std::string& commit) {
    record_.policy_commit = commit;
  }

  // Records the ref updates, an update as "force" where `forced` (one per
  // update, Decision::forced; missing entries are plain updates) says it
  // drops commits. A ref name holding a secret that `rules` find is
  // recorded redacted.
  void SetRefs(const std::vector<refs::RefUpdate>& updates,
               const std::vector<bool>& forced, const match::RuleSet& rules);

  // Writes the record of `decision`. Returns the sinks' failure, if any.
  Status Write(const Decision& decision);

  // The policy says a record that cannot be written rejects the push.
  bool required() const { return settings_.required; }

 private:
  std::chrono::steady_clock::time_point start_;
  audit::AuditRecord record_;
  rules::AuditSettings settings_;
  bool trust_env_;
};

}  // namespace pushguard::cli

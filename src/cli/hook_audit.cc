#include "cli/hook_audit.h"

#include <cstdlib>

#include "audit/policy_hash.h"
#include "audit/timestamp.h"
#include "base/sha256.h"
#include "cli/commands.h"
#include "identity/pusher.h"
#include "policy/text_scan.h"

namespace pushguard::cli {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

std::string PolicyHash(const std::vector<rules::PolicySource>& layers) {
  std::vector<std::string> digests;
  digests.reserve(layers.size());  // the views below point into it
  std::vector<audit::PolicyLayerDigest> named;
  for (const rules::PolicySource& layer : layers) {
    digests.push_back(rules::LayerDigest(layer));
    named.push_back({layer.name, digests.back()});
  }
  return audit::PolicyHash(named);
}

HookAudit::HookAudit(bool trust_env)
    : start_(std::chrono::steady_clock::now()), trust_env_(trust_env) {
  identity::PushIdentity who = identity::IdentifyHookPush();
  record_.time_ms = audit::NowMillis();
  record_.push_id = audit::NewPushId();
  record_.node = audit::NodeName();
  record_.repository = who.repository;
  record_.user = who.user;
  record_.user_source = who.user_source;
  record_.protocol = who.protocol;
  record_.server = who.server;
  record_.pushguard_version = kVersion;
}

void HookAudit::UsePolicy(const rules::AuditSettings& settings,
                          const std::string& policy_hash) {
  settings_ = settings;
  record_.policy_hash = policy_hash;
}

void HookAudit::SetRefs(const std::vector<refs::RefUpdate>& updates,
                        const std::vector<bool>& forced,
                        const match::RuleSet& rules) {
  match::Scanner scanner(rules);
  record_.refs.clear();
  for (size_t i = 0; i < updates.size(); ++i) {
    const refs::RefUpdate& u = updates[i];
    std::string change = refs::RefChangeName(u.change);
    if (u.change == refs::RefChange::kUpdate && i < forced.size() &&
        forced[i]) {
      change = "force";
    }
    record_.refs.push_back(
        {policy::RedactSecrets(scanner, u.ref), u.old_oid, u.new_oid, change});
  }
}

Status HookAudit::Write(const Decision& decision) {
  audit::RecordDecision(decision, &record_);
  record_.elapsed_ms = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - start_)
          .count());
  audit::AuditConfig config;
  config.file = settings_.file;
  config.syslog = settings_.syslog;
  // Set and empty, it disables the file sink (as audit.file: "" does).
  if (const char* file = std::getenv("PUSHGUARD_AUDIT_FILE");
      trust_env_ && file != nullptr) {
    config.file = file;
  }
  if (std::string socket = Env("PUSHGUARD_AUDIT_SYSLOG_SOCKET");
      trust_env_ && !socket.empty()) {
    config.syslog_socket = socket;
  }
  audit::AuditLog log(config);
  return log.Write(record_);
}

}  // namespace pushguard::cli

#include "policy/scope.h"

#include "base/repository_name.h"
#include "base/strings.h"

namespace pushguard::policy {

bool RepositoryMatches(const std::vector<std::string>& globs,
                       const std::string& repository) {
  if (globs.empty()) return true;
  for (const std::string& glob : globs) {
    if (RepositoryGlobMatch(glob, repository)) return true;
  }
  return false;
}

bool RefMatches(const std::vector<std::string>& globs, const std::string& ref) {
  if (globs.empty()) return true;
  for (const std::string& glob : globs) {
    if (GlobMatch(glob, ref)) return true;
  }
  return false;
}

bool Applies(const rules::PushPolicy& policy, const PushContext& context,
             const std::string& ref) {
  for (const std::string& user : policy.scope.exempt_users) {
    if (user == context.user) return false;
  }
  if (!RepositoryMatches(policy.scope.repos, context.repository)) return false;
  return ref.empty() || RefMatches(policy.scope.refs, ref);
}

rules::Mode ModeFor(const rules::PushPolicy& policy, const PushContext& context,
                    const std::string& ref) {
  for (const rules::ScopedMode& m : policy.modes) {
    if (RepositoryMatches(m.repos, context.repository) &&
        RefMatches(m.refs, ref)) {
      return m.mode;
    }
  }
  return policy.mode;
}

Severity SeverityOf(rules::Mode mode) {
  switch (mode) {
    case rules::Mode::kEnforce:
      return Severity::kBlock;
    case rules::Mode::kWarn:
      return Severity::kWarn;
    case rules::Mode::kEvaluate:
      return Severity::kInfo;
  }
  return Severity::kBlock;
}

Finding PolicyFinding(const rules::PushPolicy& policy,
                      const PushContext& context, const std::string& ref,
                      const std::string& commit, const std::string& path,
                      const std::string& message) {
  Finding f;
  f.kind = "policy";
  f.rule = policy.id;
  f.description = policy.description;
  f.severity = SeverityOf(ModeFor(policy, context, ref));
  f.ref = ref;
  f.commit = commit;
  f.path = path;
  f.message = message;
  f.remediation = policy.remediation;
  return f;
}

}  // namespace pushguard::policy

#include "audit/query.h"

#include <algorithm>
#include <cstring>

#include "base/repository_name.h"
#include "base/strings.h"

namespace pushguard::audit {
namespace {

bool RefMatches(const std::string& pattern, const std::string& ref) {
  if (GlobMatch(pattern, ref)) return true;
  for (const char* prefix : {"refs/heads/", "refs/tags/"}) {
    if (StartsWith(ref, prefix) &&
        GlobMatch(pattern, std::string_view(ref).substr(std::strlen(prefix)))) {
      return true;
    }
  }
  return false;
}

bool RuleMatches(const AuditRecord& r, const std::string& pattern) {
  for (const FindingRecord& f : r.findings) {
    if (GlobMatch(pattern, f.rule)) return true;
  }
  for (const Bypass& b : r.bypasses) {
    for (const std::string& rule : b.rules) {
      if (GlobMatch(pattern, rule)) return true;
    }
  }
  return false;
}

}  // namespace

bool Matches(const AuditRecord& r, const Filter& f) {
  if (f.since && r.time_ms < *f.since) return false;
  if (f.until && r.time_ms >= *f.until) return false;
  if (!f.repository.empty() &&
      !RepositoryGlobMatch(f.repository, r.repository)) {
    return false;
  }
  if (!f.user.empty() && !GlobMatch(f.user, r.user)) return false;
  if (!f.node.empty() && !GlobMatch(f.node, r.node)) return false;
  if (!f.verdict.empty() && r.verdict != f.verdict) return false;
  if (f.bypassed && r.bypasses.empty()) return false;
  if (!f.rule.empty() && !RuleMatches(r, f.rule)) return false;
  if (!f.ref.empty() &&
      std::none_of(r.refs.begin(), r.refs.end(), [&](const RefUpdateRecord& u) {
        return RefMatches(f.ref, u.ref);
      })) {
    return false;
  }
  return true;
}

}  // namespace pushguard::audit

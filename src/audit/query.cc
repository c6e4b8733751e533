#include "audit/query.h"

#include <algorithm>
#include <cstring>
#include <set>

#include "audit/log_files.h"
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
  if (!f.repository.empty() && !GlobMatch(f.repository, r.repository)) {
    return false;
  }
  if (!f.user.empty() && !GlobMatch(f.user, r.user)) return false;
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

Result<LoadedLog> LoadLog(const std::vector<std::string>& current_files,
                          bool rotated, const Filter& filter) {
  LoadedLog log;
  std::set<std::string> seen;
  for (const std::string& current : current_files) {
    std::vector<std::string> files =
        rotated ? RotatedLogFiles(current) : std::vector<std::string>{current};
    for (const std::string& file : files) {
      Status s = ReadLines(file, [&](std::string_view line) {
        if (Trim(line).empty()) return;
        Result<AuditRecord> record = ParseRecord(line);
        if (!record.ok()) {
          ++log.malformed;
          return;
        }
        if (!record->push_id.empty() && !seen.insert(record->push_id).second) {
          ++log.duplicates;
          return;
        }
        if (Matches(*record, filter)) log.records.push_back(std::move(*record));
      });
      if (s.code() == Status::Code::kNotFound && file == current) continue;
      if (!s.ok()) return s;
      log.files.push_back(file);
    }
  }
  std::stable_sort(log.records.begin(), log.records.end(),
                   [](const AuditRecord& a, const AuditRecord& b) {
                     return a.time_ms < b.time_ms;
                   });
  return log;
}

}  // namespace pushguard::audit

// The summary behind `pushguard log --stats` and the HTML report: what was
// blocked, warned about and bypassed, for whom and why, what failed, and how
// often each rule in evaluate mode would have blocked (to decide when to
// enforce it). Built one record at a time (StatsBuilder), in memory that
// grows with the distinct rules, repositories, users and days, not with the
// number of records.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "audit/record.h"

namespace pushguard::audit {

struct Tally {
  std::string key;
  uint64_t count = 0;
};

struct DayTally {
  std::string day;  // YYYY-MM-DD (UTC)
  uint64_t accepted = 0;
  uint64_t rejected = 0;
  uint64_t errors = 0;
};

// One evaluate-mode rule: how often it would have blocked.
struct EvaluateHits {
  std::string rule;
  uint64_t findings = 0;
  uint64_t pushes = 0;
  uint64_t repositories = 0;  // distinct
  uint64_t users = 0;         // distinct
  int64_t first_ms = 0;
  int64_t last_ms = 0;
};

struct BypassEntry {
  int64_t time_ms = 0;
  std::string user;
  std::string repository;
  std::string rules;  // comma-separated
  std::string reason;
};

struct LogStats {
  uint64_t pushes = 0;
  uint64_t accepted = 0;
  uint64_t rejected = 0;
  uint64_t errors = 0;
  uint64_t warned = 0;    // accepted pushes with warn-mode findings
  uint64_t bypassed = 0;  // pushes with at least one bypass
  int64_t first_ms = 0;
  int64_t last_ms = 0;
  // Rejected pushes counted per blocking rule, repository, user; most first.
  std::vector<Tally> rejections_by_rule;
  std::vector<Tally> rejections_by_repository;
  std::vector<Tally> rejections_by_user;
  // Pushes with warn-mode findings (let through, the pusher warned), per
  // warning rule, repository, user; most first.
  std::vector<Tally> warnings_by_rule;
  std::vector<Tally> warnings_by_repository;
  std::vector<Tally> warnings_by_user;
  // Audited bypasses (each bypass of a push) per bypassed rule ("*": all),
  // repository and bypassing user; most first.
  std::vector<Tally> bypasses_by_rule;
  std::vector<Tally> bypasses_by_repository;
  std::vector<Tally> bypasses_by_user;
  std::vector<DayTally> days;  // every day from first to last, oldest first
  std::vector<BypassEntry> bypasses;  // the kMaxBypassEntries most recent
  std::vector<Tally> errors_by_message;
  std::vector<EvaluateHits> evaluate;  // most findings first
  // Per policy version, the pushes judged and the rejected ones: the policy
  // repository's commit (policy_commit), or the configuration's hash
  // (policy_hash, "hash:..." prefixed) for records without one; most first.
  std::vector<Tally> pushes_by_policy;
  std::vector<Tally> rejections_by_policy;
};

inline constexpr size_t kMaxDays = 366;
inline constexpr size_t kMaxBypassEntries = 200;
// errors_by_message keeps this many distinct messages; later new ones are
// counted under kOtherErrors.
inline constexpr size_t kMaxErrorMessages = 10000;
inline constexpr char kOtherErrors[] = "(other errors)";

// Adds records one at a time (in any order), then summarises. Days are
// filled in between the first and last record (at most kMaxDays, the most
// recent ones) so a chart has no holes.
class StatsBuilder {
 public:
  StatsBuilder();
  ~StatsBuilder();
  void Add(const AuditRecord& record);
  LogStats Finish() const;

 private:
  struct Counts;
  std::unique_ptr<Counts> counts_;
};

// The same for records already in memory, oldest first.
LogStats ComputeStats(const std::vector<AuditRecord>& records);

}  // namespace pushguard::audit

// The summary behind `pushguard log --stats` and the HTML report: what was
// blocked, for whom and why, who bypassed what, what failed, and how often
// each rule in evaluate mode would have blocked (to decide when to enforce
// it).
#pragma once

#include <cstdint>
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
  std::vector<DayTally> days;  // every day from first to last, oldest first
  std::vector<BypassEntry> bypasses;
  std::vector<Tally> errors_by_message;
  std::vector<EvaluateHits> evaluate;  // most findings first
};

// `records` oldest first. Days are filled in between the first and last
// record (at most kMaxDays, the most recent ones) so a chart has no holes.
LogStats ComputeStats(const std::vector<AuditRecord>& records);

inline constexpr size_t kMaxDays = 366;

}  // namespace pushguard::audit

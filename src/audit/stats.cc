#include "audit/stats.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "audit/timestamp.h"

namespace pushguard::audit {
namespace {

constexpr int64_t kDayMs = 86400 * 1000LL;

using CountMap = std::unordered_map<std::string, uint64_t>;

void Bump(CountMap* counts, const std::string& key) {
  auto it = counts->find(key);
  if (it == counts->end()) {
    counts->emplace(key, 1);
  } else {
    ++it->second;
  }
}

// Most first; equal counts by key, so the output does not depend on hashing.
std::vector<Tally> Sorted(const CountMap& counts) {
  std::vector<Tally> out;
  for (const auto& [key, count] : counts) out.push_back({key, count});
  std::sort(out.begin(), out.end(), [](const Tally& a, const Tally& b) {
    return a.count != b.count ? a.count > b.count : a.key < b.key;
  });
  return out;
}

struct EvaluateAccumulator {
  uint64_t findings = 0;
  uint64_t pushes = 0;
  std::set<std::string> repositories;
  std::set<std::string> users;
  int64_t first_ms = 0;
  int64_t last_ms = 0;
};

int64_t FloorDay(int64_t ms) { return ms - ((ms % kDayMs) + kDayMs) % kDayMs; }

std::string JoinRules(const Bypass& b) {
  std::string out;
  for (const std::string& rule : b.rules) {
    if (!out.empty()) out += ",";
    out += rule;
  }
  return out.empty() ? "*" : out;
}

// The distinct rules of the findings that pass `keep`, in a reused vector.
template <typename F>
const std::vector<const std::string*>& DistinctRules(
    const AuditRecord& r, F&& keep, std::vector<const std::string*>* rules) {
  rules->clear();
  for (const FindingRecord& f : r.findings) {
    if (keep(f)) rules->push_back(&f.rule);
  }
  std::sort(rules->begin(), rules->end(),
            [](const std::string* a, const std::string* b) { return *a < *b; });
  rules->erase(std::unique(rules->begin(), rules->end(),
                           [](const std::string* a, const std::string* b) {
                             return *a == *b;
                           }),
               rules->end());
  return *rules;
}

}  // namespace

struct StatsBuilder::Counts {
  LogStats totals;
  CountMap by_rule, by_repo, by_user, errors;
  CountMap warn_rule, warn_repo, warn_user;
  CountMap bypass_rule, bypass_repo, bypass_user;
  CountMap policy_pushes, policy_rejections;
  std::map<int64_t, DayTally> days;  // by the day's first millisecond
  std::map<std::string, EvaluateAccumulator> evaluate;
  std::deque<BypassEntry> recent_bypasses;  // oldest first
  std::vector<const std::string*> rules;    // scratch

  void Decision(const AuditRecord& r, DayTally& day);
  void Evaluate(const AuditRecord& r);
  void Bypasses(const AuditRecord& r);
};

void StatsBuilder::Counts::Decision(const AuditRecord& r, DayTally& day) {
  LogStats& s = totals;
  if (r.verdict == "error") {
    ++s.errors;
    ++day.errors;
    // Error messages may name objects or paths: bounded, past that "other".
    Bump(&errors, errors.size() < kMaxErrorMessages || errors.count(r.error)
                      ? r.error
                      : std::string(kOtherErrors));
    return;
  }
  if (r.accepted) {
    ++s.accepted;
    ++day.accepted;
    if (r.warnings > 0) ++s.warned;
  } else {
    ++s.rejected;
    ++day.rejected;
    Bump(&by_repo, r.repository);
    Bump(&by_user, r.user);
    auto blocking = [](const FindingRecord& f) {
      return f.severity == "block";
    };
    for (const std::string* rule : DistinctRules(r, blocking, &rules)) {
      Bump(&by_rule, *rule);
    }
  }
  if (r.warnings == 0) return;
  auto warning = [](const FindingRecord& f) {
    return f.severity == "warn" && f.allowed_by.empty();
  };
  const std::vector<const std::string*>& warned =
      DistinctRules(r, warning, &rules);
  if (warned.empty()) return;
  for (const std::string* rule : warned) Bump(&warn_rule, *rule);
  Bump(&warn_repo, r.repository);
  Bump(&warn_user, r.user);
}

void StatsBuilder::Counts::Evaluate(const AuditRecord& r) {
  if (r.findings.empty()) return;
  auto hit = [](const FindingRecord& f) {
    return f.would_block || f.mode == "evaluate";
  };
  for (const std::string* rule : DistinctRules(r, hit, &rules)) {
    uint64_t count = 0;
    for (const FindingRecord& f : r.findings) {
      if (hit(f) && f.rule == *rule) ++count;
    }
    EvaluateAccumulator& a = evaluate[*rule];
    if (a.pushes == 0 || r.time_ms < a.first_ms) a.first_ms = r.time_ms;
    if (a.pushes == 0 || r.time_ms > a.last_ms) a.last_ms = r.time_ms;
    a.findings += count;
    ++a.pushes;
    a.repositories.insert(r.repository);
    a.users.insert(r.user);
  }
}

void StatsBuilder::Counts::Bypasses(const AuditRecord& r) {
  if (r.bypasses.empty()) return;
  ++totals.bypassed;
  for (const Bypass& b : r.bypasses) {
    const std::string& user = b.user.empty() ? r.user : b.user;
    Bump(&bypass_user, user);
    Bump(&bypass_repo, r.repository);
    if (b.rules.empty()) Bump(&bypass_rule, "*");
    for (const std::string& rule : b.rules) Bump(&bypass_rule, rule);
    recent_bypasses.push_back(
        {r.time_ms, user, r.repository, JoinRules(b), b.reason});
    if (recent_bypasses.size() > 2 * kMaxBypassEntries) {
      // Keep the most recent (records may come in any order).
      std::sort(recent_bypasses.begin(), recent_bypasses.end(),
                [](const BypassEntry& a, const BypassEntry& b) {
                  return a.time_ms < b.time_ms;
                });
      recent_bypasses.erase(recent_bypasses.begin(),
                            recent_bypasses.end() - kMaxBypassEntries);
    }
  }
}

StatsBuilder::StatsBuilder() : counts_(std::make_unique<Counts>()) {}
StatsBuilder::~StatsBuilder() = default;

void StatsBuilder::Add(const AuditRecord& r) {
  LogStats& s = counts_->totals;
  if (s.pushes == 0 || r.time_ms < s.first_ms) s.first_ms = r.time_ms;
  if (s.pushes == 0 || r.time_ms > s.last_ms) s.last_ms = r.time_ms;
  ++s.pushes;
  int64_t day_ms = FloorDay(r.time_ms);
  DayTally& day = counts_->days[day_ms];
  counts_->Decision(r, day);
  // The policy version: the policy repository's commit, else the hash of
  // every layer; records from before either have neither.
  const std::string version = !r.policy_commit.empty() ? r.policy_commit
                              : !r.policy_hash.empty()
                                  ? "hash:" + r.policy_hash
                                  : std::string("(unknown)");
  Bump(&counts_->policy_pushes, version);
  if (!r.accepted && r.verdict != "error") {
    Bump(&counts_->policy_rejections, version);
  }
  counts_->Bypasses(r);
  counts_->Evaluate(r);
}

LogStats StatsBuilder::Finish() const {
  const Counts& c = *counts_;
  LogStats s = c.totals;
  s.rejections_by_rule = Sorted(c.by_rule);
  s.rejections_by_repository = Sorted(c.by_repo);
  s.rejections_by_user = Sorted(c.by_user);
  s.warnings_by_rule = Sorted(c.warn_rule);
  s.warnings_by_repository = Sorted(c.warn_repo);
  s.warnings_by_user = Sorted(c.warn_user);
  s.bypasses_by_rule = Sorted(c.bypass_rule);
  s.bypasses_by_repository = Sorted(c.bypass_repo);
  s.bypasses_by_user = Sorted(c.bypass_user);
  s.errors_by_message = Sorted(c.errors);
  s.pushes_by_policy = Sorted(c.policy_pushes);
  s.rejections_by_policy = Sorted(c.policy_rejections);
  if (!c.days.empty()) {
    int64_t last_day = FloorDay(s.last_ms);
    int64_t first_day =
        std::max(FloorDay(s.first_ms),
                 last_day - static_cast<int64_t>(kMaxDays - 1) * kDayMs);
    for (int64_t t = first_day; t <= last_day; t += kDayMs) {
      auto it = c.days.find(t);
      DayTally d = it != c.days.end() ? it->second : DayTally{};
      d.day = FormatDay(t);
      s.days.push_back(d);
    }
  }
  std::vector<BypassEntry> recent(c.recent_bypasses.begin(),
                                  c.recent_bypasses.end());
  std::stable_sort(recent.begin(), recent.end(),
                   [](const BypassEntry& a, const BypassEntry& b) {
                     return a.time_ms < b.time_ms;
                   });
  if (recent.size() > kMaxBypassEntries) {
    recent.erase(recent.begin(), recent.end() - kMaxBypassEntries);
  }
  s.bypasses = std::move(recent);
  for (const auto& [rule, a] : c.evaluate) {
    s.evaluate.push_back({rule, a.findings, a.pushes, a.repositories.size(),
                          a.users.size(), a.first_ms, a.last_ms});
  }
  std::stable_sort(s.evaluate.begin(), s.evaluate.end(),
                   [](const EvaluateHits& a, const EvaluateHits& b) {
                     return a.findings > b.findings;
                   });
  return s;
}

LogStats ComputeStats(const std::vector<AuditRecord>& records) {
  StatsBuilder builder;
  for (const AuditRecord& r : records) builder.Add(r);
  return builder.Finish();
}

}  // namespace pushguard::audit

#include "audit/stats.h"

#include <algorithm>
#include <map>
#include <set>

#include "audit/timestamp.h"

namespace pushguard::audit {
namespace {

constexpr int64_t kDayMs = 86400 * 1000LL;

std::vector<Tally> Sorted(const std::map<std::string, uint64_t>& counts) {
  std::vector<Tally> out;
  for (const auto& [key, count] : counts) out.push_back({key, count});
  std::stable_sort(out.begin(), out.end(), [](const Tally& a, const Tally& b) {
    return a.count > b.count;
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

void CountEvaluate(const AuditRecord& r,
                   std::map<std::string, EvaluateAccumulator>* by_rule) {
  std::map<std::string, uint64_t> in_push;
  for (const FindingRecord& f : r.findings) {
    if (f.would_block || f.mode == "evaluate") ++in_push[f.rule];
  }
  for (const auto& [rule, count] : in_push) {
    EvaluateAccumulator& a = (*by_rule)[rule];
    if (a.pushes == 0) a.first_ms = r.time_ms;
    a.last_ms = r.time_ms;
    a.findings += count;
    ++a.pushes;
    a.repositories.insert(r.repository);
    a.users.insert(r.user);
  }
}

std::vector<DayTally> FillDays(const std::map<std::string, DayTally>& days,
                               int64_t first_ms, int64_t last_ms) {
  std::vector<DayTally> out;
  if (days.empty()) return out;
  auto floor_day = [](int64_t ms) {
    return ms - ((ms % kDayMs) + kDayMs) % kDayMs;
  };
  int64_t last_day = floor_day(last_ms);
  int64_t first_day =
      std::max(floor_day(first_ms),
               last_day - static_cast<int64_t>(kMaxDays - 1) * kDayMs);
  for (int64_t t = first_day; t <= last_ms && out.size() < kMaxDays;
       t += kDayMs) {
    std::string day = FormatDay(t);
    auto it = days.find(day);
    out.push_back(it != days.end() ? it->second : DayTally{day, 0, 0, 0});
  }
  return out;
}

std::string JoinRules(const Bypass& b) {
  std::string out;
  for (const std::string& rule : b.rules) {
    if (!out.empty()) out += ",";
    out += rule;
  }
  return out.empty() ? "*" : out;
}

}  // namespace

LogStats ComputeStats(const std::vector<AuditRecord>& records) {
  LogStats s;
  std::map<std::string, uint64_t> by_rule, by_repo, by_user, errors;
  std::map<std::string, DayTally> days;
  std::map<std::string, EvaluateAccumulator> evaluate;
  for (const AuditRecord& r : records) {
    if (s.pushes == 0) s.first_ms = r.time_ms;
    s.last_ms = std::max(s.last_ms, r.time_ms);
    ++s.pushes;
    DayTally& day = days[FormatDay(r.time_ms)];
    day.day = FormatDay(r.time_ms);
    if (r.verdict == "error") {
      ++s.errors;
      ++day.errors;
      ++errors[r.error];
    } else if (r.accepted) {
      ++s.accepted;
      ++day.accepted;
      if (r.warnings > 0) ++s.warned;
    } else {
      ++s.rejected;
      ++day.rejected;
      ++by_repo[r.repository];
      ++by_user[r.user];
      std::set<std::string> rules;
      for (const FindingRecord& f : r.findings) {
        if (f.severity == "block") rules.insert(f.rule);
      }
      for (const std::string& rule : rules) ++by_rule[rule];
    }
    if (!r.bypasses.empty()) ++s.bypassed;
    for (const Bypass& b : r.bypasses) {
      s.bypasses.push_back({r.time_ms, b.user.empty() ? r.user : b.user,
                            r.repository, JoinRules(b), b.reason});
    }
    CountEvaluate(r, &evaluate);
  }
  s.rejections_by_rule = Sorted(by_rule);
  s.rejections_by_repository = Sorted(by_repo);
  s.rejections_by_user = Sorted(by_user);
  s.errors_by_message = Sorted(errors);
  s.days = FillDays(days, s.first_ms, s.last_ms);
  for (const auto& [rule, a] : evaluate) {
    s.evaluate.push_back({rule, a.findings, a.pushes, a.repositories.size(),
                          a.users.size(), a.first_ms, a.last_ms});
  }
  std::stable_sort(s.evaluate.begin(), s.evaluate.end(),
                   [](const EvaluateHits& a, const EvaluateHits& b) {
                     return a.findings > b.findings;
                   });
  return s;
}

}  // namespace pushguard::audit

#include "audit/stats.h"

#include <doctest/doctest.h>

#include "audit/timestamp.h"

namespace pushguard::audit {
namespace {

AuditRecord At(const char* time, const char* verdict) {
  AuditRecord r;
  r.time_ms = *ParseTimestamp(time);
  r.verdict = verdict;
  r.accepted = std::string(verdict) == "accept";
  return r;
}

TEST_CASE("days without pushes still appear in the per-day summary") {
  LogStats s = ComputeStats({At("2024-05-01T10:00:00Z", "accept"),
                             At("2024-05-04T23:59:59Z", "reject")});
  REQUIRE(s.days.size() == 4);
  CHECK(s.days[0].day == "2024-05-01");
  CHECK(s.days[0].accepted == 1);
  CHECK(s.days[1].day == "2024-05-02");
  CHECK(s.days[1].accepted + s.days[1].rejected + s.days[1].errors == 0);
  CHECK(s.days[3].day == "2024-05-04");
  CHECK(s.days[3].rejected == 1);
}

TEST_CASE("the per-day summary keeps only the most recent year") {
  LogStats s = ComputeStats({At("2020-01-01T00:00:00Z", "accept"),
                             At("2024-05-01T00:00:00Z", "accept")});
  CHECK(s.days.size() == kMaxDays);
  CHECK(s.days.back().day == "2024-05-01");
  CHECK(s.pushes == 2);
}

TEST_CASE("a rejected push counts once per rule however many findings") {
  AuditRecord r = At("2024-05-01T10:00:00Z", "reject");
  for (int i = 0; i < 3; ++i) {
    r.findings.push_back(
        {"secret", "aws", "enforce", "block", false, "", "", "", 1, 1, ""});
  }
  r.findings.push_back(
      {"secret", "candidate", "evaluate", "info", true, "", "", "", 1, 1, ""});
  LogStats s = ComputeStats({r});
  REQUIRE(s.rejections_by_rule.size() == 1);
  CHECK(s.rejections_by_rule[0].key == "aws");
  CHECK(s.rejections_by_rule[0].count == 1);
  REQUIRE(s.evaluate.size() == 1);
  CHECK(s.evaluate[0].findings == 1);
}

TEST_CASE("an empty log has empty statistics") {
  LogStats s = ComputeStats({});
  CHECK(s.pushes == 0);
  CHECK(s.days.empty());
}

}  // namespace
}  // namespace pushguard::audit

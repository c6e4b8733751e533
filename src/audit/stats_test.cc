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

// Fields by name: a field added to the record cannot shift the others.
FindingRecord Found(const std::string& kind, const std::string& rule,
                    const std::string& mode, const std::string& severity,
                    bool would_block = false) {
  FindingRecord f;
  f.kind = kind;
  f.rule = rule;
  f.mode = mode;
  f.severity = severity;
  f.would_block = would_block;
  f.path = "f";
  f.line = 1;
  return f;
}

Bypass Bypassed(const std::string& user, const std::string& reason,
                const std::vector<std::string>& rules) {
  Bypass b;
  b.user = user;
  b.reason = reason;
  b.rules = rules;
  return b;
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
    r.findings.push_back(Found("secret", "aws", "enforce", "block"));
  }
  r.findings.push_back(
      Found("secret", "candidate", "evaluate", "info", /*would_block=*/true));
  LogStats s = ComputeStats({r});
  REQUIRE(s.rejections_by_rule.size() == 1);
  CHECK(s.rejections_by_rule[0].key == "aws");
  CHECK(s.rejections_by_rule[0].count == 1);
  REQUIRE(s.evaluate.size() == 1);
  CHECK(s.evaluate[0].findings == 1);
}

TEST_CASE("warn-mode hits and bypasses are counted by rule, repository, user") {
  AuditRecord warned = At("2024-05-01T10:00:00Z", "accept");
  warned.repository = "group/app";
  warned.user = "alice";
  warned.warnings = 2;
  for (const char* rule : {"todo-marker", "todo-marker", "large-file"}) {
    warned.findings.push_back(Found("policy", rule, "warn", "warn"));
  }
  AuditRecord bypassed = At("2024-05-02T10:00:00Z", "accept");
  bypassed.repository = "group/web";
  bypassed.user = "bob";
  bypassed.bypasses = {Bypassed("", "reviewed", {"aws", "gcp"}),
                       Bypassed("carol", "again", {})};
  LogStats s = ComputeStats({warned, bypassed});
  REQUIRE(s.warnings_by_rule.size() == 2);
  CHECK(s.warnings_by_rule[0].key == "large-file");  // ties: by name
  CHECK(s.warnings_by_rule[1].key == "todo-marker");
  CHECK(s.warnings_by_rule[1].count == 1);  // pushes, not findings
  REQUIRE(s.warnings_by_repository.size() == 1);
  CHECK(s.warnings_by_repository[0].key == "group/app");
  REQUIRE(s.warnings_by_user.size() == 1);
  CHECK(s.warnings_by_user[0].key == "alice");
  CHECK(s.warned == 1);
  CHECK(s.bypassed == 1);
  REQUIRE(s.bypasses_by_rule.size() == 3);
  CHECK(s.bypasses_by_rule[0].key == "*");
  CHECK(s.bypasses_by_rule[1].key == "aws");
  REQUIRE(s.bypasses_by_repository.size() == 1);
  CHECK(s.bypasses_by_repository[0].count == 2);
  REQUIRE(s.bypasses_by_user.size() == 2);
  CHECK(s.bypasses_by_user[0].key == "bob");  // the pusher, when not named
  CHECK(s.bypasses_by_user[1].key == "carol");
  CHECK(s.bypasses.size() == 2);
}

TEST_CASE("records in any order give the same statistics") {
  std::vector<AuditRecord> records = {At("2024-05-03T10:00:00Z", "reject"),
                                      At("2024-05-01T10:00:00Z", "accept"),
                                      At("2024-05-02T10:00:00Z", "error")};
  LogStats s = ComputeStats(records);
  CHECK(FormatDay(s.first_ms) == "2024-05-01");
  CHECK(FormatDay(s.last_ms) == "2024-05-03");
  REQUIRE(s.days.size() == 3);
  CHECK(s.days[1].errors == 1);
}

TEST_CASE("only the most recent bypasses are listed, all are counted") {
  std::vector<AuditRecord> records;
  for (size_t i = 0; i < 3 * kMaxBypassEntries; ++i) {
    AuditRecord r = At("2024-05-01T10:00:00Z", "accept");
    r.time_ms += static_cast<int64_t>(i);
    r.bypasses = {Bypassed("u", std::to_string(i), {"aws"})};
    records.push_back(r);
  }
  LogStats s = ComputeStats(records);
  REQUIRE(s.bypasses.size() == kMaxBypassEntries);
  CHECK(s.bypasses.back().reason == std::to_string(3 * kMaxBypassEntries - 1));
  CHECK(s.bypasses_by_rule[0].count == 3 * kMaxBypassEntries);
}

TEST_CASE("distinct error messages are bounded") {
  std::vector<AuditRecord> records;
  for (size_t i = 0; i < kMaxErrorMessages + 5; ++i) {
    AuditRecord r = At("2024-05-01T10:00:00Z", "error");
    r.error = "cannot read object " + std::to_string(i);
    records.push_back(r);
  }
  LogStats s = ComputeStats(records);
  CHECK(s.errors == kMaxErrorMessages + 5);
  REQUIRE(s.errors_by_message.size() == kMaxErrorMessages + 1);
  CHECK(s.errors_by_message[0].key == kOtherErrors);
  CHECK(s.errors_by_message[0].count == 5);
}

TEST_CASE("an empty log has empty statistics") {
  LogStats s = ComputeStats({});
  CHECK(s.pushes == 0);
  CHECK(s.days.empty());
}

}  // namespace
}  // namespace pushguard::audit

namespace pushguard::audit {

TEST_CASE("pushes and rejections are split by policy version") {
  AuditRecord v1 = At("2024-05-01T10:00:00Z", "reject");
  v1.policy_commit = "1111111111111111111111111111111111111111";
  AuditRecord v2 = At("2024-05-02T10:00:00Z", "accept");
  v2.policy_commit = "2222222222222222222222222222222222222222";
  AuditRecord v2_reject = At("2024-05-02T11:00:00Z", "reject");
  v2_reject.policy_commit = v2.policy_commit;
  AuditRecord hashed = At("2024-05-02T12:00:00Z", "error");
  hashed.policy_hash = "sha256:ab";
  LogStats s = ComputeStats({v1, v2, v2_reject, hashed});
  REQUIRE(s.pushes_by_policy.size() == 3);
  CHECK(s.pushes_by_policy[0].key == v2.policy_commit);
  CHECK(s.pushes_by_policy[0].count == 2);
  REQUIRE(s.rejections_by_policy.size() == 2);
  CHECK(s.rejections_by_policy[0].count == 1);
  CHECK(s.rejections_by_policy[1].count == 1);
  bool hash_seen = false;
  for (const Tally& t : s.pushes_by_policy) {
    hash_seen |= t.key == "hash:sha256:ab" && t.count == 1;
  }
  CHECK(hash_seen);
}

}  // namespace pushguard::audit

#include "audit/record.h"

#include <doctest/doctest.h>

#include "audit/json_value.h"

namespace pushguard::audit {
namespace {

Finding MakeFinding(const std::string& rule, Severity severity) {
  Finding f;
  f.rule = rule;
  f.severity = severity;
  f.ref = "refs/heads/main";
  f.commit = std::string(40, 'c');
  f.path = "config/prod.env";
  f.line = 3;
  f.column = 8;
  f.fingerprint = "0123456789abcdef0123456789abcdef";
  f.secret = "AKIA************MPLE";
  f.message = "AWS key AKIAIOSFODNN7EXAMPLE in config/prod.env";
  return f;
}

TEST_CASE("a decision's findings are recorded by mode, without secrets") {
  Decision d;
  d.accepted = false;
  d.findings = {MakeFinding("aws", Severity::kBlock),
                MakeFinding("slack", Severity::kWarn),
                MakeFinding("candidate", Severity::kInfo)};
  d.bypasses = {{.user = "alice",
                 .reason = "hotfix",
                 .rules = {"aws"},
                 .ref = "refs/heads/main",
                 .commits = {"abc"}}};
  d.stats = {.commits = 3, .blobs = 2, .bytes = 100, .elapsed_ms = 7};
  AuditRecord r;
  RecordDecision(d, &r);
  CHECK(r.verdict == "reject");
  CHECK(r.blocking == 1);
  CHECK(r.warnings == 1);
  CHECK(r.would_block == 1);
  CHECK(r.findings_total == 3);
  CHECK(r.findings[2].mode == "evaluate");
  CHECK(r.findings[2].would_block);
  CHECK(r.findings[0].mode == "enforce");
  CHECK(r.bypasses.size() == 1);
  std::string line = ToJsonLine(r);
  CHECK(line.find("AKIA") == std::string::npos);
  CHECK(line.find("MPLE") == std::string::npos);
}

TEST_CASE("an error decision is recorded with verdict error") {
  Decision d;
  d.accepted = true;  // on_error: accept
  d.error = "cannot read object";
  AuditRecord r;
  RecordDecision(d, &r);
  CHECK(r.verdict == "error");
  CHECK(r.accepted);
  CHECK(r.error == "cannot read object");
}

TEST_CASE("a record survives the round trip through its JSON line") {
  AuditRecord r;
  r.time_ms = 1714566896789;
  r.push_id = "00ff00ff00ff00ff";
  r.repository = "group/app";
  r.user = "alice\x1b[31m\n";
  r.refs = {{.ref = "refs/heads/main",
             .old_oid = std::string(40, 'a'),
             .new_oid = std::string(40, 'b'),
             .change = "force"}};
  r.verdict = "reject";
  r.accepted = false;
  r.findings = {{.kind = "secret",
                 .rule = "aws",
                 .mode = "enforce",
                 .severity = "block",
                 .would_block = false,
                 .ref = "refs/heads/main",
                 .commit = std::string(40, 'b'),
                 .path = "a\"b.txt",
                 .line = 3,
                 .column = 8,
                 .fingerprint = "ff"}};
  r.findings_total = 1;
  r.bypasses = {{.user = "bob",
                 .reason = "incident 42",
                 .rules = {"aws", "slack"},
                 .ref = "",
                 .commits = {"c1"}}};
  r.stats = {.commits = 1, .blobs = 2, .bytes = 3, .elapsed_ms = 0};
  r.elapsed_ms = 12;
  r.policy_hash = "sha256:00";
  std::string line = ToJsonLine(r);
  CHECK(line.back() == '\n');
  CHECK(line.find('\n') == line.size() - 1);
  CHECK(line.find('\x1b') == std::string::npos);
  Result<AuditRecord> back = ParseRecord(line);
  REQUIRE(back.ok());
  CHECK(back->time_ms == r.time_ms);
  CHECK(back->user == r.user);
  CHECK(back->refs[0].change == "force");
  CHECK(back->findings[0].path == "a\"b.txt");
  CHECK(back->findings[0].line == 3);
  CHECK(back->bypasses[0].rules == std::vector<std::string>{"aws", "slack"});
  CHECK(back->stats.bytes == 3);
  CHECK(back->elapsed_ms == 12);
  CHECK(ToJsonLine(*back) == line);
}

TEST_CASE("invalid UTF-8 in a field still gives a valid JSON line") {
  AuditRecord r;
  r.repository = "bad\xff\xfe";
  CHECK(ParseJson(ToJsonLine(r)).ok());
}

TEST_CASE("a huge push records at most kMaxRecordedFindings findings") {
  Decision d;
  d.accepted = false;
  d.findings.assign(kMaxRecordedFindings + 5,
                    MakeFinding("aws", Severity::kBlock));
  AuditRecord r;
  RecordDecision(d, &r);
  CHECK(r.findings.size() == kMaxRecordedFindings);
  CHECK(r.findings_total == kMaxRecordedFindings + 5);
  CHECK(r.blocking == kMaxRecordedFindings + 5);
}

TEST_CASE("a line that is not a record is rejected") {
  CHECK_FALSE(ParseRecord("[1,2]").ok());
  CHECK_FALSE(ParseRecord("{\"time\":\"yesterday\"}").ok());
  CHECK_FALSE(ParseRecord("{\"time\":\"2024-05-01T00:00:00.000Z\"").ok());
  CHECK(ParseRecord("{\"time\":\"2024-05-01T00:00:00.000Z\"}\r\n").ok());
}

}  // namespace
}  // namespace pushguard::audit

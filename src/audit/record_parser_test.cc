// RecordParser against the JSON tree reader (json_value.h) that parsed
// records before it: the same lines must give the same records.
#include "audit/record_parser.h"

#include <doctest/doctest.h>

#include <optional>

#include "audit/json_value.h"
#include "audit/timestamp.h"

namespace pushguard::audit {
namespace {

// The tree-based reading of a record, kept as the reference engine.
uint64_t Count(const JsonValue& v) {
  double d = v.AsNumber(0);
  return d > 0 ? static_cast<uint64_t>(d) : 0;
}

std::vector<std::string> Strings(const JsonValue& v) {
  std::vector<std::string> out;
  for (const JsonValue& item : v.Items()) out.push_back(item.AsString());
  return out;
}

FindingRecord ParseFinding(const JsonValue& v) {
  FindingRecord f;
  f.kind = v.Get("kind").AsString();
  f.rule = v.Get("rule").AsString();
  f.mode = v.Get("mode").AsString();
  f.severity = v.Get("severity").AsString();
  f.would_block = v.Get("would_block").AsBool();
  f.ref = v.Get("ref").AsString();
  f.commit = v.Get("commit").AsString();
  f.path = v.Get("path").AsString();
  f.line = Count(v.Get("line"));
  f.column = Count(v.Get("column"));
  f.fingerprint = v.Get("fingerprint").AsString();
  f.allowed_by = v.Get("allowed_by").AsString();
  f.marker_line = Count(v.Get("marker_line"));
  return f;
}

void ParseLists(const JsonValue& v, AuditRecord* r) {
  for (const JsonValue& ref : v.Get("refs").Items()) {
    r->refs.push_back({ref.Get("ref").AsString(), ref.Get("old").AsString(),
                       ref.Get("new").AsString(),
                       ref.Get("change").AsString()});
  }
  for (const JsonValue& f : v.Get("findings").Items()) {
    r->findings.push_back(ParseFinding(f));
  }
  for (const JsonValue& b : v.Get("bypasses").Items()) {
    Bypass bypass{b.Get("user").AsString(), b.Get("reason").AsString(),
                  Strings(b.Get("rules")), b.Get("ref").AsString(),
                  Strings(b.Get("commits"))};
    if (std::string kind = b.Get("kind").AsString(); !kind.empty()) {
      bypass.kind = kind;
    }
    bypass.fingerprint = b.Get("fingerprint").AsString();
    bypass.path = b.Get("path").AsString();
    bypass.marker_line = Count(b.Get("marker_line"));
    r->bypasses.push_back(std::move(bypass));
  }
}

Result<AuditRecord> ReferenceParse(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  Result<JsonValue> json = ParseJson(line);
  if (!json.ok()) return json.status();
  const JsonValue& v = *json;
  if (!v.IsObject()) return Status::InvalidArgument("not a JSON object");
  AuditRecord r;
  std::optional<int64_t> time = ParseTimestamp(v.Get("time").AsString());
  if (!time) return Status::InvalidArgument("missing or invalid \"time\"");
  r.time_ms = *time;
  r.push_id = v.Get("push_id").AsString();
  r.node = v.Get("node").AsString();
  r.repository = v.Get("repository").AsString();
  r.user = v.Get("user").AsString();
  r.user_source = v.Get("user_source").AsString();
  r.protocol = v.Get("protocol").AsString();
  r.server = v.Get("server").AsString();
  r.verdict = v.Get("verdict").AsString();
  r.accepted = v.Get("accepted").AsBool();
  r.error = v.Get("error").AsString();
  ParseLists(v, &r);
  r.findings_total = Count(v.Get("findings_total"));
  r.blocking = Count(v.Get("blocking"));
  r.warnings = Count(v.Get("warnings"));
  r.would_block = Count(v.Get("would_block"));
  r.stats.commits = Count(v.Get("stats").Get("commits"));
  r.stats.blobs = Count(v.Get("stats").Get("blobs"));
  r.stats.bytes = Count(v.Get("stats").Get("bytes"));
  r.elapsed_ms = Count(v.Get("elapsed_ms"));
  r.pushguard_version = v.Get("pushguard_version").AsString();
  r.policy_hash = v.Get("policy_hash").AsString();
  r.policy_commit = v.Get("policy_commit").AsString();
  r.raw = std::string(line);
  return r;
}

AuditRecord Sample() {
  AuditRecord r;
  r.time_ms = *ParseTimestamp("2024-05-01T12:34:56.789Z");
  r.push_id = "p-1";
  r.node = "git1";
  r.repository = "/srv/git/group/app.git";
  r.user = "al\"ice\\";
  r.user_source = "USER";
  r.protocol = "ssh";
  r.server = "plain";
  r.refs = {{.ref = "refs/heads/main",
             .old_oid = std::string(40, '1'),
             .new_oid = std::string(40, '2'),
             .change = "update"},
            {.ref = "refs/tags/v1",
             .old_oid = std::string(40, '0'),
             .new_oid = std::string(40, '3'),
             .change = "create"}};
  r.verdict = "reject";
  r.accepted = false;
  r.findings = {{.kind = "secret",
                 .rule = "aws-access-key-id",
                 .mode = "enforce",
                 .severity = "block",
                 .would_block = false,
                 .ref = "refs/heads/main",
                 .commit = std::string(40, 'c'),
                 .path = "d\u00e9j\u00e0/x.txt",
                 .line = 3,
                 .column = 8,
                 .fingerprint = "fp"},
                {.kind = "policy",
                 .rule = "max-file-size",
                 .mode = "warn",
                 .severity = "warn",
                 .would_block = false,
                 .ref = "refs/heads/main",
                 .commit = std::string(40, 'c'),
                 .path = "big.bin",
                 .line = 0,
                 .column = 0,
                 .fingerprint = "",
                 .allowed_by = "pushguard:allow",
                 .marker_line = 4}};
  r.findings_total = 5;
  r.blocking = 1;
  r.warnings = 1;
  Bypass b{.user = "bob",
           .reason = "reviewed\n ok",
           .rules = {"a", "b"},
           .ref = "refs/heads/main",
           .commits = {"c1"}};
  Bypass m = b;
  m.kind = Bypass::kInlineMarker;
  m.fingerprint = "f";
  m.path = "p";
  m.marker_line = 9;
  r.bypasses = {b, m};
  r.stats = {.commits = 2, .blobs = 3, .bytes = 400, .elapsed_ms = 0};
  r.elapsed_ms = 12;
  r.pushguard_version = "0.1.0";
  r.policy_hash = "sha256:00";
  return r;
}

void CheckSame(const AuditRecord& a, const AuditRecord& b) {
  // The writer is deterministic: equal records write equal lines.
  CHECK(ToJsonLine(a) == ToJsonLine(b));
  CHECK(a.raw == b.raw);
}

TEST_CASE("the streaming record parser reads what the tree reader reads") {
  std::string line = ToJsonLine(Sample());
  line.pop_back();
  const std::string cases[] = {
      line,
      line + "\r\n",
      "  " + line + "  ",
      // Unknown members of every type, nested, are skipped.
      R"({"x":{"a":[1,{"b":null}],"c":"\u00e9"},"time":"2024-05-01T00:00:00Z",)"
      R"("y":[true,false,-1.5e3],"findings":[{"rule":"r","z":{}}]})",
      // A member of the wrong type reads as its default.
      R"({"time":"2024-05-01T00:00:00Z","user":5,"accepted":"yes",)"
      R"("findings":{"rule":"r"},"refs":[1,"x",{"ref":"refs/heads/a"}],)"
      R"("blocking":-3,"warnings":2.9,"would_block":1e2,"stats":[]})",
      // The last of repeated members wins.
      R"({"time":"2020-01-01T00:00:00Z","findings":[{"rule":"a"},{"rule":"b"}],)"
      R"("time":"2024-05-01T00:00:00Z","findings":[{"rule":"c"}]})",
      // Escapes in names and values, surrogate pairs, a lone surrogate.
      R"({"t\u0069me":"2024-05-01T00:00:00Z","user":"\ud83d\ude00 \ud800 \/\b\f\n\r\t"})",
      R"({"time":"2024-05-01T00:00:00Z","bypasses":[{"user":"u","rules":["x",2]}]})",
  };
  RecordParser parser;
  AuditRecord reused = Sample();
  for (const std::string& text : cases) {
    CAPTURE(text);
    Result<AuditRecord> expected = ReferenceParse(text);
    REQUIRE(expected.ok());
    REQUIRE(parser.Parse(text, &reused).ok());
    CheckSame(*expected, reused);
  }
}

TEST_CASE("the streaming record parser refuses what the tree reader refuses") {
  const char* cases[] = {
      "",
      "   ",
      "[1]",
      "not json",
      R"({"time":"2024-05-01T00:00:00Z")",
      R"({"time":"2024-05-01T00:00:00Z"} x)",
      R"({"time":"2024-05-01T00:00:00Z",})",
      R"({"time":"2024-05-01T00:00:00Z","a":01})",
      R"({"time":"2024-05-01T00:00:00Z","a":"\x"})",
      "{\"time\":\"2024-05-01T00:00:00Z\",\"a\":\"\x01\"}",
      R"({"time":"2024-05-01T00:00:00Z","a":[1,]})",
      R"({"time":"2024-05-01T00:00:00Z","a":tru})",
      R"({"time":"yesterday"})",
      R"({"user":"no time"})",
  };
  RecordParser parser;
  AuditRecord r;
  for (const char* text : cases) {
    CAPTURE(text);
    CHECK_FALSE(ReferenceParse(text).ok());
    CHECK_FALSE(parser.Parse(text, &r).ok());
  }
  std::string deep = R"({"time":"2024-05-01T00:00:00Z","a":)" +
                     std::string(100, '[') + std::string(100, ']') + "}";
  CHECK_FALSE(ReferenceParse(deep).ok());
  CHECK_FALSE(parser.Parse(deep, &r).ok());
}

}  // namespace
}  // namespace pushguard::audit

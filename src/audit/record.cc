#include "audit/record.h"

#include "audit/record_parser.h"
#include "audit/timestamp.h"
#include "base/strings.h"

namespace pushguard::audit {
namespace {

// Appends "key":value pairs to a JSON object under construction.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string* out) : out_(out) { *out_ += "{"; }
  void String(const char* key, std::string_view value) {
    Key(key);
    *out_ += "\"" + EscapeJson(value) + "\"";
  }
  void Number(const char* key, uint64_t value) {
    Key(key);
    *out_ += std::to_string(value);
  }
  void Bool(const char* key, bool value) {
    Key(key);
    *out_ += value ? "true" : "false";
  }
  void StringList(const char* key, const std::vector<std::string>& values) {
    Key(key);
    *out_ += "[";
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) *out_ += ",";
      *out_ += "\"" + EscapeJson(values[i]) + "\"";
    }
    *out_ += "]";
  }
  // Starts a raw value; the caller appends it.
  void Key(const char* key) {
    if (!first_) *out_ += ",";
    first_ = false;
    *out_ += "\"";
    *out_ += key;
    *out_ += "\":";
  }
  void Close() { *out_ += "}"; }

 private:
  std::string* out_;
  bool first_ = true;
};

void WriteRefs(const std::vector<RefUpdateRecord>& refs, std::string* out) {
  *out += "[";
  for (size_t i = 0; i < refs.size(); ++i) {
    if (i > 0) *out += ",";
    ObjectWriter w(out);
    w.String("ref", refs[i].ref);
    w.String("old", refs[i].old_oid);
    w.String("new", refs[i].new_oid);
    w.String("change", refs[i].change);
    w.Close();
  }
  *out += "]";
}

void WriteFindings(const std::vector<FindingRecord>& findings,
                   std::string* out) {
  *out += "[";
  for (size_t i = 0; i < findings.size(); ++i) {
    const FindingRecord& f = findings[i];
    if (i > 0) *out += ",";
    ObjectWriter w(out);
    w.String("kind", f.kind);
    w.String("rule", f.rule);
    w.String("mode", f.mode);
    w.String("severity", f.severity);
    w.Bool("would_block", f.would_block);
    w.String("ref", f.ref);
    w.String("commit", f.commit);
    w.String("path", f.path);
    w.Number("line", f.line);
    w.Number("column", f.column);
    w.String("fingerprint", f.fingerprint);
    if (!f.allowed_by.empty()) {
      w.String("allowed_by", f.allowed_by);
      w.Number("marker_line", f.marker_line);
    }
    w.Close();
  }
  *out += "]";
}

void WriteBypasses(const std::vector<Bypass>& bypasses, std::string* out) {
  *out += "[";
  for (size_t i = 0; i < bypasses.size(); ++i) {
    if (i > 0) *out += ",";
    const Bypass& b = bypasses[i];
    ObjectWriter w(out);
    w.String("user", b.user);
    w.String("reason", b.reason);
    w.StringList("rules", b.rules);
    w.String("ref", b.ref);
    w.StringList("commits", b.commits);
    // A record without "kind" is a push-option bypass (as before markers).
    if (b.kind != Bypass::kPushOption) w.String("kind", b.kind);
    if (b.kind == Bypass::kInlineMarker) {
      w.String("fingerprint", b.fingerprint);
      w.String("path", b.path);
      w.Number("marker_line", b.marker_line);
    }
    w.Close();
  }
  *out += "]";
}

}  // namespace

const char* ModeOfSeverity(Severity s) {
  switch (s) {
    case Severity::kBlock:
      return "enforce";
    case Severity::kWarn:
      return "warn";
    case Severity::kInfo:
      return "evaluate";
  }
  return "enforce";
}

void RecordDecision(const Decision& decision, AuditRecord* record) {
  record->accepted = decision.accepted;
  record->error = decision.error;
  record->verdict = !decision.error.empty() ? "error"
                    : decision.accepted     ? "accept"
                                            : "reject";
  record->findings.clear();
  record->findings_total = decision.findings.size();
  record->blocking = record->warnings = record->would_block = 0;
  for (const Finding& f : decision.findings) {
    bool allowed = !f.allowed_by.empty();
    // A finding let through by a marker is not an evaluate-mode hit: its
    // mode is its rule's, and it is recorded as allowed.
    bool evaluate = f.severity == Severity::kInfo && !allowed;
    if (f.severity == Severity::kBlock) ++record->blocking;
    if (f.severity == Severity::kWarn) ++record->warnings;
    if (evaluate) ++record->would_block;
    if (record->findings.size() >= kMaxRecordedFindings) continue;
    record->findings.push_back(
        {f.kind, f.rule,
         ModeOfSeverity(allowed ? f.marked_severity : f.severity),
         SeverityName(f.severity), evaluate, f.ref, f.commit, f.path, f.line,
         f.column, f.fingerprint, f.allowed_by, f.marker_line});
  }
  record->bypasses = decision.bypasses;
  record->stats = decision.stats;
}

std::string ToJsonLine(const AuditRecord& r) {
  std::string out;
  out.reserve(1024 + r.findings.size() * 300);
  ObjectWriter w(&out);
  w.Number("version", 1);
  w.String("time", FormatTimestamp(r.time_ms));
  w.String("push_id", r.push_id);
  w.String("node", r.node);
  w.String("repository", r.repository);
  w.String("user", r.user);
  w.String("user_source", r.user_source);
  w.String("protocol", r.protocol);
  w.String("server", r.server);
  w.Key("refs");
  WriteRefs(r.refs, &out);
  w.String("verdict", r.verdict);
  w.Bool("accepted", r.accepted);
  w.String("error", r.error);
  w.Key("findings");
  WriteFindings(r.findings, &out);
  w.Number("findings_total", r.findings_total);
  w.Number("blocking", r.blocking);
  w.Number("warnings", r.warnings);
  w.Number("would_block", r.would_block);
  w.Key("bypasses");
  WriteBypasses(r.bypasses, &out);
  w.Key("stats");
  ObjectWriter stats(&out);
  stats.Number("commits", r.stats.commits);
  stats.Number("blobs", r.stats.blobs);
  stats.Number("bytes", r.stats.bytes);
  stats.Close();
  w.Number("elapsed_ms", r.elapsed_ms);
  w.String("pushguard_version", r.pushguard_version);
  w.String("policy_hash", r.policy_hash);
  if (!r.policy_commit.empty()) w.String("policy_commit", r.policy_commit);
  w.Close();
  out += "\n";
  return out;
}

Result<AuditRecord> ParseRecord(std::string_view line) {
  RecordParser parser;
  AuditRecord record;
  Status s = parser.Parse(line, &record);
  if (!s.ok()) return s;
  return record;
}

}  // namespace pushguard::audit

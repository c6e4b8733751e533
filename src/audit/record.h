// The audit record: one JSON object per push decision, one per line of the
// audit log (JSON Lines). It says who pushed what where, what pushguard
// decided and why, and never contains a secret: findings carry the rule,
// location and fingerprint only, not even the redacted form.
//
//   {"version":1,"time":"2024-05-01T12:34:56.789Z","push_id":"...",
//    "node":"git1","repository":"group/app","user":"alice",
//    "user_source":"GL_USERNAME","protocol":"ssh","server":"gitlab",
//    "refs":[{"ref":"refs/heads/main","old":"..","new":"..","change":"update"}],
//    "verdict":"reject","accepted":false,"error":"",
//    "findings":[{"kind":"secret","rule":"aws-access-key-id","mode":"enforce",
//      "severity":"block","would_block":false,"ref":"..","commit":"..",
//      "path":"..","line":3,"column":8,"fingerprint":".."}],
//    "findings_total":1,"blocking":1,"warnings":0,"would_block":0,
//    "bypasses":[{"user":"..","reason":"..","rules":[..],"ref":"..",
//      "commits":[..]}],
// A finding let through by an inline marker adds "allowed_by":"<marker>",
// "marker_line":N; a bypass by marker adds "kind":"inline_marker",
// "fingerprint", "path" and "marker_line" (no "kind": a push-option bypass).
//    "stats":{"commits":1,"blobs":1,"bytes":80},"elapsed_ms":12,
//    "pushguard_version":"0.1.0","policy_hash":"sha256:...",
//    "policy_commit":".."}
// "policy_commit" (the policy repository's commit the push was judged by)
// is written only when a policy repository was read; older records lack it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.h"
#include "base/status.h"

namespace pushguard::audit {

// A record holds at most this many findings (the counts stay exact), so one
// enormous push cannot produce an enormous log line.
inline constexpr size_t kMaxRecordedFindings = 1000;

struct RefUpdateRecord {
  std::string ref;
  std::string old_oid;
  std::string new_oid;
  std::string change;  // create, update, delete or force
};

struct FindingRecord {
  std::string kind;  // secret or policy
  std::string rule;
  std::string mode;          // enforce, warn or evaluate
  std::string severity;      // block, warn or info
  bool would_block = false;  // evaluate mode: would have blocked if enforced
  std::string ref;
  std::string commit;
  std::string path;
  uint64_t line = 0;
  uint64_t column = 0;
  std::string fingerprint;
  // The inline allow marker that let the finding through ("" if none), and
  // the line it is on (in `path`).
  std::string allowed_by = "";
  uint64_t marker_line = 0;
};

struct AuditRecord {
  int64_t time_ms = 0;
  std::string push_id;
  std::string node;
  std::string repository;
  std::string user;
  std::string user_source;
  std::string protocol;
  std::string server;
  std::vector<RefUpdateRecord> refs;
  std::string verdict = "accept";  // accept, reject or error
  bool accepted = true;
  std::string error;
  std::vector<FindingRecord> findings;
  uint64_t findings_total = 0;  // may exceed findings.size()
  uint64_t blocking = 0;
  uint64_t warnings = 0;
  uint64_t would_block = 0;  // evaluate-mode hits
  std::vector<Bypass> bypasses;
  ScanStats stats;          // commits, blobs, bytes (elapsed not used)
  uint64_t elapsed_ms = 0;  // the whole hook, start to decision
  std::string pushguard_version;
  std::string policy_hash;
  std::string policy_commit;  // "": no policy repository (or an old record)

  std::string raw;  // the log line it was parsed from (queries only)
};

// "enforce", "warn" or "evaluate" for a finding's severity.
const char* ModeOfSeverity(Severity s);

// Fills verdict, accepted, error, findings (capped), counts, bypasses and
// stats from `decision`. Secrets and messages are not copied.
void RecordDecision(const Decision& decision, AuditRecord* record);

// One line of JSON, ending in '\n'. Every string is escaped (no raw control
// characters, always valid UTF-8).
std::string ToJsonLine(const AuditRecord& record);

// Parses one log line. Unknown fields are ignored, missing ones keep their
// defaults; a line that is not a JSON object is InvalidArgument.
Result<AuditRecord> ParseRecord(std::string_view line);

}  // namespace pushguard::audit

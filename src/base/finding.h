// The vocabulary of a decision, shared by policy (which produces it), report
// and audit (which render it). Plain data; secrets appear here only redacted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pushguard {

enum class Severity { kBlock, kWarn, kInfo };  // info: evaluate mode, log only

struct Finding {
  std::string kind = "secret";  // "secret" or "policy"
  std::string rule;             // rule id
  std::string description;      // the rule's one-line description
  Severity severity = Severity::kBlock;
  std::string ref;           // full ref name that carries the commit
  std::string commit;        // full hex oid of the commit that adds the line
  bool root_commit = false;  // the commit has no parent (for rebase hints)
  std::string path;
  uint64_t line = 0;        // 1-based
  uint64_t column = 0;      // 1-based, in bytes
  std::string fingerprint;  // stable hash of rule + secret, never the secret
  std::string secret;       // redacted
  std::string message;
  std::string remediation;
  // The inline allow marker (e.g. "gitleaks:allow") on the finding's lines
  // and the line it is on. Once policy/markers.h has decided, it is set only
  // when the marker let the finding pass: such findings have severity kInfo
  // and are listed as "allowed" in reports and the audit record, so every
  // use of a marker stays visible.
  std::string allowed_by;
  uint64_t marker_line = 0;
  // With allowed_by: the severity the finding had before the marker let it
  // through (its rule's mode), for the audit record.
  Severity marked_severity = Severity::kBlock;
};

struct ScanStats {
  uint64_t commits = 0;
  uint64_t blobs = 0;
  uint64_t bytes = 0;
  uint64_t elapsed_ms = 0;
};

// A permitted user pushed past `rules` with a stated reason (push option
// pushguard.bypass). Every bypass is recorded in the audit log.
struct Bypass {
  std::string user;
  std::string reason;
  std::vector<std::string> rules;    // rule ids bypassed
  std::string ref;                   // the ref it applied to, "" for all
  std::vector<std::string> commits;  // the commits that carried the findings
  // How: kPushOption (-o pushguard.bypass), or kInlineMarker (an inline
  // allow marker the server honoured, settings.marker_bypass), which also
  // names the secret's fingerprint and the marker's path and line.
  std::string kind = kPushOption;
  std::string fingerprint = "";
  std::string path = "";
  uint64_t marker_line = 0;

  static constexpr char kPushOption[] = "push_option";
  static constexpr char kInlineMarker[] = "inline_marker";
};

// The outcome of a push or scan. `error` is set when the guard itself failed
// (bad config, unreadable object, malformed stdin); `accepted` then follows
// the policy's on_error.
struct Decision {
  bool accepted = true;
  std::vector<Finding> findings;
  ScanStats stats;
  std::string error;
  std::vector<Bypass> bypasses;  // set by policy when a bypass was honoured
  // One-line messages for the pusher beside the findings: a refused bypass,
  // a configuration change that was ignored. Shown as warnings.
  std::vector<std::string> notices;
  bool timed_out = false;  // the error is the time budget running out
  // Scan mode on a partial clone: objects the store lacks by design, not
  // checked (sorted). Empty in hook mode, where a missing object is an error.
  std::vector<std::string> missing_objects;
  // Hook mode: one per ref update, in order: true when the update drops
  // commits from its ref (a force push: its old value is not an ancestor of
  // its new one). Empty when the push could not be read.
  std::vector<bool> forced;
};

const char* SeverityName(Severity s);

}  // namespace pushguard

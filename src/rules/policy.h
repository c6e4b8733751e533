// The compiled form of the YAML configuration: secret rules and settings.
// Produced by LoadPolicy() (loader.h); immutable afterwards and safe to share
// between threads.
#pragma once

#include <string>
#include <vector>

namespace pushguard::rules {

// Where a value came from, for error messages ("file:line").
struct Origin {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
};

enum class Mode { kEnforce, kWarn, kEvaluate };
enum class OnError { kReject, kAccept };

const char* ModeName(Mode m);

struct Allowlist {
  std::vector<std::string> paths;      // globs (base/strings.h GlobMatch)
  std::vector<std::string> regexes;    // PCRE2, matched against the secret
  std::vector<std::string> stopwords;  // case-insensitive substrings of the secret
  std::vector<std::string> fingerprints;
  Origin origin;
};

struct SecretRule {
  std::string id;
  std::string description;
  Mode mode = Mode::kEnforce;
  std::string regex;
  int secret_group = 0;  // capture group holding the secret; 0 = whole match
  std::vector<std::string> keywords;  // lowercase; any must occur in the blob
  double min_entropy = 0;  // Shannon bits per character of the secret
  Allowlist allowlist;
  std::string remediation;
  std::vector<std::string> examples;
  std::vector<std::string> negative_examples;
  Origin origin;        // where the rule was defined
  Origin regex_origin;  // where its regex was last set
};

// The top-level `audit:` section: where decisions are recorded.
struct AuditSettings {
  std::string file = "/var/log/pushguard/audit.jsonl";  // "" = no file
  bool syslog = false;    // also send each record to syslog/journald
  bool required = false;  // reject the push if the record cannot be written
};

struct Settings {
  OnError on_error = OnError::kReject;
  int max_findings_shown = 20;
  // Lines carrying one of these markers are not reported.
  std::vector<std::string> inline_allow_markers = {"pushguard:allow"};
  AuditSettings audit;
};

struct Policy {
  Settings settings;
  std::vector<SecretRule> secret_rules;
  Allowlist allowlist;  // applies to every rule
  std::vector<std::string> sources;  // the files it was built from, in order
};

}  // namespace pushguard::rules

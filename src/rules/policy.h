// The compiled form of the YAML configuration: secret rules, push policies
// (push_policy.h) and settings.
// Produced by LoadPolicy() (loader.h); immutable afterwards and safe to share
// between threads.
#pragma once

#include <string>
#include <vector>

#include "rules/diagnostic.h"
#include "rules/mode.h"
#include "rules/push_policy.h"

namespace pushguard::rules {

struct Allowlist {
  std::vector<std::string> paths;    // globs (base/strings.h GlobMatch)
  std::vector<std::string> regexes;  // PCRE2, matched against the secret
  std::vector<std::string>
      stopwords;  // case-insensitive substrings of the secret
  std::vector<std::string> fingerprints;
  // PCRE2, matched against the whole regex match (e.g. the name on the left
  // of a generic assignment: `public_key = ...` is not a secret).
  std::vector<std::string> match_regexes;
  // Globs of files that hold checksums (lock files, SHA256SUMS): generic
  // rules report nothing there. Provider rules (not `generic`), private keys
  // among them, still do: a real token is a finding in any file.
  std::vector<std::string> checksum_paths;
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
  // A generic rule has no provider prefix to anchor it: its matches need
  // stronger evidence (a value that looks random, not like a word, an
  // identifier, a path or a hash); weak evidence is reported as `warn`.
  bool generic = false;
  // Where matches of several rules overlap, the higher priority wins, then
  // a provider-specific (non-generic) rule, then the earlier rule. Catch-all
  // rules use a negative priority so structured rules win.
  int priority = 0;
  // `keyword_scope: file`: a keyword anywhere in a text selects the rule for
  // the whole text (a context word far above its value, e.g. a manifest's
  // `kind:`). By default a keyword selects the lines around it
  // (match/scanner.cc).
  bool keywords_anywhere = false;
  // Every place a layer set this rule's regex, in load order (rules check
  // reports an id defined in two files of the same tier).
  std::vector<Origin> regex_definitions;
};

// The top-level `audit:` section: where decisions are recorded.
struct AuditSettings {
  std::string file = "/var/log/pushguard/audit.jsonl";  // "" = no file
  bool syslog = false;    // also send each record to syslog/journald
  bool required = false;  // reject the push if the record cannot be written
};

// Resource limits of one push check.
struct Limits {
  double time_budget_seconds = 0;         // 0: no budget
  OnError on_timeout = OnError::kReject;  // when the budget runs out
  int threads = 0;                        // 0: one per core, at most 4
};

// settings.marker_bypass: whether the server hook (pre-receive) honours
// inline allow markers. A marker is written by whoever pushes, so on the
// server it is off by default; when enabled, each honoured marker is an
// audited bypass (policy/markers.h). Client hooks and `scan` always honour
// markers (the server stays the enforcement point).
struct MarkerBypass {
  bool enabled = false;
  std::vector<std::string> users;  // only these pushers; empty: every pusher
  std::vector<Mode> modes;         // only rules in these modes; empty: any
  Origin origin;                   // where it was last set
};

// The top-level `policy_repository:` section, honoured only in the system
// layer (/etc/pushguard/*.yaml): a bare repository on the same server whose
// `ref` holds the organisation's policy files. Every *.yaml at the top of
// that ref's tree is a layer right after the system directory's files
// (cli/policy_repository.h). An empty path: no policy repository.
struct PolicyRepository {
  std::string path;                     // absolute path of its git dir
  std::string ref = "refs/heads/main";  // a full ref name
  Origin origin;                        // where it was set
};

struct Settings {
  OnError on_error = OnError::kReject;
  Limits limits;
  int max_findings_shown = 20;
  // The strings that mark a line as allowed (on the lines a match spans).
  // Client hooks and `scan` let such matches through, reported as "allowed
  // by inline marker"; the server hook only as marker_bypass says. Set the
  // list to switch one off.
  std::vector<std::string> inline_allow_markers = {
      "pushguard:allow", "gitleaks:allow", "pragma: allowlist secret"};
  MarkerBypass marker_bypass;
  AuditSettings audit;
  PolicyRepository policy_repository;
  // Globs of vendored third-party trees: code the repository carries but did
  // not write, full of test fixtures and sample values. A generic rule's
  // finding there is reported as `warn`; provider-format findings still
  // block (a real token is a secret in any file). Set [] to switch it off.
  std::vector<std::string> vendored_paths = {"vendor/**",
                                             "**/vendor/**",
                                             "node_modules/**",
                                             "**/node_modules/**",
                                             "site-packages/**",
                                             "**/site-packages/**",
                                             "third_party/**",
                                             "**/third_party/**",
                                             "third-party/**",
                                             "**/third-party/**",
                                             "bower_components/**",
                                             "**/bower_components/**",
                                             "Pods/**",
                                             "**/Godeps/_workspace/**"};
};

struct Policy {
  Settings settings;
  std::vector<SecretRule> secret_rules;
  std::vector<PushPolicy> push_policies;  // in definition order
  Allowlist allowlist;                    // applies to every rule
  std::vector<std::string> sources;  // the files it was built from, in order
  // Changes a later layer tried to make to a mandatory policy, ignored (the
  // policy keeps its stricter value). `rules check` reports them as problems;
  // the hook shows them as warnings and enforces the mandatory policy.
  std::vector<Diagnostic> ignored;
};

// What secret matching needs of a configuration (match::RuleSet holds it):
// the secret rules, the global allowlist, and the two settings a scanner
// applies itself. The rest of the configuration (verdict settings, audit
// settings, push policies) is config::CompiledConfig's.
struct MatchSpec {
  std::vector<SecretRule> secret_rules;
  Allowlist allowlist;
  std::vector<std::string> inline_allow_markers;  // settings.*
  std::vector<std::string> vendored_paths;        // settings.*
};

// The matching part of `policy`.
MatchSpec MatchSpecOf(const Policy& policy);

}  // namespace pushguard::rules

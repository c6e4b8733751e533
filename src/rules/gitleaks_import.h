// A gitleaks configuration (TOML) as a pushguard policy layer (YAML), for
// `pushguard rules import gitleaks`: an organisation moving from gitleaks
// keeps its own rules. The only toml++ user.
//
// Each gitleaks rule is translated faithfully or left out, never weakened;
// what does not carry over is a Diagnostic at its TOML line:
//   regex          -> regex, in PCRE2 (rules/re2_syntax.h; a pattern that
//                     does not convert leaves the rule out)
//   secretGroup    -> secret_group. Without it gitleaks takes the first
//                     non-empty group: secret_group 1 when group 1 always
//                     takes part and is never empty, else the rule is left
//                     out
//   entropy, description -> entropy, description
//   keywords       -> keywords (lowercase), keyword_scope: file (gitleaks
//                     gates a rule on the whole file). Without keywords, the
//                     longest literal every match contains (2+ characters),
//                     else the rule is left out (pushguard needs keywords)
//   id             -> "gitleaks." + the id in lowercase, other characters
//                     as '-' (never overrides a rule of pushguard's pack)
//   path, no regex -> a forbidden_paths policy with that regex
//   path + regex   -> left out (pushguard rules apply to every path)
//   required, skipReport (composite rules) -> left out
//   tags           -> dropped (metadata)
// Allowlists (the rule's [rules.allowlist] / [[rules.allowlists]], and the
// global [allowlist] / [[allowlists]], copied into every imported rule they
// target so pushguard's own rules are not affected):
//   regexes        -> regexes (regexTarget secret or unset), match_regexes
//                     (match); regexTarget line is not imported
//   paths          -> paths, as globs (rules/path_regex_glob.h)
//   stopwords      -> stopwords
//   commits        -> not imported
//   condition AND over more than one kind of entry -> the allowlist is not
//                     imported
// An allowlist entry not imported makes the rule report more, never less.
// [extend] useDefault is a note (pushguard's own pack always applies);
// extend.path, extend.url and extend.disabledRules are not imported.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/diagnostic.h"

namespace pushguard::rules {

struct GitleaksImport {
  bool parsed = false;  // false: `toml` is not TOML (see problems)
  std::string yaml;     // the policy layer; valid whenever parsed
  // What was not imported as written, each at its TOML line ("file:line:
  // rule 'id': field: problem"; the id as gitleaks spells it).
  std::vector<Diagnostic> problems;
  // Faithful but worth knowing (a keyword derived from the regex, ...).
  std::vector<Diagnostic> notes;
  int rules_imported = 0;
  int path_policies = 0;  // path-only rules, as forbidden_paths
  int rules_left_out = 0;
};

// Whether PCRE2 compiles a translated pattern: "" if it does, else why not
// (rules/ has no regex engine; the caller passes match/'s).
using RegexCheck = std::function<std::string(const std::string& pcre2)>;

// Translates the gitleaks configuration `toml`, read from `file` (used in
// diagnostics and the header comment). A pattern `check` rejects is not
// imported, like one that does not translate. Pure: no I/O. Never throws.
GitleaksImport ImportGitleaks(std::string_view toml, const std::string& file,
                              const RegexCheck& check = {});

}  // namespace pushguard::rules

// The translated form of a gitleaks configuration, between reading the TOML
// (gitleaks_import.cc) and writing the YAML layer (gitleaks_yaml.cc).
// Internal to rules/.
#pragma once

#include <string>
#include <vector>

namespace pushguard::rules {

// Allowlist entries in pushguard's terms (rules/policy.h Allowlist).
struct ImportedAllowlist {
  std::vector<std::string> paths;          // globs
  std::vector<std::string> regexes;        // PCRE2, against the secret
  std::vector<std::string> match_regexes;  // PCRE2, against the whole match
  std::vector<std::string> stopwords;

  bool empty() const {
    return paths.empty() && regexes.empty() && match_regexes.empty() &&
           stopwords.empty();
  }
  void Append(const ImportedAllowlist& other);
};

struct ImportedRule {
  std::string id;         // pushguard's: "gitleaks." + normalised id
  std::string source_id;  // as gitleaks spells it
  std::string description;
  std::string regex;  // PCRE2
  int secret_group = 0;
  std::vector<std::string> keywords;  // lowercase
  double entropy = 0;
  ImportedAllowlist allowlist;
};

// A path-only gitleaks rule: a forbidden_paths push policy.
struct ImportedPathRule {
  std::string id;
  std::string source_id;
  std::string description;
  std::string regex;               // PCRE2, searched in the path
  std::vector<std::string> allow;  // globs of paths allowed even so
};

struct ImportedLayer {
  std::string file;   // the TOML file's name
  std::string title;  // gitleaks' `title`, if any
  std::vector<ImportedRule> rules;
  std::vector<ImportedPathRule> path_rules;
};

// The policy layer as YAML (version 1), with a header comment naming `file`.
std::string EmitLayerYaml(const ImportedLayer& layer);

}  // namespace pushguard::rules

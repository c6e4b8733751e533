// Writing an imported gitleaks configuration as a pushguard YAML layer.
#include <yaml-cpp/yaml.h>

#include <sstream>

#include "rules/gitleaks_model.h"

namespace pushguard::rules {
namespace {

bool PrintableAscii(const std::string& s) {
  for (char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

// A regex in single quotes, where no escape sequence of YAML applies.
void EmitRegex(YAML::Emitter& e, const std::string& regex) {
  if (PrintableAscii(regex)) e << YAML::SingleQuoted;
  e << regex;
}

void EmitList(YAML::Emitter& e, const char* key,
              const std::vector<std::string>& values, bool regexes) {
  if (values.empty()) return;
  e << YAML::Key << key << YAML::Value << YAML::BeginSeq;
  for (const std::string& v : values) {
    if (regexes) {
      EmitRegex(e, v);
    } else {
      e << YAML::DoubleQuoted << v;
    }
  }
  e << YAML::EndSeq;
}

void EmitRule(YAML::Emitter& e, const ImportedRule& r) {
  e << YAML::BeginMap;
  e << YAML::Key << "id" << YAML::Value << r.id;
  e << YAML::Key << "description" << YAML::Value << r.description;
  e << YAML::Key << "regex" << YAML::Value;
  EmitRegex(e, r.regex);
  if (r.secret_group > 0) {
    e << YAML::Key << "secret_group" << YAML::Value << r.secret_group;
  }
  e << YAML::Key << "keywords" << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const std::string& k : r.keywords) e << YAML::DoubleQuoted << k;
  e << YAML::EndSeq;
  e << YAML::Key << "keyword_scope" << YAML::Value << "file";
  if (r.entropy > 0) e << YAML::Key << "entropy" << YAML::Value << r.entropy;
  if (!r.allowlist.empty()) {
    e << YAML::Key << "allowlist" << YAML::Value << YAML::BeginMap;
    EmitList(e, "paths", r.allowlist.paths, false);
    EmitList(e, "regexes", r.allowlist.regexes, true);
    EmitList(e, "match_regexes", r.allowlist.match_regexes, true);
    EmitList(e, "stopwords", r.allowlist.stopwords, false);
    e << YAML::EndMap;
  }
  e << YAML::EndMap;
}

void EmitPathRule(YAML::Emitter& e, const ImportedPathRule& r) {
  e << YAML::BeginMap;
  e << YAML::Key << "id" << YAML::Value << r.id;
  e << YAML::Key << "type" << YAML::Value << "forbidden_paths";
  e << YAML::Key << "description" << YAML::Value << r.description;
  e << YAML::Key << "regex" << YAML::Value;
  EmitRegex(e, r.regex);
  EmitList(e, "allow", r.allow, false);
  e << YAML::EndMap;
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

}  // namespace

void ImportedAllowlist::Append(const ImportedAllowlist& other) {
  auto add = [](const std::vector<std::string>& from,
                std::vector<std::string>* to) {
    to->insert(to->end(), from.begin(), from.end());
  };
  add(other.paths, &paths);
  add(other.regexes, &regexes);
  add(other.match_regexes, &match_regexes);
  add(other.stopwords, &stopwords);
}

std::string EmitLayerYaml(const ImportedLayer& layer) {
  YAML::Emitter e;
  e.SetIndent(2);
  e << YAML::Comment("Imported from " + OneLine(layer.file) +
                     " by `pushguard rules import gitleaks`" +
                     (layer.title.empty()
                          ? std::string()
                          : " (gitleaks title: " + OneLine(layer.title) + ")"));
  e << YAML::BeginMap;
  e << YAML::Key << "version" << YAML::Value << 1;
  if (!layer.rules.empty()) {
    e << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
    for (const ImportedRule& r : layer.rules) EmitRule(e, r);
    e << YAML::EndSeq;
  }
  if (!layer.path_rules.empty()) {
    e << YAML::Key << "policies" << YAML::Value << YAML::BeginSeq;
    for (const ImportedPathRule& r : layer.path_rules) EmitPathRule(e, r);
    e << YAML::EndSeq;
  }
  e << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

}  // namespace pushguard::rules

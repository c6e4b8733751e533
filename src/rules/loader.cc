#include "rules/loader.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "base/parallel.h"
#include "base/strings.h"
#include "rules/policy_layer.h"
#include "rules/settings_reader.h"
#include "rules/yaml_reader.h"

namespace pushguard::rules {
namespace {

const std::vector<std::string> kTopKeys = {
    "version",  "settings",  "limits", "rules",
    "policies", "allowlist", "audit",  "policy_repository"};
const std::vector<std::string> kLimitsKeys = {"time_budget", "on_timeout",
                                              "threads"};
// Named time budgets that fit a server's own hook timeout.
const std::map<std::string, double> kTimeBudgetPresets = {
    {"ghes", 4.5},     // GitHub Enterprise Server: 5 s for all hooks
    {"gitlab", 45.0},  // GitLab push checks time out at 50 s
    {"none", 0.0}};
const std::vector<std::string> kSettingsKeys = {
    "on_error", "max_findings_shown", "inline_allow_markers", "marker_bypass",
    "vendored_paths"};
const std::vector<std::string> kRuleKeys = {
    "id",       "description",       "mode",
    "regex",    "secret_group",      "keywords",
    "entropy",  "allowlist",         "remediation",
    "examples", "negative_examples", "enabled",
    "generic",  "priority",          "keyword_scope"};

// One layer's YAML document, or why it could not be parsed.
struct ParsedLayer {
  YAML::Node root;
  std::optional<Diagnostic> error;
};

ParsedLayer Parse(const PolicySource& source) {
  ParsedLayer out;
  try {
    out.root = YAML::Load(source.text);
  } catch (const YAML::Exception& e) {
    out.error = Diagnostic{source.name, e.mark.line >= 0 ? e.mark.line + 1 : 0,
                           "", "", "invalid YAML: " + e.msg};
  } catch (const std::exception& e) {
    out.error = Diagnostic{source.name, 0, "", "", e.what()};
  }
  return out;
}

class PolicyBuilder {
 public:
  explicit PolicyBuilder(std::vector<Diagnostic>* problems)
      : problems_(problems), push_(problems, &policy_.ignored) {}

  // Starts from `base` (a finished policy) as if its layers had been applied.
  void Seed(const Policy& base) {
    policy_ = base;
    policy_.secret_rules.clear();
    policy_.push_policies.clear();
    for (const SecretRule& rule : base.secret_rules) {
      rules_.emplace(rule.id, rule);
      order_.push_back(rule.id);
    }
    push_.Seed(base.push_policies);
  }

  void ApplyLayer(const PolicySource& source, const ParsedLayer& parsed) {
    policy_.sources.push_back(source.name);
    LayerReader reader(source.name, problems_);
    if (parsed.error) {
      problems_->push_back(*parsed.error);
      return;
    }
    const YAML::Node& root = parsed.root;
    if (root.IsNull()) return;  // an empty file adds nothing
    if (!root.IsMap()) {
      reader.Problem(root, "", "", "expected a mapping at the top level");
      return;
    }
    reader.CheckKeys(root, kTopKeys, "", "");
    if (YAML::Node v = root["version"]) {
      int version = 0;
      if (reader.GetInt(v, "", "version", 1, 1, &version)) {
        // Only version 1 exists.
      }
    }
    if (YAML::Node s = root["settings"]) ApplySettings(reader, s);
    if (YAML::Node a = root["audit"]) ApplyAudit(reader, a);
    if (YAML::Node r = root["policy_repository"]) {
      ReadPolicyRepository(reader, r, source.system,
                           &policy_.settings.policy_repository);
    }
    if (YAML::Node l = root["limits"]) ApplyLimits(reader, l);
    if (YAML::Node a = root["allowlist"]) {
      Allowlist extra;
      reader.ReadAllowlist(a, "", "allowlist", &extra);
      Append(extra, &policy_.allowlist);
    }
    if (YAML::Node r = root["rules"]) ApplyRules(reader, r);
    if (YAML::Node p = root["policies"]) push_.ApplyLayer(reader, p);
  }

  Policy Finish() {
    Policy out = policy_;
    out.secret_rules.clear();
    out.push_policies = push_.Finish();
    for (const std::string& id : order_) {
      auto it = rules_.find(id);
      if (it == rules_.end()) continue;
      const SecretRule& rule = it->second;
      if (rule.regex.empty()) {
        problems_->push_back({rule.origin.file, rule.origin.line, rule.id,
                              "regex", "missing (every rule needs a regex)"});
        continue;
      }
      out.secret_rules.push_back(rule);
    }
    return out;
  }

 private:
  static void Append(const Allowlist& from, Allowlist* to) {
    auto add = [](const std::vector<std::string>& a,
                  std::vector<std::string>* b) {
      b->insert(b->end(), a.begin(), a.end());
    };
    add(from.paths, &to->paths);
    add(from.regexes, &to->regexes);
    add(from.stopwords, &to->stopwords);
    add(from.fingerprints, &to->fingerprints);
    add(from.match_regexes, &to->match_regexes);
    add(from.checksum_paths, &to->checksum_paths);
    if (to->origin.file.empty()) to->origin = from.origin;
  }

  // audit: {file: PATH, syslog: BOOL, required: BOOL}, merged key by key.
  void ApplyAudit(LayerReader& reader, const YAML::Node& a) {
    if (!a.IsMap()) {
      reader.Problem(a, "", "audit", "expected a mapping");
      return;
    }
    reader.CheckKeys(a, {"file", "syslog", "required"}, "", "audit");
    AuditSettings& out = policy_.settings.audit;
    if (YAML::Node v = a["file"]) {
      std::string file;
      if (reader.GetString(v, "", "audit.file", &file)) {
        if (!file.empty() && file[0] != '/') {
          reader.Problem(v, "", "audit.file",
                         "must be an absolute path (or \"\" for none)");
        } else {
          out.file = file;
        }
      }
    }
    if (YAML::Node v = a["syslog"]) {
      reader.GetBool(v, "", "audit.syslog", &out.syslog);
    }
    if (YAML::Node v = a["required"]) {
      reader.GetBool(v, "", "audit.required", &out.required);
    }
  }

  void ApplySettings(LayerReader& reader, const YAML::Node& s) {
    if (!s.IsMap()) {
      reader.Problem(s, "", "settings", "expected a mapping");
      return;
    }
    reader.CheckKeys(s, kSettingsKeys, "", "settings");
    Settings& out = policy_.settings;
    if (YAML::Node v = s["on_error"]) {
      ReadOnError(reader, v, "settings.on_error", &out.on_error);
    }
    if (YAML::Node v = s["max_findings_shown"]) {
      reader.GetInt(v, "", "settings.max_findings_shown", 1, 10000,
                    &out.max_findings_shown);
    }
    if (YAML::Node v = s["inline_allow_markers"]) {
      reader.GetStringList(v, "", "settings.inline_allow_markers",
                           &out.inline_allow_markers);
    }
    if (YAML::Node v = s["marker_bypass"]) {
      ReadMarkerBypass(reader, v, &out.marker_bypass);
    }
    if (YAML::Node v = s["vendored_paths"]) {
      reader.GetStringList(v, "", "settings.vendored_paths",
                           &out.vendored_paths);
    }
  }

  void ApplyLimits(LayerReader& reader, const YAML::Node& l) {
    if (!l.IsMap()) {
      reader.Problem(l, "", "limits", "expected a mapping");
      return;
    }
    reader.CheckKeys(l, kLimitsKeys, "", "limits");
    Limits& out = policy_.settings.limits;
    if (YAML::Node v = l["time_budget"]) {
      auto preset = v.IsScalar() ? kTimeBudgetPresets.find(v.Scalar())
                                 : kTimeBudgetPresets.end();
      double seconds = 0;
      if (preset != kTimeBudgetPresets.end()) {
        out.time_budget_seconds = preset->second;
      } else if (reader.GetDouble(v, "", "limits.time_budget", &seconds)) {
        if (seconds < 0 || seconds > 86400) {
          reader.Problem(v, "", "limits.time_budget",
                         "must be between 0 and 86400 seconds, or one of "
                         "ghes, gitlab, none");
        } else {
          out.time_budget_seconds = seconds;
        }
      }
    }
    if (YAML::Node v = l["on_timeout"]) {
      ReadOnError(reader, v, "limits.on_timeout", &out.on_timeout);
    }
    if (YAML::Node v = l["threads"]) {
      reader.GetInt(v, "", "limits.threads", 0, 64, &out.threads);
    }
  }

  static void ReadOnError(LayerReader& reader, const YAML::Node& v,
                          const std::string& field, OnError* out) {
    std::string value;
    if (!reader.GetString(v, "", field, &value)) return;
    if (value == "reject") {
      *out = OnError::kReject;
    } else if (value == "accept") {
      *out = OnError::kAccept;
    } else {
      reader.Problem(v, "", field,
                     "expected 'reject' or 'accept', got '" +
                         EscapeForDisplay(value) + "'");
    }
  }

  void ApplyRules(LayerReader& reader, const YAML::Node& rules) {
    if (!rules.IsSequence()) {
      reader.Problem(rules, "", "rules", "expected a list of rules");
      return;
    }
    std::set<std::string> seen_in_layer;
    for (size_t i = 0; i < rules.size(); ++i) {
      const YAML::Node& node = rules[i];
      std::string where = "rules[" + std::to_string(i) + "]";
      if (!node.IsMap()) {
        reader.Problem(node, "", where, "expected a mapping");
        continue;
      }
      std::string id;
      if (!node["id"]) {
        reader.Problem(node, "", where + ".id", "missing");
        continue;
      }
      if (!reader.GetString(node["id"], "", where + ".id", &id)) continue;
      if (!ValidRuleId(id)) {
        reader.Problem(node["id"], EscapeForDisplay(id), "id",
                       "must be lowercase letters, digits, '-', '_' or '.'");
        continue;
      }
      if (!seen_in_layer.insert(id).second) {
        reader.Problem(node, id, "id", "duplicate rule id in this file");
        continue;
      }
      ApplyRule(reader, node, id);
    }
  }

  void ApplyRule(LayerReader& reader, const YAML::Node& node,
                 const std::string& id) {
    reader.CheckKeys(node, kRuleKeys, id, "");
    bool exists = rules_.count(id) > 0;
    if (YAML::Node v = node["enabled"]) {
      bool enabled = true;
      if (reader.GetBool(v, id, "enabled", &enabled) && !enabled) {
        if (!exists) {
          std::vector<std::string> ids(order_.begin(), order_.end());
          std::string hint = DidYouMean(id, ids);
          reader.Problem(
              v, id, "enabled",
              "no earlier rule with this id to disable" +
                  (hint.empty() ? std::string()
                                : " (did you mean '" + hint + "'?)"));
        }
        rules_.erase(id);
        return;
      }
    }
    SecretRule& rule = rules_[id];
    if (!exists) {
      rule.id = id;
      rule.origin = {reader.file(), LayerReader::LineOf(node)};
      order_.push_back(id);
    }
    if (YAML::Node v = node["description"]) {
      reader.GetString(v, id, "description", &rule.description);
    }
    if (YAML::Node v = node["mode"]) {
      reader.GetMode(v, id, "mode", &rule.mode);
    }
    if (YAML::Node v = node["regex"]) {
      std::string regex;
      if (reader.GetString(v, id, "regex", &regex)) {
        if (regex.empty()) {
          reader.Problem(v, id, "regex", "must not be empty");
        } else {
          rule.regex = regex;
          rule.regex_origin = {reader.file(), LayerReader::LineOf(v)};
          rule.regex_definitions.push_back(rule.regex_origin);
        }
      }
    }
    if (YAML::Node v = node["secret_group"]) {
      reader.GetInt(v, id, "secret_group", 0, 99, &rule.secret_group);
    }
    if (YAML::Node v = node["keywords"]) {
      std::vector<std::string> keywords;
      if (reader.GetStringList(v, id, "keywords", &keywords)) {
        rule.keywords.clear();
        for (size_t k = 0; k < keywords.size(); ++k) {
          if (keywords[k].empty()) {
            reader.Problem(v, id, "keywords[" + std::to_string(k) + "]",
                           "must not be empty");
          } else {
            rule.keywords.push_back(AsciiLower(keywords[k]));
          }
        }
      }
    }
    if (YAML::Node v = node["entropy"]) {
      double entropy = 0;
      if (reader.GetDouble(v, id, "entropy", &entropy)) {
        if (entropy < 0 || entropy > 8) {
          reader.Problem(v, id, "entropy",
                         "must be between 0 and 8 bits per character");
        } else {
          rule.min_entropy = entropy;
        }
      }
    }
    if (YAML::Node v = node["generic"]) {
      reader.GetBool(v, id, "generic", &rule.generic);
    }
    if (YAML::Node v = node["priority"]) {
      reader.GetInt(v, id, "priority", -100, 100, &rule.priority);
    }
    if (YAML::Node v = node["keyword_scope"]) {
      std::string scope;
      if (reader.GetString(v, id, "keyword_scope", &scope)) {
        if (scope == "lines" || scope == "file") {
          rule.keywords_anywhere = scope == "file";
        } else {
          reader.Problem(v, id, "keyword_scope",
                         "must be 'lines' or 'file', not '" + scope + "'");
        }
      }
    }
    if (YAML::Node v = node["allowlist"]) {
      // Allowlists only grow: a later layer (organisation, repository) adds
      // fingerprints or stopwords without losing the earlier ones.
      Allowlist extra;
      reader.ReadAllowlist(v, id, "allowlist", &extra);
      Append(extra, &rule.allowlist);
    }
    if (YAML::Node v = node["remediation"]) {
      reader.GetString(v, id, "remediation", &rule.remediation);
    }
    if (YAML::Node v = node["examples"]) {
      reader.GetStringList(v, id, "examples", &rule.examples);
    }
    if (YAML::Node v = node["negative_examples"]) {
      reader.GetStringList(v, id, "negative_examples", &rule.negative_examples);
    }
    if (rule.description.empty()) rule.description = id;
  }

  std::vector<Diagnostic>* problems_;
  Policy policy_;
  PushPolicyBuilder push_;
  std::map<std::string, SecretRule> rules_;
  std::vector<std::string> order_;
};

Policy LoadOnto(const Policy* base, const std::vector<PolicySource>& layers,
                std::vector<Diagnostic>* problems) {
  // Parsing is most of the cost of loading (the embedded pack alone is 40
  // files) and layers parse independently; applying them stays in order.
  std::vector<ParsedLayer> parsed(layers.size());
  ParallelFor(layers.size(), DefaultWorkers(),
              [&](size_t, size_t i) { parsed[i] = Parse(layers[i]); });
  PolicyBuilder builder(problems);
  if (base != nullptr) builder.Seed(*base);
  for (size_t i = 0; i < layers.size(); ++i) {
    try {
      builder.ApplyLayer(layers[i], parsed[i]);
    } catch (const std::exception& e) {
      // yaml-cpp may throw from accessors on malformed documents.
      problems->push_back({layers[i].name, 0, "", "", e.what()});
    }
  }
  return builder.Finish();
}

}  // namespace

Policy LoadPolicy(const std::vector<PolicySource>& layers,
                  std::vector<Diagnostic>* problems) {
  return LoadOnto(nullptr, layers, problems);
}

Policy LoadPolicy(const Policy& base, const std::vector<PolicySource>& layers,
                  std::vector<Diagnostic>* problems) {
  return LoadOnto(&base, layers, problems);
}

}  // namespace pushguard::rules

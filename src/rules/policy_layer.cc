#include "rules/policy_layer.h"

#include <algorithm>
#include <set>

#include "base/strings.h"

namespace pushguard::rules {
namespace {

const std::vector<std::string> kCommonKeys = {
    "id",    "type",        "description", "mode",   "scope",
    "modes", "remediation", "mandatory",   "bypass", "enabled"};
const std::vector<std::string> kScopeKeys = {"repos", "refs", "exempt_users"};
const std::vector<std::string> kScopedModeKeys = {"repos", "refs", "mode"};
const std::vector<std::string> kBypassKeys = {"bypassable", "users"};

std::vector<std::string> TypeNames() {
  std::vector<std::string> names;
  for (const PolicyTypeSpec& t : PolicyTypes()) names.push_back(t.name);
  return names;
}

std::string Hint(const std::string& word,
                 const std::vector<std::string>& candidates) {
  std::string hint = DidYouMean(word, candidates);
  return hint.empty() ? "" : " (did you mean '" + hint + "'?)";
}

void ReadScope(LayerReader& reader, const YAML::Node& node,
               const std::string& id, Scope* scope) {
  if (!node.IsMap()) {
    reader.Problem(node, id, "scope", "expected a mapping");
    return;
  }
  reader.CheckKeys(node, kScopeKeys, id, "scope");
  if (YAML::Node v = node["repos"]) {
    reader.GetStringList(v, id, "scope.repos", &scope->repos);
  }
  if (YAML::Node v = node["refs"]) {
    reader.GetStringList(v, id, "scope.refs", &scope->refs);
  }
  if (YAML::Node v = node["exempt_users"]) {
    reader.GetStringList(v, id, "scope.exempt_users", &scope->exempt_users);
  }
}

void ReadModes(LayerReader& reader, const YAML::Node& node,
               const std::string& id, std::vector<ScopedMode>* out) {
  if (!node.IsSequence()) {
    reader.Problem(node, id, "modes", "expected a list of {refs, repos, mode}");
    return;
  }
  std::vector<ScopedMode> modes;
  for (size_t i = 0; i < node.size(); ++i) {
    const YAML::Node& entry = node[i];
    std::string field = "modes[" + std::to_string(i) + "]";
    if (!entry.IsMap()) {
      reader.Problem(entry, id, field, "expected a mapping");
      return;
    }
    reader.CheckKeys(entry, kScopedModeKeys, id, field);
    ScopedMode m;
    bool ok = true;
    if (entry["repos"]) {
      ok &=
          reader.GetStringList(entry["repos"], id, field + ".repos", &m.repos);
    }
    if (entry["refs"]) {
      ok &= reader.GetStringList(entry["refs"], id, field + ".refs", &m.refs);
    }
    if (!entry["mode"]) {
      reader.Problem(entry, id, field + ".mode", "missing");
      ok = false;
    } else {
      ok &= reader.GetMode(entry["mode"], id, field + ".mode", &m.mode);
    }
    if (ok && m.repos.empty() && m.refs.empty()) {
      reader.Problem(entry, id, field,
                     "needs repos or refs (the policy's own mode covers the "
                     "rest)");
      ok = false;
    }
    if (!ok) return;
    modes.push_back(std::move(m));
  }
  *out = std::move(modes);
}

void ReadBypass(LayerReader& reader, const YAML::Node& node,
                const std::string& id, BypassRule* bypass) {
  if (!node.IsMap()) {
    reader.Problem(node, id, "bypass", "expected a mapping");
    return;
  }
  reader.CheckKeys(node, kBypassKeys, id, "bypass");
  if (YAML::Node v = node["bypassable"]) {
    reader.GetBool(v, id, "bypass.bypassable", &bypass->bypassable);
  }
  if (YAML::Node v = node["users"]) {
    reader.GetStringList(v, id, "bypass.users", &bypass->users);
  }
}

bool ReadParam(LayerReader& reader, const YAML::Node& v, const std::string& id,
               const ParamSpec& spec, ParamValue* out) {
  ParamValue value = *out;
  bool ok = false;
  switch (spec.kind) {
    case ParamKind::kSize:
      ok = reader.GetSize(v, id, spec.key, &value.number, &value.unit);
      break;
    case ParamKind::kCount: {
      int n = 0;
      ok = reader.GetInt(v, id, spec.key, 0, 1000000, &n);
      value.number = n;
      break;
    }
    case ParamKind::kBool:
      ok = reader.GetBool(v, id, spec.key, &value.flag);
      break;
    case ParamKind::kRegex:
      ok = reader.GetString(v, id, spec.key, &value.text);
      break;
    case ParamKind::kPath:
      ok = reader.GetString(v, id, spec.key, &value.text);
      if (ok && !value.text.empty() && value.text[0] != '/') {
        reader.Problem(v, id, spec.key, "must be an absolute path");
        ok = false;
      }
      break;
    case ParamKind::kStringList:
    case ParamKind::kWordList:
      ok = reader.GetStringList(v, id, spec.key, &value.list);
      for (size_t i = 0; ok && i < value.list.size(); ++i) {
        const std::string& w = value.list[i];
        if (spec.kind == ParamKind::kWordList &&
            std::find(spec.words.begin(), spec.words.end(), w) ==
                spec.words.end()) {
          reader.Problem(v, id,
                         std::string(spec.key) + "[" + std::to_string(i) + "]",
                         "unknown value '" + EscapeForDisplay(w) + "'" +
                             Hint(w, spec.words));
          ok = false;
        } else if (w.empty()) {
          reader.Problem(v, id,
                         std::string(spec.key) + "[" + std::to_string(i) + "]",
                         "must not be empty");
          ok = false;
        }
      }
      break;
  }
  if (!ok) return false;
  value.set = true;
  value.origin = reader.OriginOf(v);
  *out = std::move(value);
  return true;
}

}  // namespace

void PushPolicyBuilder::ApplyLayer(LayerReader& reader,
                                   const YAML::Node& policies) {
  if (!policies.IsSequence()) {
    reader.Problem(policies, "", "policies", "expected a list of policies");
    return;
  }
  std::set<std::string> seen_in_layer;
  for (size_t i = 0; i < policies.size(); ++i) {
    const YAML::Node& node = policies[i];
    std::string where = "policies[" + std::to_string(i) + "]";
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
      reader.Problem(node, id, "id", "duplicate policy id in this file");
      continue;
    }
    ApplyPolicy(reader, node, id);
  }
}

void PushPolicyBuilder::ApplyPolicy(LayerReader& reader, const YAML::Node& node,
                                    const std::string& id) {
  if (Disable(reader, node, id)) return;
  auto existing = policies_.find(id);
  if (existing == policies_.end()) {
    PushPolicy* created = Create(reader, node, id);
    if (created == nullptr) return;
    ReadCommon(reader, node, created);
    ReadParams(reader, node, SpecOf(created->type), created);
    return;
  }
  PushPolicy after = existing->second;
  if (YAML::Node t = node["type"]) {
    std::string type;
    if (reader.GetString(t, id, "type", &type) &&
        type != PolicyTypeName(after.type)) {
      reader.Problem(t, id, "type",
                     "cannot change the type of a policy defined in " +
                         after.origin.file + ":" +
                         std::to_string(after.origin.line) + " (was '" +
                         PolicyTypeName(after.type) + "'); use a new id");
    }
  }
  ReadCommon(reader, node, &after);
  ReadParams(reader, node, SpecOf(after.type), &after);
  if (existing->second.mandatory) {
    KeepMandatory(reader, node, existing->second, &after, ignored_);
  }
  if (std::find(after.changed_by.begin(), after.changed_by.end(),
                reader.file()) == after.changed_by.end()) {
    after.changed_by.push_back(reader.file());
  }
  existing->second = std::move(after);
}

// `enabled: false` removes the policy, unless it is mandatory. Returns true
// when the entry was a removal.
bool PushPolicyBuilder::Disable(LayerReader& reader, const YAML::Node& node,
                                const std::string& id) {
  YAML::Node v = node["enabled"];
  bool enabled = true;
  if (!v || !reader.GetBool(v, id, "enabled", &enabled) || enabled) {
    return false;
  }
  auto it = policies_.find(id);
  if (it == policies_.end()) {
    reader.Problem(
        v, id, "enabled",
        "no earlier policy with this id to disable" + Hint(id, order_));
  } else if (it->second.mandatory) {
    const Origin& m = it->second.mandatory_origin;
    ignored_->push_back({reader.file(), LayerReader::LineOf(v), id, "enabled",
                         "ignored: the policy is mandatory (" + m.file + ":" +
                             std::to_string(m.line) +
                             ") and cannot be disabled here"});
  } else {
    policies_.erase(it);
  }
  return true;
}

PushPolicy* PushPolicyBuilder::Create(LayerReader& reader,
                                      const YAML::Node& node,
                                      const std::string& id) {
  YAML::Node t = node["type"];
  if (!t) {
    reader.Problem(node, id, "type",
                   "missing (a new policy needs a type; no earlier layer "
                   "defines '" +
                       id + "'" + Hint(id, order_) + ")");
    return nullptr;
  }
  std::string type_name;
  if (!reader.GetString(t, id, "type", &type_name)) return nullptr;
  std::optional<PolicyType> type = ParsePolicyType(type_name);
  if (!type) {
    reader.Problem(t, id, "type",
                   "unknown policy type '" + EscapeForDisplay(type_name) + "'" +
                       Hint(type_name, TypeNames()));
    return nullptr;
  }
  PushPolicy& p = policies_[id];
  p.id = id;
  p.type = *type;
  p.description = SpecOf(*type).summary;
  p.origin = reader.OriginOf(node);
  for (const ParamSpec& spec : SpecOf(*type).params) {
    p.params[spec.key] = DefaultValue(spec);
  }
  order_.push_back(id);
  return &p;
}

void PushPolicyBuilder::ReadCommon(LayerReader& reader, const YAML::Node& node,
                                   PushPolicy* p) {
  const std::string& id = p->id;
  if (YAML::Node v = node["description"]) {
    reader.GetString(v, id, "description", &p->description);
  }
  if (YAML::Node v = node["mode"]) reader.GetMode(v, id, "mode", &p->mode);
  if (YAML::Node v = node["scope"]) ReadScope(reader, v, id, &p->scope);
  if (YAML::Node v = node["modes"]) ReadModes(reader, v, id, &p->modes);
  if (YAML::Node v = node["remediation"]) {
    reader.GetString(v, id, "remediation", &p->remediation);
  }
  if (YAML::Node v = node["mandatory"]) {
    bool mandatory = false;
    if (reader.GetBool(v, id, "mandatory", &mandatory)) {
      if (mandatory && !p->mandatory) p->mandatory_origin = reader.OriginOf(v);
      p->mandatory = mandatory;
    }
  }
  if (YAML::Node v = node["bypass"]) ReadBypass(reader, v, id, &p->bypass);
}

void PushPolicyBuilder::ReadParams(LayerReader& reader, const YAML::Node& node,
                                   const PolicyTypeSpec& type, PushPolicy* p) {
  std::vector<std::string> known = kCommonKeys;
  for (const ParamSpec& spec : type.params) known.push_back(spec.key);
  reader.CheckKeys(node, known, p->id, "");
  for (const ParamSpec& spec : type.params) {
    if (YAML::Node v = node[spec.key]) {
      ReadParam(reader, v, p->id, spec, &p->params[spec.key]);
    }
  }
}

void PushPolicyBuilder::Seed(const std::vector<PushPolicy>& policies) {
  for (const PushPolicy& p : policies) {
    policies_.emplace(p.id, p);
    order_.push_back(p.id);
  }
}

std::vector<PushPolicy> PushPolicyBuilder::Finish() {
  std::vector<PushPolicy> out;
  for (const std::string& id : order_) {
    auto it = policies_.find(id);
    if (it == policies_.end()) continue;
    const PushPolicy& p = it->second;
    const PolicyTypeSpec& type = SpecOf(p.type);
    bool ok = true;
    if (!type.requires_one_of.empty() &&
        std::none_of(type.requires_one_of.begin(), type.requires_one_of.end(),
                     [&](const std::string& k) {
                       const ParamValue* v = p.Find(k);
                       return v != nullptr && v->set;
                     })) {
      std::string keys;
      for (const std::string& k : type.requires_one_of) {
        keys += (keys.empty() ? "" : ", ") + k;
      }
      problems_->push_back(
          {p.origin.file, p.origin.line, id, "",
           type.requires_one_of.size() == 1
               ? keys + ": missing (a " + type.name + " policy needs it)"
               : "a " + std::string(type.name) +
                     " policy needs at least one of: " + keys});
      ok = false;
    }
    if (type.requires_scope_refs && p.scope.refs.empty()) {
      problems_->push_back({p.origin.file, p.origin.line, id, "scope.refs",
                            "missing (name the refs to protect, e.g. "
                            "[refs/heads/main, refs/heads/release/*])"});
      ok = false;
    }
    if (ok) out.push_back(p);
  }
  return out;
}

}  // namespace pushguard::rules

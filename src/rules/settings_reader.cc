#include "rules/settings_reader.h"

#include "rules/loader.h"

namespace pushguard::rules {

void ReadMarkerBypass(LayerReader& reader, const YAML::Node& node,
                      MarkerBypass* out) {
  const std::string field = "settings.marker_bypass";
  if (!node.IsMap()) {
    reader.Problem(node, "", field,
                   "expected a mapping {enabled, users, modes}");
    return;
  }
  reader.CheckKeys(node, {"enabled", "users", "modes"}, "", field);
  out->origin = reader.OriginOf(node);
  if (YAML::Node v = node["enabled"]) {
    reader.GetBool(v, "", field + ".enabled", &out->enabled);
  }
  if (YAML::Node v = node["users"]) {
    std::vector<std::string> users;
    if (reader.GetStringList(v, "", field + ".users", &users)) {
      out->users = users;
    }
  }
  if (YAML::Node v = node["modes"]) {
    if (!v.IsSequence()) {
      reader.Problem(v, "", field + ".modes",
                     "expected a list of modes (enforce, warn, evaluate)");
      return;
    }
    std::vector<Mode> modes;
    bool ok = true;
    for (size_t i = 0; i < v.size(); ++i) {
      Mode mode = Mode::kEnforce;
      std::string at = field + ".modes[" + std::to_string(i) + "]";
      if (reader.GetMode(v[i], "", at, &mode)) {
        modes.push_back(mode);
      } else {
        ok = false;
      }
    }
    if (ok) out->modes = modes;
  }
}

namespace {

// A full ref name git would accept, roughly: refs/..., no "..", no spaces
// or control characters, no trailing '/' or ".lock".
bool PlausibleRefName(const std::string& ref) {
  if (!ref.starts_with("refs/") || ref.size() <= 5) return false;
  if (ref.find("..") != std::string::npos || ref.back() == '/' ||
      ref.ends_with(".lock")) {
    return false;
  }
  for (unsigned char c : ref) {
    if (c <= ' ' || c == 0x7f || c == '~' || c == '^' || c == ':' || c == '?' ||
        c == '*' || c == '[' || c == '\\') {
      return false;
    }
  }
  return true;
}

}  // namespace

void ReadPolicyRepository(LayerReader& reader, const YAML::Node& node,
                          bool system_layer, PolicyRepository* out) {
  const std::string field = "policy_repository";
  if (!system_layer) {
    reader.Problem(node, "", field,
                   "only /etc/pushguard/*.yaml (the system layer) may name "
                   "the policy repository");
    return;
  }
  if (!node.IsMap()) {
    reader.Problem(node, "", field, "expected a mapping {path, ref}");
    return;
  }
  reader.CheckKeys(node, {"path", "ref"}, "", field);
  PolicyRepository read = *out;
  bool ok = true;
  if (YAML::Node v = node["path"]) {
    std::string path;
    if (!reader.GetString(v, "", field + ".path", &path)) {
      ok = false;
    } else if (path.empty() || path[0] != '/') {
      reader.Problem(v, "", field + ".path",
                     "must be the absolute path of the repository on this "
                     "server");
      ok = false;
    } else {
      read.path = path;
    }
  } else if (out->path.empty()) {
    reader.Problem(node, "", field + ".path", "missing");
    ok = false;
  }
  if (YAML::Node v = node["ref"]) {
    std::string ref;
    if (!reader.GetString(v, "", field + ".ref", &ref)) {
      ok = false;
    } else if (!PlausibleRefName(ref)) {
      reader.Problem(v, "", field + ".ref",
                     "must be a full ref name such as refs/heads/main");
      ok = false;
    } else {
      read.ref = ref;
    }
  }
  if (!ok) return;
  read.origin = reader.OriginOf(node);
  *out = read;
}

PolicyRepository FindPolicyRepository(const std::vector<PolicySource>& layers,
                                      std::vector<Diagnostic>* problems) {
  PolicyRepository out;
  for (const PolicySource& layer : layers) {
    if (!layer.system) continue;
    LayerReader reader(layer.name, problems);
    try {
      YAML::Node root = YAML::Load(layer.text);
      if (!root.IsMap()) continue;
      if (YAML::Node r = root["policy_repository"]) {
        ReadPolicyRepository(reader, r, true, &out);
      }
    } catch (const std::exception&) {
      // Invalid YAML: LoadPolicy reports it with the file's other problems.
    }
  }
  return out;
}

}  // namespace pushguard::rules

#include "rules/settings_reader.h"

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

}  // namespace pushguard::rules

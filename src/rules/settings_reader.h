// Reading parts of the `settings:` section that have their own structure.
// Internal to rules/ (loader.cc).
#pragma once

#include <yaml-cpp/yaml.h>

#include "rules/policy.h"
#include "rules/yaml_reader.h"

namespace pushguard::rules {

// settings.marker_bypass: {enabled: BOOL, users: [NAME...], modes: [MODE...]},
// merged key by key into *out (a later layer replaces a key it sets). Every
// problem is reported through `reader` at its line; *out keeps the keys
// that were valid.
void ReadMarkerBypass(LayerReader& reader, const YAML::Node& node,
                      MarkerBypass* out);

// policy_repository: {path: ABSOLUTE_PATH, ref: refs/...}, merged key by key
// into *out. Only a system layer (`system_layer`) may set it; elsewhere it
// is a problem and *out is unchanged.
void ReadPolicyRepository(LayerReader& reader, const YAML::Node& node,
                          bool system_layer, PolicyRepository* out);

}  // namespace pushguard::rules

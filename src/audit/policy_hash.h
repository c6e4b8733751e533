// The identity of the effective configuration a decision was made under:
// the audit record's `policy_hash`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pushguard::audit {

// One configuration layer: its name (a path, "policies/...") and the hex
// SHA-256 of its text (rules::LayerDigest: precomputed for the embedded
// files, so no push hashes their megabyte again). Views: the strings must
// outlive the call.
struct PolicyLayerDigest {
  std::string_view name;
  std::string_view digest;
};

// "sha256:<64 hex digits>" over every layer's name and digest, in order,
// each preceded by its length (base/sha256.h: UpdateField), so "ab"+"c" and
// "a"+"bc" differ. The same layers give the same hash on every machine; any
// change to a name, a text or the order changes it.
std::string PolicyHash(const std::vector<PolicyLayerDigest>& layers);

}  // namespace pushguard::audit

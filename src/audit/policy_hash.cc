#include "audit/policy_hash.h"

#include "base/sha256.h"

namespace pushguard::audit {

std::string PolicyHash(const std::vector<PolicyLayerDigest>& layers) {
  Sha256 hash;
  for (const PolicyLayerDigest& layer : layers) {
    hash.UpdateField(layer.name);
    hash.UpdateField(layer.digest);
  }
  return "sha256:" + hash.HexDigest();
}

}  // namespace pushguard::audit

#include "audit/policy_hash.h"

#include "base/sha256.h"

namespace pushguard::audit {

std::string PolicyHash(const std::vector<PolicyText>& layers) {
  Sha256 hash;
  for (const PolicyText& layer : layers) {
    // "<name length>:<name>:<text length>:<text>": the bytes every earlier
    // version hashed, so a log's records keep grouping by policy.
    hash.Update(std::to_string(layer.name.size()) + ":");
    hash.Update(layer.name);
    hash.Update(":" + std::to_string(layer.text.size()) + ":");
    hash.Update(layer.text);
  }
  return "sha256:" + hash.HexDigest();
}

}  // namespace pushguard::audit

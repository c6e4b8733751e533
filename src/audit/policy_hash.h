// The identity of the effective configuration a decision was made under:
// the audit record's `policy_hash`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pushguard::audit {

// One configuration layer as read: its name (a path, "policies/...") and
// its text. Views: the layer must outlive the call.
struct PolicyText {
  std::string_view name;
  std::string_view text;
};

// "sha256:<64 hex digits>" over every layer's name and text, in order. The
// same layers give the same hash on every machine and version; any change
// to a name, a text or the order changes it (each field is hashed with its
// length, so "ab"+"c" and "a"+"bc" differ).
std::string PolicyHash(const std::vector<PolicyText>& layers);

}  // namespace pushguard::audit

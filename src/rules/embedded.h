// The default policy compiled into the binary (policies/*.yaml, embedded by
// src/rules/embed_policies.sh at build time).
#pragma once

#include <vector>

#include "rules/loader.h"

namespace pushguard::rules {

// The embedded policy files, in load order. Valid for the program's lifetime.
const std::vector<PolicySource>& EmbeddedPolicies();

}  // namespace pushguard::rules

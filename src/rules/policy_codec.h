// The binary form of a loaded Policy: what the build stores as the compiled
// default policy (no YAML is parsed at run time for it) and what the cache of
// compiled configurations holds (config/compiled_cache.h). Every field of
// every struct in policy.h and push_policy.h is encoded; a field added there
// without being added here fails to compile (policy_codec.cc lists each
// struct's fields once, for both directions).
//
//   ByteWriter w;
//   EncodePolicy(policy, &w);
//   ByteReader r(w.bytes());
//   Result<Policy> back = DecodePolicy(&r);  // == policy, field for field
#pragma once

#include "base/byte_codec.h"
#include "base/status.h"
#include "rules/policy.h"

namespace pushguard::rules {

// Appends `policy` to *out.
void EncodePolicy(const Policy& policy, ByteWriter* out);

// Reads a policy EncodePolicy() wrote. Corruption (and *in failed) when the
// bytes are truncated or hold an impossible value (an unknown mode or
// policy type, a count larger than the input); never crashes on damaged input.
Result<Policy> DecodePolicy(ByteReader* in);

// The same for the matching part of a configuration (match::RuleSet's).
void EncodeMatchSpec(const MatchSpec& spec, ByteWriter* out);
Result<MatchSpec> DecodeMatchSpec(ByteReader* in);

}  // namespace pushguard::rules

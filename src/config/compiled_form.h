// The stored form of a compiled configuration (its settings, push policies,
// sources and ignored changes as rules::EncodePolicy writes them, then
// match::RuleSet::Encode: the secret rules and their keyword database), as
// the build embeds the default policy and as the cache of compiled
// configurations keeps entries:
//
//   "pushguard compiled configuration\n"  magic
//   u32   format version (kCompiledFormatVersion)
//   str   identity: which build may read it (BuildIdentity())
//   u32   CRC-32 of the payload
//   str   payload
//
// A reader trusts only bytes its own build wrote: any other identity, a
// damaged header or a wrong checksum is refused (callers then compile from
// the YAML again; a bad entry is ignored, never trusted).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "config/compiled_config.h"

namespace pushguard::config {

// Bump when the layout above or what Encode() writes changes meaning
// without changing the build identity (the embedded pack's case).
// 2: a push policy's type is an enum value (was its name); the payload is
// the configuration's own part, then the rule set's (was the rule set's
// whole policy).
inline constexpr uint32_t kCompiledFormatVersion = 2;

// The identity the cache keys and checks entries by: this executable's GNU
// build id (the linker's hash of the whole binary, so any change of code or
// of the embedded policy gives a new one), or "" when it has none (then
// nothing is cached).
std::string BuildIdentity();

// `config` in stored form, readable by a build of identity `identity`.
// REQUIRES: `config` compiled without problems.
std::string WrapCompiled(const CompiledConfig& config,
                         std::string_view identity);

// Whether UnwrapCompiled() verifies the payload's checksum: always for
// bytes read from a file; not for the pack built into the binary.
enum class Verify { kChecksum, kTrusted };

// The configuration stored in `bytes` (its push policies compiled again:
// their regexes are not stored). Corruption when the bytes were written for
// another identity or format, are truncated, fail their checksum, or hold a
// push policy that does not compile.
Result<CompiledConfig> UnwrapCompiled(std::string_view bytes,
                                      std::string_view identity,
                                      Verify verify = Verify::kChecksum);

}  // namespace pushguard::config

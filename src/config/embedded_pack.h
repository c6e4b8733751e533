// The embedded default policy (rules/embedded.h), compiled at build time:
// build/compile_pack (config/compile_pack_main.cc) loads and compiles the
// policy files and writes build/gen/embedded_pack.cc, which the pushguard
// binaries link. A run whose layers are the default policy alone decodes it
// instead of parsing the YAML and compiling the keyword database.
#pragma once

#include <string_view>

namespace pushguard::config {

// The identity the build writes the embedded pack for (compiled_form.h):
// it is readable by any binary that links it.
inline constexpr std::string_view kEmbeddedPackIdentity = "embedded-default";

// The pack in stored form (config/compiled_form.h); valid for the
// program's lifetime.
std::string_view EmbeddedCompiledPack();

}  // namespace pushguard::config

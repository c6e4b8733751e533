// The POSIX sh scripts `pushguard install` writes as hooks. Each carries the
// marker comment (kMarker) on its second line, so an installed hook is
// recognised as pushguard's, and execs `<pushguard> <hook> "$@"`.
#pragma once

#include <string>

namespace pushguard::install {

// Marker that identifies a hook written by Install().
inline constexpr char kMarker[] = "# installed by pushguard install";
// Name a pre-existing hooks/pre-receive is kept under.
inline constexpr char kChainedName[] = "pre-receive.pushguard-chained";

// The name a pre-existing `hook` is kept under ("<hook>.pushguard-chained").
std::string ChainedName(const std::string& hook);

// The script for `hook` ("pre-receive", "pre-commit" or "pre-push"), which
// runs `pushguard_path <hook>`. With `chained`, the script keeps the hook that
// was there before as ChainedName(hook): it buffers stdin (for hooks that
// read it), runs pushguard, then, only if pushguard succeeded, the chained
// hook with the same arguments and input.
// `arguments` follow the hook's name on pushguard's command line as written
// (e.g. " --trust-env"; the caller quotes them).
std::string HookScript(const std::string& pushguard_path,
                       const std::string& hook, bool chained,
                       const std::string& arguments = "");

// HookScript(pushguard_path, "pre-receive", chained).
std::string HookScript(const std::string& pushguard_path, bool chained);

// Quotes `s` for sh: inside single quotes everything is literal but '.
std::string ShellQuote(const std::string& s);

}  // namespace pushguard::install

// Human-readable reports. In hook mode git shows the hook's output to the
// pusher as "remote: " lines and colours lines that start with "error:",
// "warning:" or "hint:". Every untrusted field (paths, refs, messages) is
// escaped, so nothing pushed can inject terminal control sequences.
#pragma once

#include <string>

#include "base/finding.h"

namespace pushguard::report {

struct TextOptions {
  size_t max_findings = 20;  // listed in full; the rest are counted
  bool hook = true;          // wording for a push (vs. a scan of history)
};

// When the guard failed (decision.error), the wording follows the verdict:
// a rejection says the guard failed, an acceptance (on_error / on_timeout:
// accept) warns that the push was not fully checked.
std::string RenderText(const Decision& decision, const TextOptions& options);

}  // namespace pushguard::report

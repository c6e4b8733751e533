// The human-readable part of a report about push policies (findings of kind
// "policy") and the decision's notices. Internal to report/; RenderText()
// (text.h) puts it after the secrets.
#pragma once

#include <string>

#include "base/finding.h"
#include "report/text.h"

namespace pushguard::report {

// Blocking policy findings as "error:" lines (what, where, what to change,
// then the policies' remediation as "hint:"), non-blocking ones as
// "warning:" lines, evaluate-mode ones not at all (they are only logged);
// then every notice as a "warning:" line. Untrusted text is escaped.
std::string RenderPolicyText(const Decision& decision,
                             const TextOptions& options);

}  // namespace pushguard::report

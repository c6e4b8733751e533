// The machine-readable report (DESIGN.md "JSON report"):
// {"version":1,"verdict":...,"findings":[...],"stats":{...}}. Findings with
// info severity (evaluate mode) are left out; the audit log records them.
#pragma once

#include <string>

#include "base/finding.h"

namespace pushguard::report {

// One JSON document followed by a newline. Always valid JSON and UTF-8.
std::string RenderJson(const Decision& decision);

}  // namespace pushguard::report

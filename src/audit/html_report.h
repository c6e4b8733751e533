// `pushguard log --format html`: one self-contained HTML page (inline CSS
// and SVG, no scripts, no external assets; a Content-Security-Policy
// forbids loading any) with the --stats summary, a chart of decisions per
// day and the list of rejections. Every value from the log is escaped.
//
// Figures carry stable ids for tests and scrapers: #total-pushes,
// #total-accepted, #total-rejected, #total-errors, #total-warned,
// #total-bypassed, and data-* attributes on the chart's bars.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "audit/record.h"
#include "audit/stats.h"

namespace pushguard::audit {

// The rejections list shows at most this many, the most recent.
inline constexpr size_t kMaxHtmlRejections = 500;

std::string RenderHtml(const LogStats& stats,
                       const std::vector<AuditRecord>& records,
                       int64_t generated_ms);

// Escapes & < > " ' (after making control characters visible).
std::string EscapeHtml(const std::string& text);

}  // namespace pushguard::audit

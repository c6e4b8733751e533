// Renderings of audit records for `pushguard log`: an aligned table, CSV,
// JSON Lines, and the --stats summary as text or JSON. Every field taken
// from a record is escaped for its format (terminal, CSV, JSON), so nothing
// pushed can inject control sequences or formulas.
#pragma once

#include <string>
#include <vector>

#include "audit/record.h"
#include "audit/stats.h"

namespace pushguard::audit {

// A header line and one aligned row per record (columns sized to fit, long
// values shortened with "..."). `with_node` adds a NODE column (second), for
// a view over several servers' logs.
std::string RenderTable(const std::vector<AuditRecord>& records,
                        bool with_node = false);

// For --follow and long listings: the header, then rows with fixed column
// widths.
std::string TableHeaderFixed(bool with_node = false);
std::string TableRowFixed(const AuditRecord& record, bool with_node = false);

// RFC 4180 CSV with a header row; values that a spreadsheet would run as a
// formula (leading = + - @ tab CR) are prefixed with a single quote.
std::string CsvHeader();
std::string CsvRow(const AuditRecord& record);

// The record's line as it is in the log (JSON Lines).
std::string JsonLine(const AuditRecord& record);

std::string RenderStatsText(const LogStats& stats);
// One JSON object followed by a newline.
std::string RenderStatsJson(const LogStats& stats);

// "aws-access-key-id x2, generic-api-key (evaluate)": the rules a record's
// findings name, with counts.
std::string FindingSummary(const AuditRecord& record);
// Where a finding is: "path:line", "path" for a finding about a file as a
// whole (a file policy: line 0), the ref for one about a ref (a deletion,
// a ref name), "-" if none. Never "path:0".
std::string FindingLocation(const FindingRecord& finding);
// "main", "main +2 more": the refs a record updated, short names.
std::string RefSummary(const AuditRecord& record);

}  // namespace pushguard::audit

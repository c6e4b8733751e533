// What `pushguard log` prints, fed one record at a time so that the log is
// never held in memory: rows as they come (json, csv; a table is aligned
// when it is short), the --stats summary, or the HTML report.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <unordered_set>
#include <vector>

#include "audit/record.h"
#include "audit/stats.h"
#include "base/status.h"

namespace pushguard::cli {

// A table of at most this many rows is aligned to its contents; a longer
// one is printed as it comes with fixed column widths.
inline constexpr size_t kAlignedTableRows = 1000;

class LogOutput {
 public:
  // `format` table, json, csv or html (checked by the caller); `with_node`
  // adds the NODE column to tables (several servers' logs).
  LogOutput(std::string format, bool stats, bool follow, bool with_node);
  void Add(const audit::AuditRecord& record);
  // Prints what was held back (an aligned table, the summary, the report).
  void Finish();
  // For --follow: the push ids printed last (to skip them if they show up
  // again in the followed file).
  std::unordered_set<std::string> TakePrinted();

 private:
  void Print(const audit::AuditRecord& record);

  std::string format_;
  bool stats_, follow_, with_node_;
  bool streaming_ = false;  // a table past kAlignedTableRows
  std::vector<audit::AuditRecord> table_;
  audit::StatsBuilder builder_;
  std::deque<audit::AuditRecord> rejections_;  // the most recent, for html
  std::deque<std::string> printed_;
  std::string pending_;  // output not yet written
};

// The log files named by --file values: a path is kept as it is (it may not
// exist yet), a glob (* ? [) is expanded and must match a file. With
// `rotated`, a match that is a rotation of another match is dropped (it is
// read with it). NotFound names a glob that matched nothing.
Result<std::vector<std::string>> ExpandLogPaths(
    const std::vector<std::string>& values, bool rotated);

}  // namespace pushguard::cli

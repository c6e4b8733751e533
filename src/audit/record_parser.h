// Reads audit log lines into AuditRecords fast enough to stream a year of
// logs: one pass over the line with no intermediate JSON tree, straight into
// a caller's record whose strings and lists are reused from line to line.
// It accepts exactly what ParseRecord (record.h) accepts and fills the same
// fields the same way: strict RFC 8259 syntax, unknown members skipped
// (checked, not interpreted), a member of the wrong type read as its
// default, the last of repeated members wins.
//
//   RecordParser parser;
//   AuditRecord record;
//   for (each line) if (parser.Parse(line, &record).ok()) Use(record);
//
// Not thread-safe; one parser per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "audit/record.h"
#include "base/status.h"

namespace pushguard::audit {

class RecordParser {
 public:
  RecordParser();
  ~RecordParser();

  // Fills every field of *record from `line` (a trailing "\r\n" is ignored;
  // record->raw is the line). A line that is not a JSON object, or has no
  // valid "time", is InvalidArgument and leaves *record unspecified.
  Status Parse(std::string_view line, AuditRecord* record);

 private:
  std::string scratch_;  // an escaped member name, decoded
  std::string time_;
  struct Spare;
  std::unique_ptr<Spare> spare_;
};

}  // namespace pushguard::audit

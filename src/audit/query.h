// Selecting audit records: the filters of `pushguard log`, and loading the
// log (with its rotations) into memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/record.h"
#include "base/status.h"

namespace pushguard::audit {

// Every set field must match. String filters are globs (base/strings.h
// GlobMatch: '*' stays within a path component, a pattern without '/'
// matches the last component).
struct Filter {
  std::optional<int64_t> since;  // time_ms >= since
  std::optional<int64_t> until;  // time_ms < until
  std::string repository;        // glob on the repository name
  std::string user;              // glob on the pusher
  std::string rule;              // glob on any finding's or bypass's rule
  std::string verdict;           // accept, reject or error
  std::string ref;               // glob on any updated ref, full or short
                                 // ("main" matches refs/heads/main)
  bool bypassed = false;         // only pushes with a bypass
};

bool Matches(const AuditRecord& record, const Filter& filter);

struct LoadedLog {
  std::vector<AuditRecord> records;  // matching, oldest first
  std::vector<std::string> files;    // the files read
  size_t malformed = 0;              // lines that were not records
  size_t duplicates = 0;             // same push_id seen in two files
};

// Reads `current_files` and, with `rotated`, their rotations (log_files.h);
// keeps the records matching `filter`, sorted by time. A missing current
// file is fine (no pushes yet); any other read error is returned.
Result<LoadedLog> LoadLog(const std::vector<std::string>& current_files,
                          bool rotated, const Filter& filter);

}  // namespace pushguard::audit

// Selecting audit records: the filters of `pushguard log` (reading the log
// is log_reader.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "audit/record.h"

namespace pushguard::audit {

// Every set field must match. String filters are globs (base/strings.h
// GlobMatch: '*' stays within a path component, a pattern without '/'
// matches the last component).
struct Filter {
  std::optional<int64_t> since;  // time_ms >= since
  std::optional<int64_t> until;  // time_ms < until
  std::string repository;        // base/repository_name.h rule
  std::string user;              // glob on the pusher
  std::string node;              // glob on the server node
  std::string rule;              // glob on any finding's or bypass's rule
  std::string verdict;           // accept, reject or error
  std::string ref;               // glob on any updated ref, full or short
                                 // ("main" matches refs/heads/main)
  bool bypassed = false;         // only pushes with a bypass
};

bool Matches(const AuditRecord& record, const Filter& filter);

}  // namespace pushguard::audit

// Parsing the pre-receive hook's stdin: one "<old> SP <new> SP <ref> LF" per
// ref update. Input is untrusted; every malformed line is an error that names
// the line number and what is wrong.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace pushguard::refs {

enum class RefChange { kCreate, kUpdate, kDelete };

struct RefUpdate {
  std::string old_oid;  // lowercase hex; all zeros for a create
  std::string new_oid;  // lowercase hex; all zeros for a delete
  std::string ref;      // full name, e.g. refs/heads/main
  RefChange change = RefChange::kUpdate;
  int line = 0;  // 1-based line on stdin
};

const char* RefChangeName(RefChange c);

// True if `oid` consists only of '0' characters.
bool IsZeroOid(std::string_view oid);

// Parses every line of `input`. `hex_length` is the repository's object id
// length in hex digits (40 for SHA-1, 64 for SHA-256). A missing final
// newline is accepted; empty input is an error.
Result<std::vector<RefUpdate>> ParseRefUpdates(std::string_view input,
                                               size_t hex_length);

// Checks a full ref name with git's check-ref-format rules (plus: must start
// with "refs/"). Returns InvalidArgument describing the first problem.
Status CheckRefName(std::string_view ref);

}  // namespace pushguard::refs

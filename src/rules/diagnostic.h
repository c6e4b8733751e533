// A configuration problem with its location. Loading and compiling collect
// every problem before failing, so an administrator sees them all at once.
#pragma once

#include <string>
#include <vector>

namespace pushguard::rules {

struct Diagnostic {
  std::string file;
  int line = 0;         // 1-based; 0 = unknown
  std::string rule_id;  // empty for settings and file-level problems
  std::string field;    // e.g. "regex", "keywords[2]"
  std::string message;

  // "file:line: rule 'id': field: message", omitting the parts that are empty.
  std::string ToString() const;
};

// Each diagnostic's ToString(), in order.
std::vector<std::string> ToStrings(const std::vector<Diagnostic>& diagnostics);

// Joins diagnostics, one per line.
std::string FormatDiagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace pushguard::rules

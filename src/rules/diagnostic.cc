#include "rules/diagnostic.h"

namespace pushguard::rules {

std::string Diagnostic::ToString() const {
  std::string out = file.empty() ? "<config>" : file;
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  if (!rule_id.empty()) out += "rule '" + rule_id + "': ";
  if (!field.empty()) out += field + ": ";
  out += message;
  return out;
}

std::string FormatDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.ToString();
  }
  return out;
}

std::vector<std::string> ToStrings(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) out.push_back(d.ToString());
  return out;
}

}  // namespace pushguard::rules

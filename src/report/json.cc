#include "report/json.h"

#include "base/strings.h"

namespace pushguard::report {
namespace {

std::string Quote(std::string_view s) { return "\"" + EscapeJson(s) + "\""; }

std::string FindingJson(const Finding& f) {
  std::string out = "{";
  out += "\"kind\":" + Quote(f.kind);
  out += ",\"rule\":" + Quote(f.rule);
  out += ",\"severity\":" + Quote(SeverityName(f.severity));
  out += ",\"ref\":" + Quote(f.ref);
  out += ",\"commit\":" + Quote(f.commit);
  out += ",\"path\":" + Quote(f.path);
  out += ",\"line\":" + std::to_string(f.line);
  out += ",\"column\":" + std::to_string(f.column);
  out += ",\"fingerprint\":" + Quote(f.fingerprint);
  out += ",\"secret\":" + Quote(f.secret);
  out += ",\"message\":" + Quote(f.message);
  out += ",\"remediation\":" + Quote(f.remediation);
  out += "}";
  return out;
}

}  // namespace

std::string RenderJson(const Decision& decision) {
  std::string out = "{\"version\":1,\"verdict\":";
  out += decision.accepted ? "\"accept\"" : "\"reject\"";
  out += ",\"findings\":[";
  bool first = true;
  for (const Finding& f : decision.findings) {
    if (f.severity == Severity::kInfo) continue;
    if (!first) out += ",";
    first = false;
    out += FindingJson(f);
  }
  out += "]";
  // Matches let through by an inline allow marker: listed, never blocking.
  std::string allowed;
  for (const Finding& f : decision.findings) {
    if (f.allowed_by.empty()) continue;
    if (!allowed.empty()) allowed += ",";
    allowed += "{\"rule\":" + Quote(f.rule) + ",\"commit\":" + Quote(f.commit) +
               ",\"path\":" + Quote(f.path) +
               ",\"line\":" + std::to_string(f.line) +
               ",\"fingerprint\":" + Quote(f.fingerprint) +
               ",\"secret\":" + Quote(f.secret) +
               ",\"allowed_by\":" + Quote(f.allowed_by) + "}";
  }
  if (!allowed.empty()) out += ",\"allowed\":[" + allowed + "]";
  out += ",\"stats\":{";
  out += "\"commits\":" + std::to_string(decision.stats.commits);
  out += ",\"blobs\":" + std::to_string(decision.stats.blobs);
  out += ",\"bytes\":" + std::to_string(decision.stats.bytes);
  out += ",\"elapsed_ms\":" + std::to_string(decision.stats.elapsed_ms);
  out += "}";
  if (!decision.missing_objects.empty()) {
    out += ",\"missing_objects\":[";
    for (size_t i = 0; i < decision.missing_objects.size(); ++i) {
      out += (i ? "," : "") + Quote(decision.missing_objects[i]);
    }
    out += "]";
  }
  if (!decision.error.empty()) out += ",\"error\":" + Quote(decision.error);
  out += "}\n";
  return out;
}

}  // namespace pushguard::report

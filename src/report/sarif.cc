#include "report/sarif.h"

#include <map>
#include <vector>

#include "base/strings.h"

namespace pushguard::report {
namespace {

constexpr char kSchema[] = "https://json.schemastore.org/sarif-2.1.0.json";

std::string Q(std::string_view s) { return "\"" + EscapeJson(s) + "\""; }

std::string Text(std::string_view s) { return "{\"text\":" + Q(s) + "}"; }

const char* Level(Severity s) {
  return s == Severity::kBlock ? "error" : "warning";
}

std::string RuleDescriptor(const Finding& f) {
  std::string out = "{\"id\":" + Q(f.rule);
  out += ",\"shortDescription\":" +
         Text(f.description.empty() ? f.rule : f.description);
  if (!f.remediation.empty()) out += ",\"help\":" + Text(f.remediation);
  out += ",\"defaultConfiguration\":{\"level\":\"" +
         std::string(Level(f.severity)) + "\"}";
  out += ",\"properties\":{\"tags\":[\"security\",\"" + EscapeJson(f.kind) +
         "\"]}}";
  return out;
}

std::string Result(const Finding& f, size_t rule_index) {
  std::string out = "{\"ruleId\":" + Q(f.rule);
  out += ",\"ruleIndex\":" + std::to_string(rule_index);
  out += ",\"level\":\"" + std::string(Level(f.severity)) + "\"";
  out += ",\"kind\":\"fail\"";
  out += ",\"message\":" +
         Text(f.message.empty() ? f.description + " in " + f.path : f.message);
  out +=
      ",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{"
      "\"uri\":" +
      Q(PathToUri(f.path)) + ",\"uriBaseId\":\"%SRCROOT%\"}";
  if (f.line > 0) {
    out += ",\"region\":{\"startLine\":" + std::to_string(f.line);
    if (f.column > 0) out += ",\"startColumn\":" + std::to_string(f.column);
    out += "}";
  }
  out += "}}]";
  if (!f.fingerprint.empty()) {
    out += ",\"partialFingerprints\":{\"pushguardFingerprint/v1\":" +
           Q(f.fingerprint) + "}";
  }
  out += ",\"properties\":{\"commit\":" + Q(f.commit) + ",\"ref\":" + Q(f.ref) +
         ",\"secret\":" + Q(f.secret) + "}}";
  return out;
}

std::string Invocation(const Decision& decision) {
  std::string out = "{\"executionSuccessful\":";
  out += decision.error.empty() ? "true" : "false";
  std::vector<std::string> notes;
  if (!decision.error.empty()) {
    notes.push_back("{\"level\":\"error\",\"message\":" + Text(decision.error) +
                    "}");
  }
  // A scan of a partial clone: each blob that could not be read.
  for (const std::string& blob : decision.missing_objects) {
    notes.push_back("{\"level\":\"warning\",\"message\":" +
                    Text("missing object, not scanned: blob " + blob) + "}");
  }
  if (!notes.empty()) {
    out += ",\"toolExecutionNotifications\":[";
    for (size_t i = 0; i < notes.size(); ++i) out += (i ? "," : "") + notes[i];
    out += "]";
  }
  return out + "}";
}

}  // namespace

std::string PathToUri(const std::string& path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string RenderSarif(const Decision& decision,
                        const std::string& tool_version) {
  std::map<std::string, size_t> index;
  std::vector<std::string> rules, results;
  for (const Finding& f : decision.findings) {
    if (f.severity == Severity::kInfo) continue;
    auto [it, added] = index.emplace(f.rule, rules.size());
    if (added) rules.push_back(RuleDescriptor(f));
    results.push_back(Result(f, it->second));
  }
  auto join = [](const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
      out += (i > 0 ? "," : "") + items[i];
    }
    return out;
  };
  std::string out = "{\"$schema\":\"" + std::string(kSchema) +
                    "\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{"
                    "\"name\":\"pushguard\",\"version\":" +
                    Q(tool_version) +
                    ",\"semanticVersion\":" + Q(tool_version) + ",\"rules\":[" +
                    join(rules) + "]}}";
  out += ",\"invocations\":[" + Invocation(decision) + "]";
  out += ",\"columnKind\":\"unicodeCodePoints\"";
  out += ",\"results\":[" + join(results) + "]}]}\n";
  return out;
}

}  // namespace pushguard::report

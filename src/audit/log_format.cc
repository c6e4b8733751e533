#include "audit/log_format.h"

#include <algorithm>
#include <map>

#include "audit/timestamp.h"
#include "base/strings.h"

namespace pushguard::audit {
namespace {

constexpr size_t kMaxColumn = 48;

// "2024-05-01 12:34:56" (UTC).
std::string ShortTime(int64_t ms) {
  std::string t = FormatTimestamp(ms);
  return t.substr(0, 10) + " " + t.substr(11, 8);
}

std::string ShortRef(const std::string& ref) {
  for (const char* prefix : {"refs/heads/", "refs/tags/"}) {
    if (StartsWith(ref, prefix)) return ref.substr(std::string(prefix).size());
  }
  return ref;
}

// Display width: code points (escaped text is valid UTF-8).
size_t Width(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Escaped and shortened to `max` code points.
std::string Cell(const std::string& value, size_t max) {
  std::string s = EscapeForDisplay(value);
  if (Width(s) <= max) return s;
  std::string out;
  size_t width = 0;
  for (char c : s) {
    bool starts = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts && ++width > max - 3) break;
    out += c;
  }
  return out + "...";
}

std::string Pad(const std::string& s, size_t width) {
  size_t w = Width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

std::string Note(const AuditRecord& r) {
  if (!r.error.empty()) return "error: " + r.error;
  std::string note;
  for (const Bypass& b : r.bypasses) {
    if (!note.empty()) note += "; ";
    note += "bypass by " + b.user + ": " + b.reason;
  }
  return note;
}

std::vector<std::string> Columns(const AuditRecord& r, bool with_node) {
  std::vector<std::string> out = {
      ShortTime(r.time_ms), r.verdict,         r.repository, r.user,
      RefSummary(r),        FindingSummary(r), Note(r)};
  if (with_node) out.insert(out.begin() + 1, r.node);
  return out;
}

// The header or widths, with the NODE column (second) or without.
template <typename T>
std::vector<T> WithNode(std::vector<T> columns, bool with_node, T node) {
  if (with_node) columns.insert(columns.begin() + 1, node);
  return columns;
}

const std::vector<std::string> kHeader = {
    "TIME", "VERDICT", "REPOSITORY", "USER", "REFS", "FINDINGS", "NOTE"};

std::string Row(const std::vector<std::string>& cells,
                const std::vector<size_t>& widths) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    bool last = i + 1 == cells.size();
    line += last ? cells[i] : Pad(cells[i], widths[i]) + "  ";
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + "\n";
}

std::string CsvField(std::string value) {
  if (!value.empty() &&
      std::string("=+-@\t\r").find(value[0]) != std::string::npos) {
    value = "'" + value;
  }
  std::string escaped = EscapeForDisplay(value);
  if (escaped.find_first_of(",\"") == std::string::npos) return escaped;
  std::string out = "\"";
  for (char c : escaped)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string TallyLines(const std::string& title, const std::vector<Tally>& t) {
  std::string out = "\n" + title + "\n";
  if (t.empty()) return out + "  (none)\n";
  size_t width = 0;
  for (const Tally& x : t) width = std::max(width, Width(Cell(x.key, 60)));
  for (const Tally& x : t) {
    out += "  " + Pad(Cell(x.key, 60), width) + "  " + std::to_string(x.count) +
           "\n";
  }
  return out;
}

}  // namespace

std::string FindingLocation(const FindingRecord& f) {
  if (f.path.empty()) return f.ref.empty() ? "-" : f.ref;
  return f.line > 0 ? f.path + ":" + std::to_string(f.line) : f.path;
}

std::string FindingSummary(const AuditRecord& r) {
  std::map<std::string, uint64_t> counts;
  std::vector<std::string> order;
  for (const FindingRecord& f : r.findings) {
    std::string key = f.rule + (f.mode == "evaluate" ? " (evaluate)"
                                : f.mode == "warn"   ? " (warn)"
                                                     : "");
    if (counts[key]++ == 0) order.push_back(key);
  }
  std::string out;
  for (const std::string& key : order) {
    if (!out.empty()) out += ", ";
    out += key;
    if (counts[key] > 1) out += " x" + std::to_string(counts[key]);
  }
  if (r.findings_total > r.findings.size()) {
    out += " (+" + std::to_string(r.findings_total - r.findings.size()) + ")";
  }
  return out.empty() ? "-" : out;
}

std::string RefSummary(const AuditRecord& r) {
  if (r.refs.empty()) return "-";
  std::string out = ShortRef(r.refs[0].ref);
  if (r.refs[0].change != "update") out += " (" + r.refs[0].change + ")";
  if (r.refs.size() > 1) {
    out += " +" + std::to_string(r.refs.size() - 1) + " more";
  }
  return out;
}

std::string RenderTable(const std::vector<AuditRecord>& records,
                        bool with_node) {
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> widths;
  std::vector<std::string> header =
      WithNode(kHeader, with_node, std::string("NODE"));
  for (const std::string& h : header) widths.push_back(h.size());
  for (const AuditRecord& r : records) {
    std::vector<std::string> cells;
    for (const std::string& c : Columns(r, with_node))
      cells.push_back(Cell(c, kMaxColumn));
    for (size_t i = 0; i < cells.size(); ++i) {
      widths[i] = std::max(widths[i], Width(cells[i]));
    }
    rows.push_back(std::move(cells));
  }
  std::string out = Row(header, widths);
  for (const auto& cells : rows) out += Row(cells, widths);
  return out;
}

const std::vector<size_t> kFixedWidths = {19, 7, 30, 16, 24, 40, 40};

std::string TableHeaderFixed(bool with_node) {
  return Row(WithNode(kHeader, with_node, std::string("NODE")),
             WithNode(kFixedWidths, with_node, size_t{12}));
}

std::string TableRowFixed(const AuditRecord& r, bool with_node) {
  std::vector<std::string> cells;
  std::vector<std::string> columns = Columns(r, with_node);
  std::vector<size_t> widths = WithNode(kFixedWidths, with_node, size_t{12});
  for (size_t i = 0; i < columns.size(); ++i) {
    cells.push_back(
        Cell(columns[i], i + 1 == columns.size() ? 200 : widths[i]));
  }
  return Row(cells, widths);
}

std::string CsvHeader() {
  return "time,push_id,node,repository,user,protocol,verdict,refs,rules,"
         "findings,blocking,warnings,would_block,bypassed,bypass_reason,"
         "commits,blobs,bytes,elapsed_ms,error\n";
}

std::string CsvRow(const AuditRecord& r) {
  std::string refs, reasons;
  for (const RefUpdateRecord& u : r.refs) {
    refs += (refs.empty() ? "" : " ") + u.ref + ":" + u.change;
  }
  for (const Bypass& b : r.bypasses) {
    reasons += (reasons.empty() ? "" : "; ") + b.reason;
  }
  std::vector<std::string> fields = {
      FormatTimestamp(r.time_ms),
      r.push_id,
      r.node,
      r.repository,
      r.user,
      r.protocol,
      r.verdict,
      refs,
      r.findings.empty() ? "" : FindingSummary(r),
      std::to_string(r.findings_total),
      std::to_string(r.blocking),
      std::to_string(r.warnings),
      std::to_string(r.would_block),
      r.bypasses.empty() ? "false" : "true",
      reasons,
      std::to_string(r.stats.commits),
      std::to_string(r.stats.blobs),
      std::to_string(r.stats.bytes),
      std::to_string(r.elapsed_ms),
      r.error};
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ",";
    line += CsvField(fields[i]);
  }
  return line + "\n";
}

std::string JsonLine(const AuditRecord& r) {
  return r.raw.empty() ? ToJsonLine(r) : r.raw + "\n";
}

std::string RenderStatsText(const LogStats& s) {
  std::string out = "pushes: " + std::to_string(s.pushes) + " (accepted " +
                    std::to_string(s.accepted) + ", rejected " +
                    std::to_string(s.rejected) + ", errors " +
                    std::to_string(s.errors) + ")";
  if (s.pushes > 0) {
    out += " from " + ShortTime(s.first_ms) + " to " + ShortTime(s.last_ms) +
           " UTC";
  }
  out += "\naccepted with warnings: " + std::to_string(s.warned) +
         ", pushes with a bypass: " + std::to_string(s.bypassed) + "\n";
  out += TallyLines("rejections by rule", s.rejections_by_rule);
  out += TallyLines("rejections by repository", s.rejections_by_repository);
  out += TallyLines("rejections by user", s.rejections_by_user);
  out += TallyLines("warnings by rule (pushes)", s.warnings_by_rule);
  out += TallyLines("warnings by repository", s.warnings_by_repository);
  out += TallyLines("warnings by user", s.warnings_by_user);
  out += TallyLines("bypasses by rule", s.bypasses_by_rule);
  out += TallyLines("bypasses by repository", s.bypasses_by_repository);
  out += TallyLines("bypasses by user", s.bypasses_by_user);
  out += TallyLines("pushes by policy version", s.pushes_by_policy);
  out += TallyLines("rejections by policy version", s.rejections_by_policy);
  out += "\ndecisions per day (accept / reject / error)\n";
  for (const DayTally& d : s.days) {
    out += "  " + d.day + "  " + std::to_string(d.accepted) + " / " +
           std::to_string(d.rejected) + " / " + std::to_string(d.errors) + "\n";
  }
  if (s.days.empty()) out += "  (none)\n";
  out += "\nbypasses (most recent " + std::to_string(kMaxBypassEntries) + ")\n";
  for (const BypassEntry& b : s.bypasses) {
    out += "  " + ShortTime(b.time_ms) + "  " + Cell(b.user, 30) + "  " +
           Cell(b.repository, 40) + "  " + Cell(b.rules, 40) + "  \"" +
           Cell(b.reason, 80) + "\"\n";
  }
  if (s.bypasses.empty()) out += "  (none)\n";
  out += TallyLines("errors", s.errors_by_message);
  out +=
      "\nevaluate mode: would have blocked (rule, findings, pushes, "
      "repositories, users, first, last)\n";
  for (const EvaluateHits& e : s.evaluate) {
    out += "  " + Cell(e.rule, 40) + "  " + std::to_string(e.findings) + "  " +
           std::to_string(e.pushes) + "  " + std::to_string(e.repositories) +
           "  " + std::to_string(e.users) + "  " + FormatDay(e.first_ms) +
           "  " + FormatDay(e.last_ms) + "\n";
  }
  if (s.evaluate.empty()) out += "  (none)\n";
  return out;
}

}  // namespace pushguard::audit

namespace pushguard::audit {
namespace {

std::string Q(const std::string& s) { return "\"" + EscapeJson(s) + "\""; }

std::string TallyJson(const std::vector<Tally>& tallies, const char* key) {
  std::string out = "[";
  for (size_t i = 0; i < tallies.size(); ++i) {
    if (i > 0) out += ",";
    out += "{\"" + std::string(key) + "\":" + Q(tallies[i].key) +
           ",\"count\":" + std::to_string(tallies[i].count) + "}";
  }
  return out + "]";
}

}  // namespace

std::string RenderStatsJson(const LogStats& s) {
  std::string out = "{\"pushes\":" + std::to_string(s.pushes) +
                    ",\"accepted\":" + std::to_string(s.accepted) +
                    ",\"rejected\":" + std::to_string(s.rejected) +
                    ",\"errors\":" + std::to_string(s.errors) +
                    ",\"warned\":" + std::to_string(s.warned) +
                    ",\"bypassed\":" + std::to_string(s.bypassed);
  if (s.pushes > 0) {
    out += ",\"first\":" + Q(FormatTimestamp(s.first_ms)) +
           ",\"last\":" + Q(FormatTimestamp(s.last_ms));
  }
  out += ",\"rejections_by_rule\":" + TallyJson(s.rejections_by_rule, "rule");
  out += ",\"rejections_by_repository\":" +
         TallyJson(s.rejections_by_repository, "repository");
  out += ",\"rejections_by_user\":" + TallyJson(s.rejections_by_user, "user");
  out += ",\"warnings_by_rule\":" + TallyJson(s.warnings_by_rule, "rule");
  out += ",\"warnings_by_repository\":" +
         TallyJson(s.warnings_by_repository, "repository");
  out += ",\"warnings_by_user\":" + TallyJson(s.warnings_by_user, "user");
  out += ",\"bypasses_by_rule\":" + TallyJson(s.bypasses_by_rule, "rule");
  out += ",\"bypasses_by_repository\":" +
         TallyJson(s.bypasses_by_repository, "repository");
  out += ",\"bypasses_by_user\":" + TallyJson(s.bypasses_by_user, "user");
  out += ",\"pushes_by_policy\":" + TallyJson(s.pushes_by_policy, "policy");
  out += ",\"rejections_by_policy\":" +
         TallyJson(s.rejections_by_policy, "policy");
  out += ",\"days\":[";
  for (size_t i = 0; i < s.days.size(); ++i) {
    const DayTally& d = s.days[i];
    out += (i > 0 ? ",{\"day\":" : "{\"day\":") + Q(d.day) +
           ",\"accepted\":" + std::to_string(d.accepted) +
           ",\"rejected\":" + std::to_string(d.rejected) +
           ",\"errors\":" + std::to_string(d.errors) + "}";
  }
  out += "],\"bypasses\":[";
  for (size_t i = 0; i < s.bypasses.size(); ++i) {
    const BypassEntry& b = s.bypasses[i];
    out += (i > 0 ? ",{\"time\":" : "{\"time\":") +
           Q(FormatTimestamp(b.time_ms)) + ",\"user\":" + Q(b.user) +
           ",\"repository\":" + Q(b.repository) + ",\"rules\":" + Q(b.rules) +
           ",\"reason\":" + Q(b.reason) + "}";
  }
  out += "],\"errors_by_message\":" + TallyJson(s.errors_by_message, "error");
  out += ",\"evaluate\":[";
  for (size_t i = 0; i < s.evaluate.size(); ++i) {
    const EvaluateHits& e = s.evaluate[i];
    out += (i > 0 ? ",{\"rule\":" : "{\"rule\":") + Q(e.rule) +
           ",\"findings\":" + std::to_string(e.findings) +
           ",\"pushes\":" + std::to_string(e.pushes) +
           ",\"repositories\":" + std::to_string(e.repositories) +
           ",\"users\":" + std::to_string(e.users) +
           ",\"first\":" + Q(FormatTimestamp(e.first_ms)) +
           ",\"last\":" + Q(FormatTimestamp(e.last_ms)) + "}";
  }
  return out + "]}\n";
}

}  // namespace pushguard::audit

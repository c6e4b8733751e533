#include "audit/html_report.h"

#include <algorithm>

#include "audit/log_format.h"
#include "audit/timestamp.h"
#include "base/strings.h"

namespace pushguard::audit {
namespace {

constexpr char kHead[] = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pushguard audit report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em}
.cards{display:flex;gap:1em;flex-wrap:wrap}
.card{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;min-width:8em}
.card .n{font-size:1.8em;font-weight:600}.card .l{color:#555}
table{border-collapse:collapse;margin-top:.4em}
th,td{border-bottom:1px solid #ddd;padding:.25em .7em;text-align:left;vertical-align:top}
td.n{text-align:right}.accept{fill:#2e7d32}.reject{fill:#c62828}.error{fill:#ef6c00}
.legend span{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 1em;vertical-align:middle}
.muted{color:#666}code{font-size:.95em}
</style>
</head>
<body>
)";

std::string Time(int64_t ms) {
  std::string t = FormatTimestamp(ms);
  return t.substr(0, 10) + " " + t.substr(11, 8);
}

std::string Card(const char* id, const char* label, uint64_t n) {
  return "<div class=\"card\"><div class=\"n\" id=\"" + std::string(id) +
         "\">" + std::to_string(n) + "</div><div class=\"l\">" + label +
         "</div></div>\n";
}

std::string TallyTable(const char* id, const char* title, const char* what,
                       const std::vector<Tally>& tallies,
                       const char* count_label = "Rejected pushes") {
  std::string out = "<h2>" + std::string(title) + "</h2>\n";
  if (tallies.empty()) return out + "<p class=\"muted\">None.</p>\n";
  out += "<table id=\"" + std::string(id) + "\"><tr><th>" + what + "</th><th>" +
         count_label + "</th></tr>\n";
  for (const Tally& t : tallies) {
    out += "<tr><td>" + EscapeHtml(t.key) + "</td><td class=\"n\">" +
           std::to_string(t.count) + "</td></tr>\n";
  }
  return out + "</table>\n";
}

// Stacked bars: accepted (bottom), rejected, errors (top). The plot is at
// least kMinPlot wide whatever the number of days (bars at most kMaxBar),
// so one day's bar and its date labels never overlap.
std::string Chart(const std::vector<DayTally>& days) {
  if (days.empty()) return "<p class=\"muted\">No decisions.</p>\n";
  uint64_t max = 1;
  for (const DayTally& d : days) {
    max = std::max(max, d.accepted + d.rejected + d.errors);
  }
  const int kHeight = 180, kLeft = 40, kMinPlot = 240, kMaxBar = 40;
  const int n = static_cast<int>(days.size());
  const int bar = std::max(4, std::min(kMaxBar, 900 / n));
  const int plot = std::max(kMinPlot, n * bar);
  const int width = kLeft + plot + 20;
  std::string out =
      "<svg id=\"chart\" role=\"img\" aria-label=\"decisions per day\" "
      "width=\"" +
      std::to_string(width) + "\" height=\"" + std::to_string(kHeight + 40) +
      "\">\n";
  out += "<text x=\"0\" y=\"12\" font-size=\"11\">" + std::to_string(max) +
         "</text>\n";
  for (int i = 0; i < n; ++i) {
    const DayTally& d = days[static_cast<size_t>(i)];
    int x = kLeft + i * bar;
    double y = kHeight + 10;
    out += "<g class=\"day\" data-day=\"" + d.day + "\" data-accepted=\"" +
           std::to_string(d.accepted) + "\" data-rejected=\"" +
           std::to_string(d.rejected) + "\" data-errors=\"" +
           std::to_string(d.errors) + "\"><title>" + d.day + ": " +
           std::to_string(d.accepted) + " accepted, " +
           std::to_string(d.rejected) + " rejected, " +
           std::to_string(d.errors) + " errors</title>";
    for (auto [count, cls] :
         {std::pair{d.accepted, "accept"}, std::pair{d.rejected, "reject"},
          std::pair{d.errors, "error"}}) {
      double h =
          static_cast<double>(count) * kHeight / static_cast<double>(max);
      y -= h;
      if (count == 0) continue;
      out += "<rect class=\"" + std::string(cls) + "\" x=\"" +
             std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
             std::to_string(bar - 2) + "\" height=\"" + std::to_string(h) +
             "\"/>";
    }
    out += "</g>\n";
  }
  std::string label_y = std::to_string(kHeight + 30);
  out += "<text class=\"first-day\" x=\"" + std::to_string(kLeft) + "\" y=\"" +
         label_y + "\" font-size=\"11\">" + days.front().day + "</text>\n";
  if (n > 1) {
    out += "<text class=\"last-day\" x=\"" + std::to_string(kLeft + plot) +
           "\" y=\"" + label_y + "\" font-size=\"11\" text-anchor=\"end\">" +
           days.back().day + "</text>\n";
  }
  out += "</svg>\n";
  return out +
         "<div class=\"legend\"><span "
         "style=\"background:#2e7d32\"></span>accepted"
         "<span style=\"background:#c62828\"></span>rejected"
         "<span style=\"background:#ef6c00\"></span>error</div>\n";
}

std::string EvaluateTable(const std::vector<EvaluateHits>& hits) {
  std::string out = "<h2>Evaluate mode: would have blocked</h2>\n";
  if (hits.empty()) return out + "<p class=\"muted\">None.</p>\n";
  out +=
      "<table id=\"evaluate\"><tr><th>Rule</th><th>Findings</th><th>Pushes"
      "</th><th>Repositories</th><th>Users</th><th>First</th><th>Last</th>"
      "</tr>\n";
  for (const EvaluateHits& e : hits) {
    out += "<tr><td>" + EscapeHtml(e.rule) + "</td><td class=\"n\">" +
           std::to_string(e.findings) + "</td><td class=\"n\">" +
           std::to_string(e.pushes) + "</td><td class=\"n\">" +
           std::to_string(e.repositories) + "</td><td class=\"n\">" +
           std::to_string(e.users) + "</td><td>" + Time(e.first_ms) +
           "</td><td>" + Time(e.last_ms) + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string BypassTable(const std::vector<BypassEntry>& bypasses) {
  std::string out = "<h2>Bypasses</h2>\n";
  if (bypasses.empty()) return out + "<p class=\"muted\">None.</p>\n";
  out +=
      "<table id=\"bypasses\"><tr><th>Time (UTC)</th><th>User</th>"
      "<th>Repository</th><th>Rules</th><th>Reason</th></tr>\n";
  for (const BypassEntry& b : bypasses) {
    out += "<tr><td>" + Time(b.time_ms) + "</td><td>" + EscapeHtml(b.user) +
           "</td><td>" + EscapeHtml(b.repository) + "</td><td>" +
           EscapeHtml(b.rules) + "</td><td>" + EscapeHtml(b.reason) +
           "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string RejectionList(const std::vector<AuditRecord>& records) {
  std::vector<const AuditRecord*> rejected;
  for (auto it = records.rbegin(); it != records.rend(); ++it) {
    if (it->verdict == "reject" && rejected.size() < kMaxHtmlRejections) {
      rejected.push_back(&*it);
    }
  }
  std::string out = "<h2>Rejections (most recent first)</h2>\n";
  if (rejected.empty()) return out + "<p class=\"muted\">None.</p>\n";
  out +=
      "<table id=\"rejections\"><tr><th>Time (UTC)</th><th>Repository"
      "</th><th>User</th><th>Refs</th><th>Findings</th><th>Where</th>"
      "</tr>\n";
  for (const AuditRecord* r : rejected) {
    std::string where;
    for (size_t i = 0; i < r->findings.size() && i < 3; ++i) {
      const FindingRecord& f = r->findings[i];
      where += (i ? "<br>" : "") + EscapeHtml(FindingLocation(f));
      if (!f.commit.empty()) {
        where += " <code>" + EscapeHtml(f.commit.substr(0, 12)) + "</code>";
      }
    }
    out += "<tr><td>" + Time(r->time_ms) + "</td><td>" +
           EscapeHtml(r->repository) + "</td><td>" + EscapeHtml(r->user) +
           "</td><td>" + EscapeHtml(RefSummary(*r)) + "</td><td>" +
           EscapeHtml(FindingSummary(*r)) + "</td><td>" + where +
           "</td></tr>\n";
  }
  return out + "</table>\n";
}

}  // namespace

std::string EscapeHtml(const std::string& text) {
  std::string out;
  for (char c : EscapeForDisplay(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RenderHtml(const LogStats& s,
                       const std::vector<AuditRecord>& records,
                       int64_t generated_ms) {
  std::string out = kHead;
  out += "<h1>pushguard audit report</h1>\n<p class=\"muted\">Generated " +
         Time(generated_ms) + " UTC";
  if (s.pushes > 0) {
    out += " &middot; decisions from <span id=\"first\">" + Time(s.first_ms) +
           "</span> to <span id=\"last\">" + Time(s.last_ms) + "</span> UTC";
  }
  out += "</p>\n<div class=\"cards\">\n";
  out += Card("total-pushes", "pushes", s.pushes);
  out += Card("total-accepted", "accepted", s.accepted);
  out += Card("total-rejected", "rejected", s.rejected);
  out += Card("total-errors", "errors", s.errors);
  out += Card("total-warned", "accepted with warnings", s.warned);
  out += Card("total-bypassed", "with a bypass", s.bypassed);
  out += "</div>\n<h2>Decisions per day</h2>\n" + Chart(s.days);
  out +=
      TallyTable("by-rule", "Rejections by rule", "Rule", s.rejections_by_rule);
  out += TallyTable("by-repository", "Rejections by repository", "Repository",
                    s.rejections_by_repository);
  out +=
      TallyTable("by-user", "Rejections by user", "User", s.rejections_by_user);
  out += TallyTable("warnings-by-rule", "Warnings by rule", "Rule",
                    s.warnings_by_rule, "Pushes warned");
  out += TallyTable("warnings-by-repository", "Warnings by repository",
                    "Repository", s.warnings_by_repository, "Pushes warned");
  out += TallyTable("warnings-by-user", "Warnings by user", "User",
                    s.warnings_by_user, "Pushes warned");
  out += EvaluateTable(s.evaluate);
  out += TallyTable("bypasses-by-rule", "Bypasses by rule", "Rule",
                    s.bypasses_by_rule, "Bypasses");
  out += TallyTable("bypasses-by-repository", "Bypasses by repository",
                    "Repository", s.bypasses_by_repository, "Bypasses");
  out += TallyTable("bypasses-by-user", "Bypasses by user", "User",
                    s.bypasses_by_user, "Bypasses");
  out += BypassTable(s.bypasses);
  out += TallyTable("errors", "Errors", "Error", s.errors_by_message, "Pushes");
  out += RejectionList(records);
  return out + "</body>\n</html>\n";
}

}  // namespace pushguard::audit

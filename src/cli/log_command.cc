// `pushguard log`: the administrator's view of the audit log. Filters the
// records (with rotated and gzip-compressed files), then prints a table,
// CSV, JSON Lines, a --stats summary or a self-contained HTML report, or
// follows the log as pushes arrive.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <set>
#include <thread>

#include "audit/audit_log.h"
#include "audit/html_report.h"
#include "audit/log_files.h"
#include "audit/log_format.h"
#include "audit/query.h"
#include "audit/stats.h"
#include "audit/timestamp.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/configuration.h"
#include "cli/options.h"

namespace pushguard::cli {
namespace {

constexpr char kUsage[] =
    "usage: pushguard log [filters] [--format table|json|csv|html] [--stats]\n"
    "                     [--follow] [--file PATH]... [--no-rotated]\n"
    "filters (all must match; globs as in policy files):\n"
    "  --since T, --until T   2024-05-01, 2024-05-01T12:00:00Z, or an age: "
    "30m, 12h, 7d, 2w (UTC)\n"
    "  --repo GLOB  --user GLOB  --rule GLOB  --ref GLOB  "
    "--verdict accept|reject|error  --bypassed\n"
    "--stats summarises rejections by rule, repository, user and day, "
    "bypasses,\n  errors and evaluate-mode hits (table or json format); "
    "--format html is a\n  self-contained report. The log is --file, else "
    "$PUSHGUARD_AUDIT_FILE, else the\n  policy's audit.file "
    "(default /var/log/pushguard/audit.jsonl); rotations\n  (FILE.1, "
    "FILE.2.gz, FILE-20240501.gz) are read too.\n";

const std::vector<OptionSpec> kOptions = {
    {"since", true},       {"until", true},        {"repo", true},
    {"user", true},        {"rule", true},         {"verdict", true},
    {"ref", true},         {"bypassed", false},    {"format", true},
    {"stats", false},      {"follow", false},      {"file", true, true},
    {"no-rotated", false}, {"config", true, true}, {"help", false}};

Result<audit::Filter> BuildFilter(const ParsedOptions& o) {
  audit::Filter f;
  int64_t now = audit::NowMillis();
  for (const char* name : {"since", "until"}) {
    if (!o.Has(name)) continue;
    Result<int64_t> t = audit::ParseTimeSpec(o.Get(name, ""), now);
    if (!t.ok()) return t.status().Prefixed("--" + std::string(name));
    (std::string(name) == "since" ? f.since : f.until) = *t;
  }
  f.repository = o.Get("repo", "");
  f.user = o.Get("user", "");
  f.rule = o.Get("rule", "");
  f.ref = o.Get("ref", "");
  f.verdict = o.Get("verdict", "");
  f.bypassed = o.Has("bypassed");
  if (!f.verdict.empty() && f.verdict != "accept" && f.verdict != "reject" &&
      f.verdict != "error") {
    return Status::InvalidArgument(
        "--verdict must be accept, reject or error, got '" +
        EscapeForDisplay(f.verdict) + "'");
  }
  return f;
}

// --file, else $PUSHGUARD_AUDIT_FILE, else the policy's audit.file.
std::vector<std::string> LogPaths(const ParsedOptions& o) {
  if (o.Has("file")) return o.All("file");
  if (const char* env = std::getenv("PUSHGUARD_AUDIT_FILE"); env && *env) {
    return {env};
  }
  std::string file = audit::kDefaultAuditFile;
  Result<std::vector<rules::PolicySource>> layers =
      ConfiguredLayers(o.All("config"));
  if (layers.ok()) {
    std::vector<rules::Diagnostic> ignored;  // `rules check` reports them
    file = rules::LoadPolicy(*layers, &ignored).settings.audit.file;
  }
  return {file.empty() ? audit::kDefaultAuditFile : file};
}

std::string Render(const std::string& format, bool stats,
                   const audit::LoadedLog& log) {
  if (format == "html") {
    return audit::RenderHtml(audit::ComputeStats(log.records), log.records,
                             audit::NowMillis());
  }
  if (stats) {
    audit::LogStats s = audit::ComputeStats(log.records);
    return format == "json" ? audit::RenderStatsJson(s)
                            : audit::RenderStatsText(s);
  }
  std::string out;
  if (format == "table") return audit::RenderTable(log.records);
  if (format == "csv") out = audit::CsvHeader();
  for (const audit::AuditRecord& r : log.records) {
    out += format == "csv" ? audit::CsvRow(r) : audit::JsonLine(r);
  }
  return out;
}

// Prints records appended to the tail's file, until killed. Records already
// printed (appended while the log was loaded) are skipped.
int Follow(audit::LogTail& tail, const std::string& format,
           const audit::Filter& filter, std::set<std::string> printed) {
  while (true) {
    Status s = tail.Poll([&](std::string_view line) {
      Result<audit::AuditRecord> r = audit::ParseRecord(line);
      if (!r.ok() || !audit::Matches(*r, filter)) return;
      if (!r->push_id.empty() && !printed.insert(r->push_id).second) return;
      std::cout << (format == "csv"    ? audit::CsvRow(*r)
                    : format == "json" ? audit::JsonLine(*r)
                                       : audit::TableRowFixed(*r))
                << std::flush;
    });
    if (!s.ok()) {
      std::cerr << "pushguard log: " << EscapeForDisplay(s.message()) << "\n";
      return kExitError;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

Status CheckFormat(const std::string& format, bool stats, bool follow) {
  if (format != "table" && format != "json" && format != "csv" &&
      format != "html") {
    return Status::InvalidArgument("--format must be table, json, csv or html");
  }
  if (stats && (format == "csv" || format == "html")) {
    return Status::InvalidArgument(
        "--stats is shown as a table or json "
        "(--format html always includes it)");
  }
  if (follow && (stats || format == "html")) {
    return Status::InvalidArgument(
        "--follow prints records as a table, json "
        "or csv, not --stats or html");
  }
  return Status::Ok();
}

}  // namespace

int LogCommand(const Args& args) {
  Result<ParsedOptions> o = ParseOptions(args, kOptions);
  if (!o.ok()) {
    std::cerr << "pushguard log: " << o.status().message() << "\n" << kUsage;
    return kExitError;
  }
  if (o->Has("help")) {
    std::cout << kUsage;
    return kExitAccept;
  }
  std::string format = o->Get("format", "table");
  bool stats = o->Has("stats"), follow = o->Has("follow");
  Status valid =
      o->positional.empty()
          ? CheckFormat(format, stats, follow)
          : Status::InvalidArgument("unexpected argument '" +
                                    EscapeForDisplay(o->positional[0]) + "'");
  Result<audit::Filter> filter =
      valid.ok() ? BuildFilter(*o) : Result<audit::Filter>(valid);
  if (!filter.ok()) {
    std::cerr << "pushguard log: " << filter.status().message() << "\n";
    return kExitError;
  }
  std::vector<std::string> paths = LogPaths(*o);
  audit::LogTail tail(paths.back());  // before loading: miss nothing
  Result<audit::LoadedLog> log =
      audit::LoadLog(paths, !o->Has("no-rotated"), *filter);
  if (!log.ok()) {
    std::cerr << "pushguard log: " << EscapeForDisplay(log.status().message())
              << "\n";
    return kExitError;
  }
  if (log->malformed > 0) {
    std::cerr << "pushguard log: warning: skipped " << log->malformed
              << " line(s) that are not audit records\n";
  }
  if (follow && format == "table") std::cout << audit::TableHeaderFixed();
  if (follow && format == "csv") std::cout << audit::CsvHeader();
  if (follow && format == "table") {
    for (const audit::AuditRecord& r : log->records) {
      std::cout << audit::TableRowFixed(r);
    }
  } else if (follow && format == "csv") {
    for (const audit::AuditRecord& r : log->records)
      std::cout << audit::CsvRow(r);
  } else {
    std::cout << Render(format, stats, *log);
  }
  std::cout << std::flush;
  if (!follow) return kExitAccept;
  std::set<std::string> printed;
  for (const audit::AuditRecord& r : log->records) printed.insert(r.push_id);
  return Follow(tail, format, *filter, std::move(printed));
}

}  // namespace pushguard::cli

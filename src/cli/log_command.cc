// `pushguard log`: the administrator's view of the audit log. Streams the
// records of one or several logs (with rotated and gzip-compressed files,
// merged in time order) through the filters, then prints a table, CSV,
// JSON Lines, a --stats summary or a self-contained HTML report, or follows
// the log as pushes arrive.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <thread>
#include <unordered_set>

#include "audit/audit_log.h"
#include "audit/log_files.h"
#include "audit/log_format.h"
#include "audit/log_reader.h"
#include "audit/query.h"
#include "audit/timestamp.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/configuration.h"
#include "cli/log_output.h"
#include "cli/options.h"

namespace pushguard::cli {
namespace {

constexpr char kUsage[] =
    "usage: pushguard log [filters] [--format table|json|csv|html] [--stats]\n"
    "                     [--follow] [--file PATH|GLOB]... [--no-rotated]\n"
    "filters (all must match; globs as in policy files):\n"
    "  --since T, --until T   2024-05-01, 2024-05-01T12:00:00Z, or an age: "
    "30m, 12h, 7d, 2w (UTC)\n"
    "  --repo GLOB  --user GLOB  --node GLOB  --rule GLOB  --ref GLOB\n"
    "  --verdict accept|reject|error  --bypassed\n"
    "  --repo names a repository as policy scopes do: \"group/app\" or "
    "\"app\" match\n  /srv/git/group/app.git too.\n"
    "--stats summarises rejections, warnings and bypasses by rule, "
    "repository and\n  user, decisions per day, errors and evaluate-mode "
    "hits (table or json\n  format); --format html is a self-contained "
    "report. The log is --file, else\n  $PUSHGUARD_AUDIT_FILE, else the "
    "policy's audit.file (default\n  /var/log/pushguard/audit.jsonl); "
    "rotations (FILE.1, FILE.2.gz,\n  FILE-20240501.gz) are read too. "
    "Several --file options or a glob\n  (quoted: --file 'nodes/*/audit.jsonl')"
    " read several servers' logs as one,\n  in time order, with a NODE "
    "column (--follow follows the last one). Lines\n  after a syslog header "
    "(\"... pushguard[42]: {...}\") are read too.\n";

const std::vector<OptionSpec> kOptions = {
    {"since", true},      {"until", true},       {"repo", true},
    {"user", true},       {"rule", true},        {"verdict", true},
    {"node", true},       {"ref", true},         {"bypassed", false},
    {"format", true},     {"stats", false},      {"follow", false},
    {"file", true, true}, {"no-rotated", false}, {"config", true, true},
    {"help", false}};

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
  f.node = o.Get("node", "");
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

// --file (each a path or a glob), else $PUSHGUARD_AUDIT_FILE, else the
// policy's audit.file.
Result<std::vector<std::string>> LogPaths(const ParsedOptions& o) {
  if (o.Has("file")) return ExpandLogPaths(o.All("file"), !o.Has("no-rotated"));
  if (const char* env = std::getenv("PUSHGUARD_AUDIT_FILE"); env && *env) {
    return std::vector<std::string>{env};
  }
  std::string file = audit::kDefaultAuditFile;
  Result<std::vector<rules::PolicySource>> layers =
      ConfiguredLayers(o.All("config"));
  if (layers.ok()) {
    std::vector<rules::Diagnostic> ignored;  // `rules check` reports them
    file = rules::LoadPolicy(*layers, &ignored).settings.audit.file;
  }
  return std::vector<std::string>{file.empty() ? audit::kDefaultAuditFile
                                               : file};
}

// Prints records appended to the tail's file, until killed. Records already
// printed (appended while the log was read) are skipped.
int Follow(audit::LogTail& tail, const std::string& format,
           const audit::Filter& filter, bool with_node,
           std::unordered_set<std::string> printed) {
  while (true) {
    Status s = tail.Poll([&](std::string_view line) {
      Result<audit::AuditRecord> r =
          audit::ParseRecord(audit::RecordText(line));
      if (!r.ok() || !audit::Matches(*r, filter)) return;
      if (!r->push_id.empty() && !printed.insert(r->push_id).second) return;
      std::cout << (format == "csv"    ? audit::CsvRow(*r)
                    : format == "json" ? audit::JsonLine(*r)
                                       : audit::TableRowFixed(*r, with_node))
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
  Result<std::vector<std::string>> paths =
      filter.ok() ? LogPaths(*o)
                  : Result<std::vector<std::string>>(filter.status());
  if (!paths.ok()) {
    std::cerr << "pushguard log: " << EscapeForDisplay(paths.status().message())
              << "\n";
    return kExitError;
  }
  std::optional<audit::LogTail> tail;
  if (follow) tail.emplace(paths->back());  // before reading: miss nothing
  audit::ReadOptions options;
  options.rotated = !o->Has("no-rotated");
  options.filter = *filter;
  options.in_order = !(stats || format == "html");  // summaries: any order
  LogOutput out(format, stats, follow, paths->size() > 1);
  audit::ReadSummary summary;
  Status read = audit::ReadLog(
      *paths, options, [&](const audit::AuditRecord& r) { out.Add(r); },
      &summary);
  if (!read.ok()) {
    std::cerr << "pushguard log: " << EscapeForDisplay(read.message()) << "\n";
    return kExitError;
  }
  if (summary.malformed > 0) {
    std::cerr << "pushguard log: warning: skipped " << summary.malformed
              << " line(s) that are not audit records\n";
  }
  out.Finish();
  if (!follow) return kExitAccept;
  return Follow(*tail, format, *filter, paths->size() > 1, out.TakePrinted());
}

}  // namespace pushguard::cli

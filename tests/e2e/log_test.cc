// End-to-end: `pushguard log` over a known audit log spread across a
// current file, numbered and dated rotations, and gzip-compressed ones.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "audit/json_value.h"
#include "audit/record.h"
#include "audit/timestamp.h"
#include "push_checks.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

audit::AuditRecord Rec(const char* time, const char* id, const char* repo,
                       const char* user, const char* ref, const char* change,
                       const char* verdict) {
  audit::AuditRecord r;
  r.time_ms = *audit::ParseTimestamp(time);
  r.push_id = id;
  r.node = "git1";
  r.repository = repo;
  r.user = user;
  r.protocol = "ssh";
  r.refs = {{ref, std::string(40, '1'), std::string(40, '2'), change}};
  r.verdict = verdict;
  r.accepted = std::string(verdict) == "accept";
  return r;
}

void AddFinding(audit::AuditRecord* r, const char* rule, const char* mode,
                const char* path) {
  bool evaluate = std::string(mode) == "evaluate";
  const char* severity = evaluate                      ? "info"
                         : mode == std::string("warn") ? "warn"
                                                       : "block";
  r->findings.push_back({"secret", rule, mode, severity, evaluate,
                         r->refs[0].ref, std::string(40, 'c'), path, 3, 8,
                         std::string(32, 'f')});
  ++r->findings_total;
  if (evaluate) ++r->would_block;
  if (std::string(severity) == "block") ++r->blocking;
  if (std::string(severity) == "warn") ++r->warnings;
}

// Seven pushes from 2024-04-30 to 2024-05-03 (UTC).
std::vector<audit::AuditRecord> KnownRecords() {
  std::vector<audit::AuditRecord> r = {
      Rec("2024-04-30T23:00:00Z", "p0", "other/tool", "erin", "refs/heads/main",
          "update", "accept"),
      Rec("2024-05-01T09:00:00Z", "p1", "group/app", "alice", "refs/heads/main",
          "update", "accept"),
      Rec("2024-05-01T10:00:00Z", "p2", "group/app", "bob",
          "refs/heads/feature", "create", "reject"),
      Rec("2024-05-02T11:00:00Z", "p3", "group/web", "alice", "refs/heads/main",
          "update", "accept"),
      Rec("2024-05-02T12:00:00Z", "p4", "group/web", "carol", "refs/heads/main",
          "force", "accept"),
      Rec("2024-05-03T08:00:00Z", "p5", "other/tool", "dave", "refs/heads/main",
          "update", "error"),
      Rec("2024-05-03T09:30:00Z", "p6", "group/app", "alice", "refs/tags/v1",
          "create", "reject"),
  };
  AddFinding(&r[2], "aws-access-key-id", "enforce", "config/prod.env");
  AddFinding(&r[2], "aws-access-key-id", "enforce", "config/dev.env");
  AddFinding(&r[3], "generic-password", "evaluate", "app.ini");
  AddFinding(&r[4], "aws-access-key-id", "warn", "deploy.sh");
  r[4].bypasses = {{"carol",
                    "incident 42, key revoked",
                    {"aws-access-key-id"},
                    "refs/heads/main",
                    {std::string(40, 'c')}}};
  r[5].error = "=1+1 invalid pushguard configuration";
  AddFinding(&r[6], "private-key", "enforce", "id_rsa");
  AddFinding(&r[6], "generic-password", "evaluate", "app.ini");
  return r;
}

void WriteLines(const fs::path& file, const std::vector<std::string>& lines) {
  std::ofstream out(file, std::ios::binary);
  for (const std::string& line : lines) out << line;
}

void Gzip(const fs::path& file) {
  REQUIRE(
      Run({{"gzip", "-n", file.string()}, {}, "", {{"PATH", "/usr/bin:/bin"}}})
          .exit_code == 0);
}

// The known log in dir/audit.jsonl and its rotations; returns the path.
fs::path WriteKnownLog(const fs::path& dir) {
  std::vector<audit::AuditRecord> r = KnownRecords();
  auto line = [&](size_t i) { return audit::ToJsonLine(r[i]); };
  fs::path log = dir / "audit.jsonl";
  WriteLines(dir / "audit.jsonl-20240430", {line(0)});
  Gzip(dir / "audit.jsonl-20240430");
  WriteLines(dir / "audit.jsonl.2", {line(1), line(2)});
  Gzip(dir / "audit.jsonl.2");
  WriteLines(dir / "audit.jsonl.1", {line(3), line(4)});
  WriteLines(log, {line(5), "not a record\n", line(6)});
  return log;
}

struct LogFixture {
  GitFixture git;
  fs::path log = WriteKnownLog(git.root());

  CommandResult Log(std::vector<std::string> args) const {
    args.insert(args.begin(), {"log", "--file", log.string()});
    return git.Pushguard(args);
  }
  // The push ids `log --format json ARGS` lists, in order.
  std::string Ids(std::vector<std::string> args) const {
    args.push_back("--format=json");
    CommandResult r = Log(args);
    INFO(r.Output());
    CHECK(r.exit_code == 0);
    std::string ids;
    size_t pos = 0;
    while ((pos = r.out.find("\"push_id\":\"", pos)) != std::string::npos) {
      pos += 11;
      ids += (ids.empty() ? "" : " ") +
             r.out.substr(pos, r.out.find('"', pos) - pos);
    }
    return ids;
  }
};

TEST_CASE("log reads rotated and gzip-compressed files in time order") {
  LogFixture f;
  CHECK(f.Ids({}) == "p0 p1 p2 p3 p4 p5 p6");
  CHECK(f.Ids({"--no-rotated"}) == "p5 p6");
  CommandResult r = f.Log({"--format", "json"});
  CHECK(
      r.err ==
      "pushguard log: warning: skipped 1 line(s) that are not audit records\n");
}

TEST_CASE("every log filter selects the expected pushes") {
  LogFixture f;
  CHECK(f.Ids({"--verdict", "reject"}) == "p2 p6");
  CHECK(f.Ids({"--verdict", "error"}) == "p5");
  CHECK(f.Ids({"--user", "alice"}) == "p1 p3 p6");
  CHECK(f.Ids({"--repo", "group/*"}) == "p1 p2 p3 p4 p6");
  CHECK(f.Ids({"--repo", "web"}) == "p3 p4");
  CHECK(f.Ids({"--rule", "aws-access-key-id"}) == "p2 p4");
  CHECK(f.Ids({"--rule", "generic-*"}) == "p3 p6");
  CHECK(f.Ids({"--ref", "main"}) == "p0 p1 p3 p4 p5");
  CHECK(f.Ids({"--ref", "refs/tags/*"}) == "p6");
  CHECK(f.Ids({"--bypassed"}) == "p4");
  CHECK(f.Ids({"--since", "2024-05-02", "--until", "2024-05-03"}) == "p3 p4");
  CHECK(f.Ids({"--since", "2024-05-03T09:00:00Z"}) == "p6");
  CHECK(f.Ids({"--since", "100000d"}) == "p0 p1 p2 p3 p4 p5 p6");
  CHECK(f.Ids({"--since", "1h"}) == "");
  CHECK(f.Ids({"--user", "alice", "--verdict", "reject"}) == "p6");
}

TEST_CASE("bad log arguments are errors with exit code 2") {
  LogFixture f;
  struct Case {
    std::vector<std::string> args;
    std::string error;
  };
  const Case cases[] = {
      {{"--since", "last week"},
       "pushguard log: --since: invalid time 'last week'"},
      {{"--verdict", "maybe"},
       "pushguard log: --verdict must be accept, reject or error"},
      {{"--format", "xml"},
       "pushguard log: --format must be table, json, csv or html"},
      {{"--stats", "--format", "csv"},
       "pushguard log: --stats is shown as a table or json"},
      {{"--follow", "--stats"}, "pushguard log: --follow prints records"},
      {{"--usr", "x"},
       "pushguard log: unknown option '--usr' (did you mean '--user'?)"},
  };
  for (const Case& c : cases) {
    CommandResult r = f.Log(c.args);
    INFO(r.Output());
    CHECK(r.exit_code == 2);
    CHECK(r.err.starts_with(c.error));
  }
}

TEST_CASE("the default table is aligned and readable") {
  LogFixture f;
  CommandResult r = f.Log({"--verdict", "reject"});
  CHECK(r.out ==
        "TIME                 VERDICT  REPOSITORY  USER   REFS              "
        "FINDINGS                                  NOTE\n"
        "2024-05-01 10:00:00  reject   group/app   bob    feature (create)  "
        "aws-access-key-id x2\n"
        "2024-05-03 09:30:00  reject   group/app   alice  v1 (create)       "
        "private-key, generic-password (evaluate)\n");
  CommandResult bypass = f.Log({"--bypassed"});
  CHECK(Contains(bypass.out,
                 "aws-access-key-id (warn)  bypass by carol: "
                 "incident 42, key revoked\n"));
}

TEST_CASE("csv output quotes fields and defuses spreadsheet formulas") {
  LogFixture f;
  CommandResult r = f.Log({"--format", "csv", "--verdict", "error"});
  CHECK(r.out ==
        "time,push_id,node,repository,user,protocol,verdict,refs,rules,"
        "findings,blocking,warnings,would_block,bypassed,bypass_reason,"
        "commits,blobs,bytes,elapsed_ms,error\n"
        "2024-05-03T08:00:00.000Z,p5,git1,other/tool,dave,ssh,error,"
        "refs/heads/main:update,,0,0,0,0,false,,0,0,0,0,"
        "'=1+1 invalid pushguard configuration\n");
  CommandResult bypass = f.Log({"--format", "csv", "--bypassed"});
  CHECK(Contains(bypass.out, ",true,\"incident 42, key revoked\","));
}

TEST_CASE("--stats summarises rejections, bypasses, errors and evaluate hits") {
  LogFixture f;
  CommandResult text = f.Log({"--stats"});
  INFO(text.out);
  CHECK(Contains(text.out,
                 "pushes: 7 (accepted 4, rejected 2, errors 1) from "
                 "2024-04-30 23:00:00 to 2024-05-03 09:30:00 UTC\n"));
  CHECK(
      Contains(text.out, "accepted with warnings: 1, pushes with a bypass: 1"));
  CHECK(Contains(text.out,
                 "rejections by rule\n  aws-access-key-id  1\n"
                 "  private-key        1\n"));
  CHECK(Contains(text.out, "rejections by user\n  alice  1\n  bob    1\n"));
  CHECK(Contains(text.out, "  2024-05-02  2 / 0 / 0\n"));
  CHECK(Contains(text.out,
                 "carol  group/web  aws-access-key-id  "
                 "\"incident 42, key revoked\""));
  CHECK(Contains(text.out,
                 "  generic-password  2  2  2  1  2024-05-02  "
                 "2024-05-03\n"));

  CommandResult json = f.Log({"--stats", "--format", "json"});
  Result<audit::JsonValue> s = audit::ParseJson(json.out);
  REQUIRE(s.ok());
  CHECK(s->Get("pushes").AsNumber() == 7);
  CHECK(s->Get("rejected").AsNumber() == 2);
  CHECK(s->Get("errors").AsNumber() == 1);
  CHECK(s->Get("days").Items().size() == 4);
  CHECK(s->Get("days").At(1).Get("rejected").AsNumber() == 1);
  CHECK(s->Get("rejections_by_repository").At(0).Get("repository").AsString() ==
        "group/app");
  CHECK(s->Get("rejections_by_repository").At(0).Get("count").AsNumber() == 2);
  CHECK(s->Get("evaluate").At(0).Get("rule").AsString() == "generic-password");
  CHECK(s->Get("evaluate").At(0).Get("pushes").AsNumber() == 2);
  CHECK(s->Get("bypasses").At(0).Get("reason").AsString() ==
        "incident 42, key revoked");
}

TEST_CASE("log finds the file through PUSHGUARD_AUDIT_FILE") {
  LogFixture f;
  CommandResult r = f.git.Pushguard({"log", "--format", "json"}, "",
                                    {{"PUSHGUARD_AUDIT_FILE", f.log.string()}});
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, "\"push_id\":\"p6\""));
}

TEST_CASE("an empty or missing log is not an error") {
  GitFixture git;
  CommandResult r =
      git.Pushguard({"log", "--file", (git.root() / "none.jsonl").string()});
  CHECK(r.exit_code == 0);
  CHECK(r.out.starts_with("TIME "));
}

// Debian's chromium (packaging/install-test-deps.sh installs it; `make test`
// runs that). Without it the test fails, unless PUSHGUARD_SKIP_BROWSER_TESTS=1.
bool HaveChromium() {
  std::map<std::string, std::string> env = {
      {"PATH", "/usr/sbin:/usr/bin:/sbin:/bin"}};
  if (Run({{"sh", "-c", "command -v chromium"}, {}, "", env}).exit_code == 0) {
    return true;
  }
  const char* skip = std::getenv("PUSHGUARD_SKIP_BROWSER_TESTS");
  if (skip && std::string(skip) == "1") return false;
  FAIL(
      "chromium is missing: run packaging/install-test-deps.sh (make test "
      "does), or set PUSHGUARD_SKIP_BROWSER_TESTS=1");
  return false;
}

// The DOM headless Chromium builds from `html`.
std::string RenderInChromium(const GitFixture& git, const fs::path& html) {
  CommandResult r =
      Run({{"chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + (git.root() / "chromium-profile").string(),
            "--dump-dom", "file://" + html.string()},
           git.root(),
           "",
           git.Env()});
  INFO(r.err.substr(0, 2000));
  REQUIRE(r.exit_code == 0);
  return r.out;
}

TEST_CASE("the html report renders in Chromium with the expected figures") {
  LogFixture f;
  CommandResult r = f.Log({"--format", "html"});
  REQUIRE(r.exit_code == 0);
  const std::string& html = r.out;
  for (std::string external :
       {"<script", "src=", "href=", "url(", "http:", "https:", "//"}) {
    CAPTURE(external);
    CHECK_FALSE(Contains(html, external));  // self-contained
  }
  if (!HaveChromium()) {
    MESSAGE("skipped: chromium missing and PUSHGUARD_SKIP_BROWSER_TESTS=1");
    return;
  }
  fs::path file = f.git.root() / "report.html";
  std::ofstream(file, std::ios::binary) << html;
  std::string dom = RenderInChromium(f.git, file);
  INFO(dom.substr(0, 3000));
  CHECK(Contains(dom, "<title>pushguard audit report</title>"));
  CHECK(Contains(dom, "id=\"total-pushes\">7<"));
  CHECK(Contains(dom, "id=\"total-accepted\">4<"));
  CHECK(Contains(dom, "id=\"total-rejected\">2<"));
  CHECK(Contains(dom, "id=\"total-errors\">1<"));
  CHECK(Contains(dom, "id=\"total-warned\">1<"));
  CHECK(Contains(dom, "id=\"total-bypassed\">1<"));
  CHECK(Contains(dom,
                 "data-day=\"2024-05-01\" data-accepted=\"1\" "
                 "data-rejected=\"1\" data-errors=\"0\""));
  CHECK(Contains(dom,
                 "data-day=\"2024-05-03\" data-accepted=\"0\" "
                 "data-rejected=\"1\" data-errors=\"1\""));
  CHECK(Contains(dom, "<td>aws-access-key-id</td><td class=\"n\">1</td>"));
  CHECK(Contains(dom, "<td>group/app</td><td class=\"n\">2</td>"));
  CHECK(Contains(dom, "<td>generic-password</td><td class=\"n\">2</td>"));
  CHECK(Contains(dom, "incident 42, key revoked"));
  CHECK(Contains(dom, "=1+1 invalid pushguard configuration"));
  CHECK(Contains(dom, "id_rsa:3"));
}

TEST_CASE("the html report escapes what the log holds") {
  GitFixture git;
  audit::AuditRecord r = KnownRecords()[2];
  r.user = "<img src=x onerror=alert(1)>";
  r.repository = "a&b\"c'";
  fs::path log = git.root() / "audit.jsonl";
  WriteLines(log, {audit::ToJsonLine(r)});
  CommandResult out =
      git.Pushguard({"log", "--file", log.string(), "--format", "html"});
  CHECK_FALSE(Contains(out.out, "<img"));
  CHECK(Contains(out.out, "&lt;img src=x onerror=alert(1)&gt;"));
  CHECK(Contains(out.out, "a&amp;b&quot;c&#39;"));
}

}  // namespace
}  // namespace pushguard::e2e

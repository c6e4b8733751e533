#include <doctest/doctest.h>

#include <algorithm>

#include "report/json.h"
#include "report/sarif.h"
#include "report/text.h"

namespace pushguard::report {
namespace {

Finding MakeFinding(const std::string& path, Severity severity) {
  Finding f;
  f.rule = "aws-access-key-id";
  f.description = "AWS access key ID";
  f.severity = severity;
  f.ref = "refs/heads/main";
  f.commit = "0123456789abcdef0123456789abcdef01234567";
  f.path = path;
  f.line = 12;
  f.column = 5;
  f.fingerprint = "00112233445566778899aabbccddeeff";
  f.secret = "AKIA************MPLE";
  f.message = "AWS access key ID in " + path + ":12";
  f.remediation = "Deactivate the key.\nRotate it.";
  return f;
}

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a rejection names the finding, the fix and how to rewrite history") {
  Decision d;
  d.accepted = false;
  d.findings.push_back(MakeFinding("config/prod.env", Severity::kBlock));
  std::string text = RenderText(d, TextOptions{});
  CHECK(Contains(text,
                 "error: pushguard rejected this push: 1 secret in the "
                 "commits you are pushing:\n"));
  CHECK(Contains(text, "error: [aws-access-key-id] AWS access key ID\n"));
  CHECK(Contains(text, "error:     config/prod.env:12:5\n"));
  CHECK(Contains(text, "error:     commit 0123456789ab on refs/heads/main\n"));
  CHECK(
      Contains(text, "hint:     Deactivate the key.\nhint:     Rotate it.\n"));
  CHECK(Contains(text, "git rebase -i 0123456789ab~1"));
  CHECK(Contains(text, "git commit --amend"));
}

TEST_CASE("hostile paths cannot inject terminal controls or fake lines") {
  Decision d;
  d.accepted = false;
  d.findings.push_back(
      MakeFinding("a\nremote: success: all good\x1b[2J.env", Severity::kBlock));
  std::string text = RenderText(d, TextOptions{});
  CHECK_FALSE(Contains(text, "\x1b"));
  CHECK_FALSE(Contains(text, "\nremote: success"));
  CHECK(Contains(text, "a\\nremote: success: all good\\x1b[2J.env:12:5"));
  CHECK(std::all_of(text.begin(), text.end(), [](char c) {
    return c == '\n' || static_cast<unsigned char>(c) >= 0x20;
  }));
}

TEST_CASE("only the first findings are listed, then a count of the rest") {
  Decision d;
  d.accepted = false;
  for (int i = 0; i < 25; ++i) {
    d.findings.push_back(
        MakeFinding("f" + std::to_string(i), Severity::kBlock));
  }
  TextOptions options;
  options.max_findings = 20;
  std::string text = RenderText(d, options);
  CHECK(Contains(text, "f19:12:5"));
  CHECK_FALSE(Contains(text, "f20:12:5"));
  CHECK(Contains(text, "... and 5 more findings"));
}

TEST_CASE("a root commit is rewritten with rebase --root") {
  Decision d;
  d.accepted = false;
  d.findings.push_back(MakeFinding("x", Severity::kBlock));
  d.findings[0].root_commit = true;
  CHECK(Contains(RenderText(d, TextOptions{}), "git rebase -i --root"));
}

TEST_CASE("a guard failure says it was the guard, and what on_error did") {
  Decision d;
  d.accepted = false;
  d.error = "blob 1234: object not found";
  std::string rejected = RenderText(d, TextOptions{});
  CHECK(Contains(rejected, "the guard failed, not you"));
  CHECK(Contains(rejected, "error:   blob 1234: object not found\n"));
  d.accepted = true;  // on_error: accept
  CHECK(Contains(RenderText(d, TextOptions{}),
                 "warning: pushguard could not finish checking; accepted"));
}

TEST_CASE("warnings are shown without rejecting, clean pushes say so") {
  Decision d;
  d.findings.push_back(MakeFinding("w.env", Severity::kWarn));
  d.findings.push_back(MakeFinding("silent.env", Severity::kInfo));
  d.stats.commits = 2;
  d.stats.blobs = 3;
  std::string text = RenderText(d, TextOptions{});
  CHECK(Contains(text, "warning: pushguard: possible secret (not blocking):"));
  CHECK(Contains(text, "w.env:12:5"));
  CHECK_FALSE(Contains(text, "silent.env"));
  CHECK(Contains(text,
                 "pushguard: checked 2 commits, 3 new file versions: no "
                 "secrets found"));
}

TEST_CASE("the JSON report follows the documented contract") {
  Decision d;
  d.accepted = false;
  d.findings.push_back(MakeFinding("p\"q\n.env", Severity::kBlock));
  d.findings.push_back(MakeFinding("evaluate-only", Severity::kInfo));
  d.stats = {1, 2, 30, 4};
  CHECK(RenderJson(d) ==
        "{\"version\":1,\"verdict\":\"reject\",\"findings\":[{\"kind\":"
        "\"secret\",\"rule\":\"aws-access-key-id\",\"severity\":\"block\","
        "\"ref\":\"refs/heads/main\",\"commit\":"
        "\"0123456789abcdef0123456789abcdef01234567\",\"path\":"
        "\"p\\\"q\\n.env\",\"line\":12,\"column\":5,\"fingerprint\":"
        "\"00112233445566778899aabbccddeeff\",\"secret\":"
        "\"AKIA************MPLE\",\"message\":\"AWS access key ID in "
        "p\\\"q\\n.env:12\",\"remediation\":\"Deactivate the key.\\nRotate "
        "it.\"}],\"stats\":{\"commits\":1,\"blobs\":2,\"bytes\":30,"
        "\"elapsed_ms\":4}}\n");
}

}  // namespace pushguard::report

namespace pushguard::report {

TEST_CASE("a scan of a partial clone lists the missing blobs in every format") {
  Decision d;
  const std::string blob(40, 'b');
  d.missing_objects = {blob};
  TextOptions options;
  options.hook = false;
  std::string text = RenderText(d, options);
  CHECK(Contains(text,
                 "warning: pushguard: incomplete: 1 object missing from the "
                 "repository (a partial clone?) could not be scanned:\n"));
  CHECK(Contains(text, "warning:     blob " + blob + "\n"));
  CHECK(Contains(RenderJson(d), "\"missing_objects\":[\"" + blob + "\"]"));
  CHECK(Contains(RenderSarif(d, "0.1.0"),
                 "\"level\":\"warning\",\"message\":{\"text\":\"missing "
                 "object, not scanned: blob " +
                     blob));
  d.missing_objects.assign(25, blob);
  CHECK(Contains(RenderText(d, options), "warning:     ... and 5 more\n"));
  CHECK_FALSE(Contains(RenderJson(Decision{}), "missing_objects"));
}

TEST_CASE("a scan report does not talk about a push") {
  Decision d;
  d.accepted = false;
  d.findings.push_back(MakeFinding("x.env", Severity::kBlock));
  TextOptions scan;
  scan.hook = false;
  std::string text = RenderText(d, scan);
  CHECK(Contains(text,
                 "error: pushguard found 1 secret in the scanned commits:"));
  CHECK(Contains(text, "it is in history, so treat it as leaked"));
  CHECK_FALSE(Contains(text, "this push"));
  CHECK_FALSE(Contains(text, "pushing"));
}

}  // namespace pushguard::report

#include "audit/html_report.h"

#include <doctest/doctest.h>

#include <regex>

#include "audit/timestamp.h"

namespace pushguard::audit {
namespace {

AuditRecord Rejected(const char* time) {
  AuditRecord r;
  r.time_ms = *ParseTimestamp(time);
  r.verdict = "reject";
  r.accepted = false;
  r.repository = "group/app";
  RefUpdateRecord deleted;
  deleted.ref = "refs/heads/main";
  deleted.change = "delete";
  r.refs = {deleted};
  return r;
}

int Attribute(const std::string& html, const std::string& pattern) {
  std::smatch m;
  REQUIRE(std::regex_search(html, m, std::regex(pattern)));
  return std::stoi(m[1]);
}

TEST_CASE("a single day's chart has room for its bar and one date label") {
  std::vector<AuditRecord> records = {Rejected("2024-05-01T10:00:00Z")};
  std::string html = RenderHtml(ComputeStats(records), records, 0);
  int width = Attribute(html, "<svg id=\"chart\"[^>]* width=\"([0-9]+)\"");
  CHECK(width >= 280);
  CHECK(html.find("class=\"first-day\"") != std::string::npos);
  CHECK(html.find("class=\"last-day\"") == std::string::npos);
  int bar = Attribute(html,
                      "<rect class=\"reject\" x=\"[0-9]+\" y=\"[0-9.]+\" "
                      "width=\"([0-9]+)\"");
  CHECK(bar <= 40);
}

TEST_CASE("a chart over several days labels both ends apart") {
  std::vector<AuditRecord> records = {Rejected("2024-05-01T10:00:00Z"),
                                      Rejected("2024-05-02T10:00:00Z")};
  std::string html = RenderHtml(ComputeStats(records), records, 0);
  int first = Attribute(html, "class=\"first-day\" x=\"([0-9]+)\"");
  int last = Attribute(html, "class=\"last-day\" x=\"([0-9]+)\"");
  CHECK(last - first >= 140);  // two 10-character dates at 11 px, apart
  CHECK(html.find("text-anchor=\"end\"") != std::string::npos);
}

TEST_CASE("the rejections list never shows a :0 location") {
  AuditRecord deletion = Rejected("2024-05-01T10:00:00Z");
  FindingRecord protect;
  protect.kind = "policy";
  protect.rule = "protected-branch";
  protect.mode = "enforce";
  protect.severity = "block";
  protect.ref = "refs/heads/main";
  deletion.findings.push_back(protect);
  AuditRecord file = Rejected("2024-05-01T11:00:00Z");
  FindingRecord big = protect;
  big.rule = "max-file-size";
  big.commit = std::string(40, 'c');
  big.path = "big.bin";
  file.findings.push_back(big);
  std::vector<AuditRecord> records = {deletion, file};
  std::string html = RenderHtml(ComputeStats(records), records, 0);
  CHECK(html.find("big.bin:0") == std::string::npos);
  CHECK(html.find("main:0") == std::string::npos);
  CHECK(html.find("<td>:0") == std::string::npos);
  CHECK(html.find("<td>big.bin <code>cccccccccccc</code></td>") !=
        std::string::npos);
  CHECK(html.find("<td>refs/heads/main</td>") != std::string::npos);
}

}  // namespace
}  // namespace pushguard::audit

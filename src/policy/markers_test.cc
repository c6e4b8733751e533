#include "policy/markers.h"

#include <doctest/doctest.h>

namespace pushguard::policy {
namespace {

Finding Marked(Severity severity) {
  Finding f;
  f.rule = "tok";
  f.severity = severity;
  f.ref = "refs/heads/main";
  f.commit = "c1";
  f.path = "a.txt";
  f.line = 3;
  f.fingerprint = "fp";
  f.allowed_by = "pushguard:allow";
  f.marker_line = 3;
  return f;
}

Decision WithFindings(std::vector<Finding> findings) {
  Decision d;
  d.findings = std::move(findings);
  return d;
}

}  // namespace

TEST_CASE("the client honours every marker, without recording a bypass") {
  Decision d = WithFindings({Marked(Severity::kBlock), Finding{}});
  ApplyInlineMarkers(rules::MarkerBypass{}, nullptr, &d);
  CHECK(d.findings[0].severity == Severity::kInfo);
  CHECK(d.findings[0].marked_severity == Severity::kBlock);
  CHECK(d.findings[0].allowed_by == "pushguard:allow");
  CHECK(d.findings[1].severity == Severity::kBlock);  // no marker
  CHECK(d.bypasses.empty());
  CHECK(d.notices.empty());
}

TEST_CASE("the hook ignores markers unless marker_bypass is enabled") {
  PushContext hook{"alice", "app", "", {}};
  Decision d =
      WithFindings({Marked(Severity::kBlock), Marked(Severity::kInfo)});
  ApplyInlineMarkers(rules::MarkerBypass{}, &hook, &d);
  CHECK(d.findings[1].severity == Severity::kInfo);  // silent: no notice
  CHECK(d.findings[1].allowed_by.empty());
  CHECK(d.findings[0].severity == Severity::kBlock);
  CHECK(d.findings[0].allowed_by.empty());
  CHECK(d.findings[0].marker_line == 0);
  CHECK(d.bypasses.empty());
  CHECK(d.notices == std::vector<std::string>{
                         "inline marker 'pushguard:allow' at a.txt:3 ignored "
                         "for [tok]: inline markers do not let secrets "
                         "through on this server (settings.marker_bypass is "
                         "off)"});
}

TEST_CASE(
    "an enabled marker in the hook is a bypass; users and modes limit it") {
  PushContext alice{"alice", "app", "", {}};
  PushContext bob{"bob", "app", "", {}};
  rules::MarkerBypass settings;
  settings.enabled = true;
  settings.users = {"alice"};
  settings.modes = {rules::Mode::kWarn};

  Decision d =
      WithFindings({Marked(Severity::kWarn), Marked(Severity::kBlock)});
  ApplyInlineMarkers(settings, &alice, &d);
  CHECK(d.findings[0].severity == Severity::kInfo);
  CHECK(d.findings[1].severity == Severity::kBlock);
  REQUIRE(d.bypasses.size() == 1);
  const Bypass& b = d.bypasses[0];
  CHECK(b.kind == Bypass::kInlineMarker);
  CHECK(b.user == "alice");
  CHECK(b.rules == std::vector<std::string>{"tok"});
  CHECK(b.fingerprint == "fp");
  CHECK(b.path == "a.txt");
  CHECK(b.marker_line == 3);
  CHECK(b.reason == "inline marker 'pushguard:allow' at a.txt:3");
  CHECK(d.notices == std::vector<std::string>{
                         "inline marker 'pushguard:allow' at a.txt:3 ignored "
                         "for [tok]: the rule is in enforce mode, not in "
                         "settings.marker_bypass.modes"});

  Decision other = WithFindings({Marked(Severity::kWarn)});
  ApplyInlineMarkers(settings, &bob, &other);
  CHECK(other.findings[0].severity == Severity::kWarn);
  CHECK(other.bypasses.empty());
  CHECK(other.notices ==
        std::vector<std::string>{"inline marker 'pushguard:allow' at a.txt:3 "
                                 "ignored for [tok]: 'bob' is not in "
                                 "settings.marker_bypass.users"});
}

}  // namespace pushguard::policy

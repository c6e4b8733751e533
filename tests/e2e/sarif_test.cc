// End-to-end: `pushguard scan --format sarif`, checked against the structure
// SARIF 2.1.0 requires (the OASIS schema's required properties, enums and
// allowed keys for every object pushguard emits; no network needed).
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "audit/json_value.h"
#include "push_checks.h"

namespace pushguard::e2e {
namespace {

using audit::JsonValue;

// Every key of `object` is one the schema allows there.
void CheckKeys(const JsonValue& object, const std::set<std::string>& allowed,
               const char* where) {
  REQUIRE(object.IsObject());
  for (const auto& [key, value] : object.Members()) {
    INFO(where << "." << key);
    CHECK(allowed.count(key) == 1);
  }
}

void CheckLocation(const JsonValue& location) {
  CheckKeys(location,
            {"physicalLocation", "id", "logicalLocations", "message",
             "annotations", "relationships", "properties"},
            "location");
  const JsonValue& physical = location.Get("physicalLocation");
  CheckKeys(
      physical,
      {"artifactLocation", "region", "contextRegion", "address", "properties"},
      "physicalLocation");
  CHECK(physical.Get("artifactLocation").Get("uri").IsString());
  const JsonValue& region = physical.Get("region");
  CHECK(region.Get("startLine").AsNumber() >= 1);
  CHECK(region.Get("startColumn").AsNumber() >= 1);
}

void CheckResult(const JsonValue& result, const JsonValue& rules) {
  CheckKeys(result,
            {"ruleId",
             "ruleIndex",
             "rule",
             "kind",
             "level",
             "message",
             "locations",
             "analysisTarget",
             "guid",
             "correlationGuid",
             "occurrenceCount",
             "partialFingerprints",
             "fingerprints",
             "stacks",
             "codeFlows",
             "graphs",
             "graphTraversals",
             "relatedLocations",
             "suppressions",
             "baselineState",
             "rank",
             "attachments",
             "hostedViewerUri",
             "workItemUris",
             "provenance",
             "fixes",
             "taxa",
             "webRequest",
             "webResponse",
             "properties"},
            "result");
  CHECK(result.Get("message").Get("text").IsString());  // required
  std::set<std::string> levels = {"none", "note", "warning", "error"};
  std::set<std::string> kinds = {"notApplicable", "pass", "fail",
                                 "review",        "open", "informational"};
  CHECK(levels.count(result.Get("level").AsString()) == 1);
  CHECK(kinds.count(result.Get("kind").AsString()) == 1);
  size_t index = static_cast<size_t>(result.Get("ruleIndex").AsNumber(-1));
  CHECK(rules.At(index).Get("id").AsString() ==
        result.Get("ruleId").AsString());
  for (const auto& [name, value] :
       result.Get("partialFingerprints").Members()) {
    CHECK(value.IsString());
  }
  REQUIRE(result.Get("locations").Items().size() == 1);
  CheckLocation(result.Get("locations").At(0));
}

// The properties the schema allows on a run object.
const std::set<std::string> kRunKeys = {"tool",
                                        "invocations",
                                        "conversion",
                                        "language",
                                        "versionControlProvenance",
                                        "originalUriBaseIds",
                                        "artifacts",
                                        "logicalLocations",
                                        "graphs",
                                        "results",
                                        "automationDetails",
                                        "runAggregates",
                                        "baselineGuid",
                                        "redactionTokens",
                                        "defaultEncoding",
                                        "defaultSourceLanguage",
                                        "newlineSequences",
                                        "columnKind",
                                        "externalPropertyFileReferences",
                                        "threadFlowLocations",
                                        "taxonomies",
                                        "addresses",
                                        "translations",
                                        "policies",
                                        "webRequests",
                                        "webResponses",
                                        "specialLocations",
                                        "properties"};

// The structure SARIF 2.1.0 requires of a log with one run.
void CheckSarif(const JsonValue& log) {
  CheckKeys(
      log,
      {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
      "sarifLog");
  CHECK(log.Get("version").AsString() == "2.1.0");
  CHECK(log.Get("$schema").AsString() ==
        "https://json.schemastore.org/sarif-2.1.0.json");
  REQUIRE(log.Get("runs").Items().size() == 1);
  const JsonValue& run = log.Get("runs").At(0);
  CheckKeys(run, kRunKeys, "run");
  std::set<std::string> column_kinds = {"utf16CodeUnits", "unicodeCodePoints"};
  CHECK(column_kinds.count(run.Get("columnKind").AsString()) == 1);
  const JsonValue& driver = run.Get("tool").Get("driver");
  CHECK(driver.Get("name").AsString() == "pushguard");  // required
  const JsonValue& rules = driver.Get("rules");
  std::set<std::string> ids;
  for (const JsonValue& rule : rules.Items()) {
    CheckKeys(rule,
              {"id", "deprecatedIds", "guid", "deprecatedGuids", "name",
               "deprecatedNames", "shortDescription", "fullDescription",
               "messageStrings", "defaultConfiguration", "helpUri", "help",
               "relationships", "properties"},
              "reportingDescriptor");
    CHECK(ids.insert(rule.Get("id").AsString()).second);  // unique, required
    CHECK(rule.Get("shortDescription").Get("text").IsString());
  }
  for (const JsonValue& invocation : run.Get("invocations").Items()) {
    CHECK(invocation.Get("executionSuccessful").IsBool());  // required
  }
  for (const JsonValue& result : run.Get("results").Items()) {
    CheckResult(result, rules);
  }
}

TEST_CASE("scan --format sarif gives valid SARIF 2.1.0 with redacted secrets") {
  GitFixture git;
  git.UninstallHook();
  std::string key = FakeAwsKey();
  std::string oid = git.CommitFile("config/prod env.txt", ProdEnv(key));
  git.CommitFile("second.env", ProdEnv(FakeAwsKey()));
  CommandResult scan = git.Pushguard(
      {"scan", "--repo", git.work().string(), "--format", "sarif", "HEAD"});
  INFO(scan.Output());
  CHECK(scan.exit_code == 1);
  CHECK_FALSE(Contains(scan.out, key));
  Result<JsonValue> log = audit::ParseJson(scan.out);
  REQUIRE(log.ok());
  CheckSarif(*log);
  const JsonValue& run = log->Get("runs").At(0);
  CHECK(run.Get("tool").Get("driver").Get("rules").Items().size() == 1);
  CHECK(run.Get("invocations").At(0).Get("executionSuccessful").AsBool());
  const JsonValue& results = run.Get("results");
  REQUIRE(results.Items().size() == 2);
  const JsonValue* first = nullptr;
  for (const JsonValue& r : results.Items()) {
    const JsonValue& physical =
        r.Get("locations").At(0).Get("physicalLocation");
    if (physical.Get("artifactLocation").Get("uri").AsString() ==
        "config/prod%20env.txt") {
      first = &r;
    }
  }
  REQUIRE(first != nullptr);
  CHECK(first->Get("ruleId").AsString() == "aws-access-key-id");
  CHECK(first->Get("level").AsString() == "error");
  const JsonValue& region =
      first->Get("locations").At(0).Get("physicalLocation").Get("region");
  CHECK(region.Get("startLine").AsNumber() == 3);
  CHECK(region.Get("startColumn").AsNumber() == 8);
  CHECK(first->Get("properties").Get("commit").AsString() == oid);
  CHECK(first->Get("partialFingerprints")
            .Get("pushguardFingerprint/v1")
            .AsString()
            .size() == 32);
}

TEST_CASE("a clean scan is valid SARIF with no results") {
  GitFixture git;
  git.UninstallHook();
  git.CommitFile("README.md", "# hello\n");
  CommandResult scan = git.Pushguard(
      {"scan", "--repo", git.work().string(), "--format", "sarif", "HEAD"});
  CHECK(scan.exit_code == 0);
  Result<JsonValue> log = audit::ParseJson(scan.out);
  REQUIRE(log.ok());
  CheckSarif(*log);
  CHECK(log->Get("runs").At(0).Get("results").Items().empty());
}

TEST_CASE("a failed scan is SARIF with an unsuccessful invocation") {
  GitFixture git;
  git.UninstallHook();
  git.CommitFile("README.md", "# hello\n");
  CommandResult scan = git.Pushguard({"scan", "--repo", git.work().string(),
                                      "--format", "sarif", "no-such-rev"});
  CHECK(scan.exit_code == 2);
  Result<JsonValue> log = audit::ParseJson(scan.out);
  REQUIRE(log.ok());
  CheckSarif(*log);
  const JsonValue& invocation = log->Get("runs").At(0).Get("invocations").At(0);
  CHECK_FALSE(invocation.Get("executionSuccessful").AsBool(true));
  CHECK(invocation.Get("toolExecutionNotifications")
            .At(0)
            .Get("level")
            .AsString() == "error");
}

}  // namespace
}  // namespace pushguard::e2e

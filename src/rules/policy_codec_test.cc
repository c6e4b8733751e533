#include "rules/policy_codec.h"

#include <doctest/doctest.h>

#include <random>

#include "rules/embedded.h"
#include "rules/loader.h"

namespace pushguard::rules {
namespace {

std::string Encode(const Policy& policy) {
  ByteWriter w;
  EncodePolicy(policy, &w);
  return w.Release();
}

Policy Load(const std::vector<PolicySource>& layers) {
  std::vector<Diagnostic> problems;
  Policy policy = LoadPolicy(layers, &problems);
  REQUIRE_MESSAGE(problems.empty(), FormatDiagnostics(problems));
  return policy;
}

// A policy that sets every kind of value, including the rare ones (push
// policies with parameters, mandatory changes ignored, marker bypass).
const char kRich[] = R"(
settings:
  on_error: accept
  max_findings_shown: 7
  inline_allow_markers: ["ok-here"]
  marker_bypass: {enabled: true, users: [alice], modes: [warn]}
  vendored_paths: ["ext/**"]
limits: {time_budget: 2.5, on_timeout: accept, threads: 3}
audit: {file: "", syslog: true, required: true}
allowlist: {paths: ["docs/**"], stopwords: [example]}
rules:
  - id: t-token
    description: test token
    mode: warn
    regex: 'tok_([a-z0-9]{16})'
    secret_group: 1
    keywords: [tok_]
    entropy: 2.5
    generic: true
    priority: -3
    keyword_scope: file
    allowlist: {regexes: ['^tok_0+$'], match_regexes: ['x'], fingerprints: [ab]}
    remediation: rotate it
    examples: ["tok_a1b2c3d4e5f6a7b8"]
    negative_examples: ["tok_short"]
policies:
  - id: big
    type: max_blob_size
    max_size: 5MB
    mandatory: true
    scope: {repos: ["a/*"], refs: ["refs/heads/**"], exempt_users: [bot]}
    modes: [{refs: ["refs/heads/dev"], mode: warn}]
    bypass: {bypassable: true, users: [carol]}
    remediation: keep big files out
)";

const char kWeaken[] = R"(
policies:
  - id: big
    max_size: 9MB
)";

TEST_CASE("A decoded policy encodes to the same bytes (every field)") {
  std::vector<PolicySource> layers = {{"rich.yaml", kRich, true},
                                      {"weaken.yaml", kWeaken, false}};
  std::vector<Diagnostic> problems;
  Policy policy = LoadPolicy(layers, &problems);
  REQUIRE_MESSAGE(problems.empty(), FormatDiagnostics(problems));
  REQUIRE(policy.ignored.size() == 1);  // the weakening, kept as data
  std::string bytes = Encode(policy);
  ByteReader r(bytes);
  Result<Policy> back = DecodePolicy(&r);
  REQUIRE(back.ok());
  CHECK(r.done());
  CHECK(Encode(*back) == bytes);
  // Spot checks that the values themselves survive, not only their bytes.
  REQUIRE(back->secret_rules.size() == 1);
  const SecretRule& rule = back->secret_rules[0];
  CHECK(rule.mode == Mode::kWarn);
  CHECK(rule.secret_group == 1);
  CHECK(rule.min_entropy == 2.5);
  CHECK(rule.priority == -3);
  CHECK(rule.keywords_anywhere);
  CHECK(rule.allowlist.regexes == std::vector<std::string>{"^tok_0+$"});
  CHECK(rule.origin.file == "rich.yaml");
  CHECK(rule.origin.line > 0);
  CHECK(back->settings.on_error == OnError::kAccept);
  CHECK(back->settings.limits.time_budget_seconds == 2.5);
  CHECK(back->settings.marker_bypass.modes == std::vector<Mode>{Mode::kWarn});
  CHECK(back->settings.vendored_paths == std::vector<std::string>{"ext/**"});
  REQUIRE(back->push_policies.size() == 1);
  const PushPolicy& big = back->push_policies[0];
  CHECK(big.Get(params::kMaxSize) == 5000000);
  CHECK(big.Unit(params::kMaxSize) == "MB");
  CHECK(big.mandatory);
  CHECK(big.bypass.users == std::vector<std::string>{"carol"});
  CHECK(back->ignored[0].file == "weaken.yaml");
}

TEST_CASE("The embedded default policy survives encoding") {
  Policy policy = Load(EmbeddedPolicies());
  std::string bytes = Encode(policy);
  ByteReader r(bytes);
  Result<Policy> back = DecodePolicy(&r);
  REQUIRE(back.ok());
  CHECK(back->secret_rules.size() == policy.secret_rules.size());
  CHECK(Encode(*back) == bytes);
}

TEST_CASE("Damaged policy bytes are refused, never a crash") {
  std::string bytes = Encode(Load({{"rich.yaml", kRich, true}}));
  // Every truncation fails.
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    ByteReader r(std::string_view(bytes).substr(0, cut));
    CHECK_FALSE(DecodePolicy(&r).ok());
  }
  // Flipped bytes either fail or decode to some policy; neither crashes nor
  // allocates without bound (the sanitizer run checks this test too).
  std::mt19937 random(20261201);
  for (int i = 0; i < 2000; ++i) {
    std::string damaged = bytes;
    damaged[random() % damaged.size()] ^= static_cast<char>(1 + random() % 255);
    ByteReader r(damaged);
    (void)DecodePolicy(&r);
  }
  // An impossible enum value is refused: the first field is
  // settings.on_error, a u64 of 0 or 1.
  std::string bad = bytes;
  bad[0] = 9;
  ByteReader r(bad);
  CHECK_FALSE(DecodePolicy(&r).ok());
}

TEST_CASE("A push policy type out of the enum's range is refused") {
  Policy policy;
  policy.push_policies.emplace_back();
  policy.push_policies[0].type = PolicyType::kMaxBlobSize;
  const std::string first = Encode(policy);
  policy.push_policies[0].type = PolicyType::kLast;
  const std::string last = Encode(policy);
  // The type is the one byte that differs (a little-endian u64).
  REQUIRE(first.size() == last.size());
  std::vector<size_t> differ;
  for (size_t i = 0; i < first.size(); ++i) {
    if (first[i] != last[i]) differ.push_back(i);
  }
  REQUIRE(differ.size() == 1);
  CHECK(static_cast<size_t>(last[differ[0]]) == kPolicyTypeCount - 1);
  {
    ByteReader r(last);
    Result<Policy> back = DecodePolicy(&r);
    REQUIRE(back.ok());
    CHECK(back->push_policies[0].type == PolicyType::kLast);
  }
  for (int value : {static_cast<int>(kPolicyTypeCount), 0x7f, 0xff}) {
    CAPTURE(value);
    std::string bad = last;
    bad[differ[0]] = static_cast<char>(value);
    ByteReader r(bad);
    Result<Policy> back = DecodePolicy(&r);
    REQUIRE_FALSE(back.ok());
    CHECK(back.status().code() == Status::Code::kCorruption);
  }
}

}  // namespace
}  // namespace pushguard::rules

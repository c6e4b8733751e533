#include "rules/loader.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "rules/embedded.h"

namespace pushguard::rules {
namespace {

std::vector<std::string> Problems(const std::vector<PolicySource>& layers) {
  std::vector<Diagnostic> problems;
  LoadPolicy(layers, &problems);
  return ToStrings(problems);
}

const SecretRule* Find(const Policy& p, const std::string& id) {
  for (const SecretRule& r : p.secret_rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the embedded default policy loads without problems") {
  std::vector<Diagnostic> problems;
  Policy p = LoadPolicy(EmbeddedPolicies(), &problems);
  CHECK(problems.empty());
  CHECK(p.secret_rules.size() >= 7);
  CHECK(Find(p, "aws-access-key-id") != nullptr);
  CHECK(p.settings.on_error == OnError::kReject);
}

TEST_CASE("a rule is read with every field") {
  std::vector<Diagnostic> problems;
  Policy p = LoadPolicy({{"org.yaml", R"(
settings:
  on_error: accept
rules:
  - id: acme-token
    description: ACME token
    mode: warn
    regex: 'acme_([a-z0-9]{20})'
    secret_group: 1
    keywords: [ACME_]
    entropy: 3.2
    allowlist:
      paths: ["tests/**"]
      stopwords: [dummy]
    remediation: Revoke it at acme.example.
    examples: ['acme_abcdefghij0123456789']
)"}},
                        &problems);
  REQUIRE(problems.empty());
  const SecretRule* r = Find(p, "acme-token");
  REQUIRE(r != nullptr);
  CHECK(r->mode == Mode::kWarn);
  CHECK(r->secret_group == 1);
  CHECK(r->keywords == std::vector<std::string>{"acme_"});
  CHECK(r->min_entropy == doctest::Approx(3.2));
  CHECK(r->allowlist.paths == std::vector<std::string>{"tests/**"});
  CHECK(r->origin.file == "org.yaml");
  CHECK(r->origin.line == 5);
  CHECK(p.settings.on_error == OnError::kAccept);
}

TEST_CASE("every problem is reported at once, with file, line, rule, field") {
  std::vector<std::string> problems = Problems({{"bad.yaml", R"(
settings:
  on_eror: accept
rules:
  - id: one
    regx: 'x'
    mode: block
  - id: two
    regex: 'y'
    secret_group: many
    keywords: notalist
  - id: Bad Id
    regex: z
  - id: two
    regex: 'w'
)"}});
  CHECK(
      problems ==
      std::vector<std::string>{
          "bad.yaml:3: settings.on_eror: unknown key (did you mean "
          "'on_error'?)",
          "bad.yaml:6: rule 'one': regx: unknown key (did you mean 'regex'?)",
          "bad.yaml:7: rule 'one': mode: expected enforce, warn or evaluate, "
          "got "
          "'block'",
          "bad.yaml:10: rule 'two': secret_group: expected an integer",
          "bad.yaml:11: rule 'two': keywords: expected a list of strings",
          "bad.yaml:12: rule 'Bad Id': id: must be lowercase letters, digits, "
          "'-', '_' or '.'",
          "bad.yaml:14: rule 'two': id: duplicate rule id in this file",
          "bad.yaml:5: rule 'one': regex: missing (every rule needs a regex)",
      });
}

TEST_CASE("invalid YAML names the file and line") {
  std::vector<std::string> problems =
      Problems({{"broken.yaml", "rules:\n  - id: x\n    regex: [unclosed\n"}});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].rfind("broken.yaml:4: invalid YAML: ", 0) == 0);
}

TEST_CASE("a later layer changes single fields of a rule or disables it") {
  std::vector<Diagnostic> problems;
  Policy p = LoadPolicy(
      {{"a.yaml",
        "rules:\n  - id: r1\n    regex: 'a+'\n    description: first\n"
        "  - id: r2\n    regex: 'b+'\n"},
       {"b.yaml",
        "rules:\n  - id: r1\n    mode: evaluate\n  - id: r2\n    enabled: "
        "false\n  - id: zz-unknown\n    enabled: false\n"}},
      &problems);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].ToString() ==
        "b.yaml:7: rule 'zz-unknown': enabled: no earlier rule with this id to "
        "disable");
  REQUIRE(p.secret_rules.size() == 1);
  CHECK(p.secret_rules[0].id == "r1");
  CHECK(p.secret_rules[0].mode == Mode::kEvaluate);
  CHECK(p.secret_rules[0].regex == "a+");
  CHECK(p.secret_rules[0].description == "first");
}

TEST_CASE("an empty file adds nothing, a non-mapping file is an error") {
  CHECK(Problems({{"empty.yaml", ""}}).empty());
  CHECK(Problems({{"list.yaml", "- a\n- b\n"}}) ==
        std::vector<std::string>{
            "list.yaml:1: expected a mapping at the top level"});
}

TEST_CASE("an unreadable policy file is an error naming it") {
  Result<PolicySource> r = ReadPolicyFile("/nonexistent/pushguard.yaml");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().rfind("/nonexistent/pushguard.yaml: cannot read",
                                   0) == 0);
}

}  // namespace pushguard::rules

namespace pushguard::rules {

TEST_CASE(
    "organisation and repository allowlists add up, per rule and global") {
  std::vector<Diagnostic> problems;
  Policy p = LoadPolicy(
      {{"default.yaml",
        "rules:\n  - id: tok\n    regex: 'tok_(\\w+)'\n    keywords: [tok_]\n"
        "    allowlist:\n      stopwords: [dummy]\n"},
       {"org.yaml",
        "allowlist:\n  fingerprints: [aaaa]\n"
        "rules:\n  - id: tok\n    allowlist:\n      fingerprints: [bbbb]\n"},
       {"repo.yaml",
        "allowlist:\n  fingerprints: [cccc]\n"
        "rules:\n  - id: tok\n    allowlist:\n      fingerprints: [dddd]\n"}},
      &problems);
  REQUIRE(problems.empty());
  CHECK(p.allowlist.fingerprints == std::vector<std::string>{"aaaa", "cccc"});
  REQUIRE(p.secret_rules.size() == 1);
  const Allowlist& rule = p.secret_rules[0].allowlist;
  CHECK(rule.stopwords == std::vector<std::string>{"dummy"});
  CHECK(rule.fingerprints == std::vector<std::string>{"bbbb", "dddd"});
}

TEST_CASE(
    "generic, priority and match_regexes are read; the markers can be set") {
  std::vector<Diagnostic> problems;
  Policy p = LoadPolicy({{"x.yaml", R"(
settings:
  inline_allow_markers: ["pushguard:allow"]
rules:
  - id: g
    generic: true
    priority: -1
    regex: 'secret=(\w+)'
    allowlist:
      match_regexes: ['^public']
)"}},
                        &problems);
  REQUIRE(problems.empty());
  CHECK(p.settings.inline_allow_markers ==
        std::vector<std::string>{"pushguard:allow"});
  REQUIRE(p.secret_rules.size() == 1);
  CHECK(p.secret_rules[0].generic);
  CHECK(p.secret_rules[0].priority == -1);
  CHECK(p.secret_rules[0].allowlist.match_regexes ==
        std::vector<std::string>{"^public"});
  CHECK(Settings().inline_allow_markers ==
        std::vector<std::string>{"pushguard:allow", "gitleaks:allow",
                                 "pragma: allowlist secret"});
}

TEST_CASE("marker_bypass is off by default, layers key by key, is validated") {
  CHECK_FALSE(Settings().marker_bypass.enabled);
  std::vector<Diagnostic> problems;
  Policy p = LoadPolicy(
      {{"org.yaml",
        "settings:\n  marker_bypass: {enabled: true, users: [alice]}\n"},
       {"repo.yaml", "settings:\n  marker_bypass:\n    modes: [warn]\n"}},
      &problems);
  REQUIRE(problems.empty());
  CHECK(p.settings.marker_bypass.enabled);
  CHECK(p.settings.marker_bypass.users == std::vector<std::string>{"alice"});
  CHECK(p.settings.marker_bypass.modes == std::vector<Mode>{Mode::kWarn});
  CHECK(Problems({{"bad.yaml",
                   "settings:\n  marker_bypass:\n    enable: true\n"
                   "    modes: [warn, block]\n"}}) ==
        std::vector<std::string>{
            "bad.yaml:3: settings.marker_bypass.enable: unknown key (did you "
            "mean 'enabled'?)",
            "bad.yaml:4: settings.marker_bypass.modes[1]: expected enforce, "
            "warn or evaluate, got 'block'"});
  CHECK(Problems({{"bad.yaml", "settings:\n  marker_bypass: true\n"}}) ==
        std::vector<std::string>{"bad.yaml:2: settings.marker_bypass: "
                                 "expected a mapping {enabled, users, modes}"});
}

TEST_CASE("limits take seconds or a server preset, and are validated") {
  std::vector<Diagnostic> problems;
  Policy p = LoadPolicy({{"l.yaml",
                          "limits:\n  time_budget: ghes\n  on_timeout: "
                          "accept\n  threads: 2\n"}},
                        &problems);
  REQUIRE(problems.empty());
  CHECK(p.settings.limits.time_budget_seconds == doctest::Approx(4.5));
  CHECK(p.settings.limits.on_timeout == OnError::kAccept);
  CHECK(p.settings.limits.threads == 2);
  p = LoadPolicy({{"l.yaml", "limits:\n  time_budget: 0.25\n"}}, &problems);
  CHECK(p.settings.limits.time_budget_seconds == doctest::Approx(0.25));
  CHECK(Problems({{"bad.yaml",
                   "limits:\n  time_budget: soon\n  on_timeout: maybe\n  "
                   "thread: 2\n"}}) ==
        std::vector<std::string>{
            "bad.yaml:4: limits.thread: unknown key (did you mean 'threads'?)",
            "bad.yaml:2: limits.time_budget: expected a number",
            "bad.yaml:3: limits.on_timeout: expected 'reject' or 'accept', "
            "got 'maybe'"});
}

}  // namespace pushguard::rules

namespace pushguard::rules {

TEST_CASE("a policy file anyone can write, or a directory, is refused") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "pushguard-loader-test";
  fs::create_directories(dir);
  fs::path file = dir / "org.yaml";
  std::ofstream(file) << "rules: []\n";
  chmod(file.c_str(), 0644);
  CHECK(ReadPolicyFile(file.string()).ok());
  chmod(file.c_str(), 0666);
  Result<PolicySource> writable = ReadPolicyFile(file.string());
  REQUIRE_FALSE(writable.ok());
  CHECK(writable.status().message() ==
        file.string() +
            ": policy file is writable by every user (mode 0666), so anyone "
            "on the server could change the policy; fix it with `chmod o-w " +
            file.string() + "`");
  Result<PolicySource> directory = ReadPolicyFile(dir.string());
  REQUIRE_FALSE(directory.ok());
  CHECK(directory.status().message() ==
        dir.string() + ": cannot read policy file: not a regular file");
  fs::remove_all(dir);
}

}  // namespace pushguard::rules

namespace pushguard::rules {

TEST_CASE("a key given twice in one mapping is a problem, not a silent pick") {
  std::vector<std::string> problems = Problems({{"dup.yaml", R"(
rules:
  - id: tok
    regex: 'tok_(\w+)'
    keywords: [tok_]
    regex: 'other_(\w+)'
)"}});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] ==
        "dup.yaml:6: rule 'tok': regex: duplicate key (first on line 4)");
}

}  // namespace pushguard::rules

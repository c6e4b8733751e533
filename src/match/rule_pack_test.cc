// The embedded rule pack and the matcher's noise control, end to end in
// memory: overlaps, generic evidence, inline markers, layered fingerprints.
#include <doctest/doctest.h>

#include "match/matcher.h"
#include "match/rules_for_test.h"
#include "match/secret_text.h"
#include "rules/embedded.h"
#include "rules/loader.h"

namespace pushguard::match {
namespace {

using Pack = Compiled;

// The default policy with `extra` layers after it.
Pack Load(std::vector<rules::PolicySource> extra) {
  std::vector<rules::PolicySource> layers = rules::EmbeddedPolicies();
  layers.insert(layers.end(), extra.begin(), extra.end());
  std::vector<rules::Diagnostic> problems;
  Pack p;
  p.policy = rules::LoadPolicy(layers, &problems);
  p.rules = RuleSet::Compile(p.policy, &problems);
  REQUIRE(problems.empty());
  return p;
}

struct Hit {
  std::string rule;
  rules::Mode mode;
  std::string allowed_by;
  std::string secret;
};

std::vector<Hit> Scan(const Pack& p, const std::string& text) {
  Scanner scanner(*p.rules);
  std::vector<SecretMatch> found;
  REQUIRE(scanner.Scan(text, &found).ok());
  std::vector<Hit> out;
  for (const SecretMatch& m : found) {
    const rules::SecretRule& r = p.rules->rule(m.rule);
    out.push_back({r.id, r.mode, m.allowed_by, m.secret});
  }
  return out;
}

const char kToken[] = "ghp_Xk29LmQ7rT4vB8nW1zY6cF3hJ0pD5sG2aE9u";

}  // namespace

TEST_CASE("the embedded pack has at least 150 rules, each with keywords") {
  const Pack& p = DefaultRules();
  CHECK(p.rules->size() >= 150);
  std::vector<rules::Diagnostic> problems;
  p.rules->CheckExamples(&problems);
  CHECK(problems.empty());
}

TEST_CASE("a provider rule wins over the generic rule on the same secret") {
  const Pack& p = DefaultRules();
  auto hits = Scan(p, std::string("GITHUB_TOKEN=") + kToken + "\n");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].rule == "github-token");
  CHECK(hits[0].mode == rules::Mode::kEnforce);
}

TEST_CASE("a generic match blocks on strong evidence and warns on weak") {
  const Pack& p = DefaultRules();
  auto strong = Scan(p, "DB_PASSWORD=q8Zr4Lm2Xw9Pk3Ty\n");
  REQUIRE(strong.size() == 1);
  CHECK(strong[0].mode == rules::Mode::kEnforce);
  auto weak = Scan(p, "api_token = \"7f3a9c1e5b2d8f4a6c0e1b3d5f7a9c2e\"\n");
  REQUIRE(weak.size() == 1);
  CHECK(weak[0].rule == "generic-secret-assignment");
  CHECK(weak[0].mode == rules::Mode::kWarn);
  CHECK(Scan(p, "password = get_password(user)\n").empty());
}

TEST_CASE("each inline marker allows a match, visibly; a policy can drop one") {
  const Pack& p = DefaultRules();
  for (const char* marker :
       {"pushguard:allow", "gitleaks:allow", "pragma: allowlist secret"}) {
    auto hits = Scan(p, std::string("token = \"") + kToken + "\"  # " + marker);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].allowed_by == marker);
    CHECK(hits[0].mode == rules::Mode::kEnforce);  // policy decides
  }
  Pack strict =
      Load({{"repo.yaml",
             "settings:\n  inline_allow_markers: [\"pushguard:allow\"]\n"}});
  auto hits =
      Scan(strict, std::string("token = \"") + kToken + "\"  # gitleaks:allow");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].allowed_by.empty());
  CHECK(hits[0].mode == rules::Mode::kEnforce);
}

TEST_CASE(
    "organisation and repository fingerprints suppress only those secrets") {
  const std::string other = "ghp_Pq71LmQ7rT4vB8nW1zY6cF3hJ0pD5sG2aE9u";
  const std::string third = "ghp_Zz81LmQ7rT4vB8nW1zY6cF3hJ0pD5sG2aE9u";
  Pack p =
      Load({{"org.yaml", "allowlist:\n  fingerprints: [" +
                             Fingerprint("github-token", kToken) + "]\n"},
            {"repo.yaml", "allowlist:\n  fingerprints: [" +
                              Fingerprint("github-token", other) + "]\n"}});
  CHECK(Scan(p, std::string("t=") + kToken).empty());
  CHECK(Scan(p, "t=" + other).empty());
  // A different secret on the same (suppressed) line is still caught.
  auto hits = Scan(p, "t=" + third);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].secret == third);
}

TEST_CASE(
    "documented example keys, lock files and public keys are not findings") {
  const Pack& p = DefaultRules();
  CHECK(Scan(p, "aws_access_key_id = AKIAIOSFODNN7EXAMPLE").empty());
  CHECK(Scan(p,
             "-----BEGIN PUBLIC KEY-----\n"
             "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAq8Zr4Lm2Xw9Pk3Ty\n"
             "-----END PUBLIC KEY-----\n")
            .empty());
}

TEST_CASE("checksum files quiet only the generic rules, never provider rules") {
  const Pack& p = DefaultRules();
  size_t generic = 0;
  for (size_t r = 0; r < p.rules->size(); ++r) {
    const rules::SecretRule& rule = p.rules->rule(r);
    for (const char* path :
         {"web/package-lock.json", "Cargo.lock", "go.sum", "dist/app.sha256"}) {
      INFO(rule.id << " in " << path);
      CHECK(p.rules->PathAllowed(r, path) == rule.generic);
    }
    if (rule.generic) ++generic;
  }
  CHECK(generic > 0);
  size_t key = 0;
  while (p.rules->rule(key).id != "private-key") ++key;
  CHECK_FALSE(p.rules->PathAllowed(key, "Cargo.lock"));
}

TEST_CASE("a digest prefix quiets generic values, not a provider token") {
  const Pack& p = DefaultRules();
  for (const char* prefix : {"sha1-", "md5:", "h1:", "sha256="}) {
    auto hits = Scan(p, std::string("checksum ") + prefix + kToken + "\n");
    INFO(prefix);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].rule == "github-token");
    CHECK(hits[0].mode == rules::Mode::kEnforce);
  }
  // The same rule, generic or not, on a value right after `sha1-`.
  const std::string rule =
      "rules:\n  - id: sum\n    regex: 'sha1-([A-Za-z0-9]{24})'\n"
      "    secret_group: 1\n    keywords: [sha1-]\n    generic: ";
  const std::string line = "sum sha1-q8Zr4Lm2Xw9Pk3TyB7nV5cD1x\n";
  CHECK(Scan(Load({{"g.yaml", rule + "true\n"}}), line).empty());
  CHECK(Scan(Load({{"p.yaml", rule + "false\n"}}), line).size() == 1);
}

}  // namespace pushguard::match

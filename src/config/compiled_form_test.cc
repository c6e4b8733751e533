#include "config/compiled_form.h"

#include <doctest/doctest.h>

#include "config/embedded_pack.h"
#include "rules/embedded.h"
#include "rules/loader.h"
#include "rules/policy_codec.h"

namespace pushguard::config {
namespace {

std::string PolicyBytes(const rules::Policy& policy) {
  ByteWriter w;
  rules::EncodePolicy(policy, &w);
  return w.Release();
}

CompiledConfig CompileYaml(const std::vector<rules::PolicySource>& layers) {
  std::vector<rules::Diagnostic> problems;
  rules::Policy policy = rules::LoadPolicy(layers, &problems);
  CompiledConfig compiled = CompileParts(policy, &problems);
  REQUIRE_MESSAGE(problems.empty(), rules::FormatDiagnostics(problems));
  // Nothing of the loaded policy is lost between the parts.
  CHECK(PolicyBytes(compiled.Raw()) == PolicyBytes(policy));
  return compiled;
}

// Every match of `rules` in `text`, as comparable strings.
std::vector<std::string> Matches(const match::RuleSet& rules,
                                 std::string_view text) {
  match::Scanner scanner(rules);
  std::vector<match::SecretMatch> found;
  REQUIRE(scanner.Scan(text, &found).ok());
  std::vector<std::string> out;
  for (const match::SecretMatch& m : found) {
    out.push_back(rules.rule(m.rule).id + "@" + std::to_string(m.start) + "-" +
                  std::to_string(m.end));
  }
  return out;
}

const char kPolicy[] = R"(
settings: {max_findings_shown: 4, on_error: accept}
audit: {file: "", syslog: true}
policies:
  - {id: big, type: max_blob_size, max_size: 5MB, mandatory: true}
rules:
  - id: t-token
    regex: 'tok_[a-z0-9]{16}'
    keywords: [tok_]
    examples: ["tok_a1b2c3d4e5f6a7b8"]
  - id: t-multi
    regex: 'BEGIN\s+SECRET\s+[A-Z]{8}'
    keywords: [begin]
    examples: ["BEGIN\nSECRET QWERTYUI"]
)";

TEST_CASE("The embedded pack is the default policy files, compiled") {
  Result<CompiledConfig> pack =
      UnwrapCompiled(EmbeddedCompiledPack(), kEmbeddedPackIdentity);
  REQUIRE_MESSAGE(pack.ok(), pack.status().message());
  CompiledConfig yaml = CompileYaml(rules::EmbeddedPolicies());
  // The same policy, field for field: the pack is not stale.
  CHECK(PolicyBytes(pack->Raw()) == PolicyBytes(yaml.Raw()));
  // Its rules (regexes compiled on first use, keyword database loaded, not
  // built) find every example and no negative example.
  std::vector<rules::Diagnostic> problems;
  pack->rules->CheckExamples(&problems);
  CHECK_MESSAGE(problems.empty(), rules::FormatDiagnostics(problems));
  // And find what the freshly compiled rules find, where they find it.
  std::string text;
  for (const rules::SecretRule& rule : yaml.rules->spec().secret_rules) {
    for (const std::string& example : rule.examples) text += example + "\n";
  }
  CHECK(Matches(*pack->rules, text) == Matches(*yaml.rules, text));
}

TEST_CASE("A wrapped configuration unwraps to the same rules") {
  CompiledConfig config = CompileYaml({{"t.yaml", kPolicy, false}});
  std::string bytes = WrapCompiled(config, "build-a");
  Result<CompiledConfig> back = UnwrapCompiled(bytes, "build-a");
  REQUIRE(back.ok());
  CHECK(PolicyBytes(back->Raw()) == PolicyBytes(config.Raw()));
  // The configuration's own part: settings and push policies.
  CHECK(back->settings.max_findings_shown == 4);
  CHECK(back->settings.on_error == rules::OnError::kAccept);
  CHECK(back->settings.audit.syslog);
  REQUIRE(back->policies->all().size() == 1);
  CHECK(back->policies->all()[0].spec->Get(rules::params::kMaxSize) == 5000000);
  CHECK(back->sources == config.sources);
  const char text[] = "x = tok_a1b2c3d4e5f6a7b8\nBEGIN\n SECRET QZXWKPLM\n";
  CHECK(Matches(*back->rules, text).size() == 2);
  CHECK(Matches(*back->rules, text) == Matches(*config.rules, text));
}

TEST_CASE("A compiled configuration from elsewhere or damaged is refused") {
  CompiledConfig config = CompileYaml({{"t.yaml", kPolicy, false}});
  std::string bytes = WrapCompiled(config, "build-a");
  // Another build (or another cache key).
  CHECK_FALSE(UnwrapCompiled(bytes, "build-b").ok());
  // Every truncation.
  for (size_t cut = 0; cut < bytes.size(); cut += 7) {
    CHECK_FALSE(UnwrapCompiled(bytes.substr(0, cut), "build-a").ok());
  }
  // A trailing byte.
  CHECK_FALSE(UnwrapCompiled(bytes + "x", "build-a").ok());
  // Any changed byte of the payload fails the checksum (the last bytes are
  // the keyword database's).
  for (size_t at : {bytes.size() - 1, bytes.size() / 2, bytes.size() - 200}) {
    std::string damaged = bytes;
    damaged[at] ^= 0x20;
    CHECK_FALSE(UnwrapCompiled(damaged, "build-a").ok());
    // Trusted bytes (the embedded pack) skip the checksum; a damaged one may
    // then load or fail, but never crash.
    (void)UnwrapCompiled(damaged, "build-a", Verify::kTrusted);
  }
}

TEST_CASE("The build identity is this binary's GNU build id") {
  std::string id = BuildIdentity();
  // Debian's toolchain always writes one; without it nothing is cached.
  REQUIRE(id.rfind("build-id:", 0) == 0);
  CHECK(id.size() > std::string("build-id:").size() + 16);
  CHECK(id == BuildIdentity());
}

}  // namespace
}  // namespace pushguard::config

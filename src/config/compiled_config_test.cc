#include "config/compiled_config.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>

#include "rules/embedded.h"
#include "rules/policy_codec.h"

namespace pushguard::config {
namespace {

namespace fs = std::filesystem;

std::string PolicyBytes(const rules::Policy& policy) {
  ByteWriter w;
  rules::EncodePolicy(policy, &w);
  return w.Release();
}

std::vector<rules::PolicySource> WithDefault(
    std::vector<rules::PolicySource> extra) {
  std::vector<rules::PolicySource> layers = rules::EmbeddedPolicies();
  layers.insert(layers.end(), extra.begin(), extra.end());
  return layers;
}

// Layers that change the default in each way a layer can: a rule's field, a
// removed rule, a new rule, settings, a mandatory policy and a weakening of
// it (ignored and reported).
const std::vector<rules::PolicySource> kOrg = {
    {"/etc/pushguard/org.yaml",
     "settings: {max_findings_shown: 3}\n"
     "allowlist: {paths: ['fixtures/**']}\n"
     "rules:\n"
     "  - id: aws-access-key-id\n    mode: warn\n"
     "  - id: generic-secret-assignment\n    enabled: false\n"
     "  - id: acme-token\n    regex: 'acme_[a-z0-9]{20}'\n"
     "    keywords: [acme_]\n"
     "policies:\n"
     "  - id: large-files\n    mandatory: true\n    mode: enforce\n",
     true},
    {"/srv/git/app.git/pushguard.yaml",
     "policies:\n  - id: large-files\n    mode: warn\n"
     "  - id: forbidden-credential-files\n    enabled: false\n",
     false}};

TEST_CASE("Layers loaded onto the compiled default equal a full YAML load") {
  std::vector<rules::Diagnostic> full_problems, problems;
  rules::Policy full = rules::LoadPolicy(WithDefault(kOrg), &full_problems);
  REQUIRE(full_problems.empty());
  REQUIRE(full.ignored.size() == 1);  // the weakening of large-files
  Result<CompiledConfig> config =
      CompileConfiguration(WithDefault(kOrg), &problems, "");
  REQUIRE_MESSAGE(config.ok(), config.status().message());
  CHECK(PolicyBytes(config->Raw()) == PolicyBytes(full));
}

TEST_CASE("A configuration is compiled once, then read from the cache") {
  char pattern[] = "/tmp/pushguard-config-test-XXXXXX";
  REQUIRE(mkdtemp(pattern) != nullptr);
  std::string dir = std::string(pattern) + "/cache";
  std::vector<rules::Diagnostic> problems;
  Result<CompiledConfig> first =
      CompileConfiguration(WithDefault(kOrg), &problems, dir);
  REQUIRE(first.ok());
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    entries += e.path().extension() == ".compiled";
  }
  CHECK(entries == 1);
  Result<CompiledConfig> second =
      CompileConfiguration(WithDefault(kOrg), &problems, dir);
  REQUIRE(second.ok());
  CHECK(PolicyBytes(second->Raw()) == PolicyBytes(first->Raw()));
  // A layer with a problem is never cached, and is reported every time.
  std::vector<rules::PolicySource> broken = kOrg;
  broken[1].text = "rules:\n  - id: x\n    regex: '('\n    keywords: [x]\n";
  for (int i = 0; i < 2; ++i) {
    std::vector<rules::Diagnostic> found;
    CHECK_FALSE(CompileConfiguration(WithDefault(broken), &found, dir).ok());
    CHECK(found.size() == 1);
  }
  // The default alone is the build's pack: nothing is written.
  CHECK(CompileConfiguration(rules::EmbeddedPolicies(), &problems, dir).ok());
  entries = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    entries += e.path().extension() == ".compiled";
  }
  CHECK(entries == 1);
  fs::remove_all(pattern);
}

}  // namespace
}  // namespace pushguard::config

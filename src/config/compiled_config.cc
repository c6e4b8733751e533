#include "config/compiled_config.h"

#include "config/compiled_cache.h"
#include "config/compiled_form.h"
#include "config/embedded_pack.h"
#include "rules/embedded.h"

namespace pushguard::config {
namespace {

// What a cache entry is stamped with: the build that wrote it and its own
// key, so an entry copied or renamed to another key is refused.
std::string EntryIdentity(const std::string& identity, const std::string& key) {
  return identity + " " + key;
}

// The rules compiled before (the cache entry `key`), or null.
std::unique_ptr<match::RuleSet> LoadCompiled(const CompiledCache& cache,
                                             const std::string& identity,
                                             const std::string& key) {
  if (key.empty()) return nullptr;
  std::optional<std::string> bytes = cache.Load(key);
  if (!bytes) return nullptr;
  Result<std::unique_ptr<match::RuleSet>> entry =
      UnwrapCompiled(*bytes, EntryIdentity(identity, key));
  return entry.ok() ? std::move(*entry) : nullptr;
}

// True if `layers` begin with the embedded default policy files.
bool StartsWithEmbeddedDefault(const std::vector<rules::PolicySource>& layers) {
  const std::vector<rules::PolicySource>& embedded = rules::EmbeddedPolicies();
  if (layers.size() < embedded.size()) return false;
  for (size_t i = 0; i < embedded.size(); ++i) {
    if (layers[i].name != embedded[i].name ||
        layers[i].system != embedded[i].system ||
        layers[i].text != embedded[i].text) {
      return false;
    }
  }
  return true;
}

// The build's compiled default, or null if it cannot be read (then the
// caller loads the YAML: slower, same result).
std::unique_ptr<match::RuleSet> EmbeddedPack() {
  // Part of the binary: no checksum to verify.
  Result<std::unique_ptr<match::RuleSet>> pack = UnwrapCompiled(
      EmbeddedCompiledPack(), kEmbeddedPackIdentity, Verify::kTrusted);
  return pack.ok() ? std::move(*pack) : nullptr;
}

// Loads the YAML of `layers`; the embedded default's part, when they begin
// with it, comes from the compiled pack instead of being parsed again.
rules::Policy LoadLayers(const std::vector<rules::PolicySource>& layers,
                         std::vector<rules::Diagnostic>* problems) {
  if (StartsWithEmbeddedDefault(layers)) {
    if (std::unique_ptr<match::RuleSet> pack = EmbeddedPack()) {
      std::vector<rules::PolicySource> rest(
          layers.begin() + rules::EmbeddedPolicies().size(), layers.end());
      return rules::LoadPolicy(pack->policy(), rest, problems);
    }
  }
  return rules::LoadPolicy(layers, problems);
}

}  // namespace

bool IsEmbeddedDefault(const std::vector<rules::PolicySource>& layers) {
  return layers.size() == rules::EmbeddedPolicies().size() &&
         StartsWithEmbeddedDefault(layers);
}

Result<CompiledConfig> CompileConfiguration(
    const std::vector<rules::PolicySource>& layers,
    std::vector<rules::Diagnostic>* problems, const std::string& cache_dir) {
  size_t before = problems->size();
  CompiledConfig config;
  CompiledCache cache("");
  std::string identity, key;
  if (IsEmbeddedDefault(layers)) {
    config.rules = EmbeddedPack();
  } else {
    cache = CompiledCache(cache_dir);
    identity = BuildIdentity();
    if (!identity.empty() && !cache.directory().empty()) {
      key = CompiledCache::Key(layers, identity);
    }
    config.rules = LoadCompiled(cache, identity, key);
  }
  bool compiled_now = config.rules == nullptr;
  if (compiled_now) {
    rules::Policy policy = LoadLayers(layers, problems);
    config.rules = match::RuleSet::Compile(policy, problems);
  }
  config.policies =
      policy::PushPolicies::Compile(config.rules->policy(), problems);
  if (problems->size() > before) {
    return Status::Config(
        rules::FormatDiagnostics(std::vector<rules::Diagnostic>(
            problems->begin() + before, problems->end())));
  }
  if (compiled_now && !key.empty()) {
    // Best effort: without a cache the next push compiles again.
    (void)cache.Store(
        key, WrapCompiled(*config.rules, EntryIdentity(identity, key)));
  }
  return config;
}

}  // namespace pushguard::config

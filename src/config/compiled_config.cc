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

// The configuration compiled before (the cache entry `key`), or nullopt.
std::optional<CompiledConfig> LoadCompiled(const CompiledCache& cache,
                                           const std::string& identity,
                                           const std::string& key) {
  if (key.empty()) return std::nullopt;
  std::optional<std::string> bytes = cache.Load(key);
  if (!bytes) return std::nullopt;
  Result<CompiledConfig> entry =
      UnwrapCompiled(*bytes, EntryIdentity(identity, key));
  if (!entry.ok()) return std::nullopt;
  return std::move(*entry);
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
std::optional<CompiledConfig> EmbeddedPack() {
  // Part of the binary: no checksum to verify.
  Result<CompiledConfig> pack = UnwrapCompiled(
      EmbeddedCompiledPack(), kEmbeddedPackIdentity, Verify::kTrusted);
  if (!pack.ok()) return std::nullopt;
  return std::move(*pack);
}

// Loads the YAML of `layers`; the embedded default's part, when they begin
// with it, comes from the compiled pack instead of being parsed again.
rules::Policy LoadLayers(const std::vector<rules::PolicySource>& layers,
                         std::vector<rules::Diagnostic>* problems) {
  if (StartsWithEmbeddedDefault(layers)) {
    if (std::optional<CompiledConfig> pack = EmbeddedPack()) {
      std::vector<rules::PolicySource> rest(
          layers.begin() + rules::EmbeddedPolicies().size(), layers.end());
      return rules::LoadPolicy(pack->Raw(), rest, problems);
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
  std::optional<CompiledConfig> config;
  CompiledCache cache("");
  std::string identity, key;
  if (IsEmbeddedDefault(layers)) {
    config = EmbeddedPack();
  } else {
    cache = CompiledCache(cache_dir);
    identity = BuildIdentity();
    if (!identity.empty() && !cache.directory().empty()) {
      key = CompiledCache::Key(layers, identity);
    }
    config = LoadCompiled(cache, identity, key);
  }
  bool compiled_now = !config.has_value();
  if (compiled_now) {
    config = CompileParts(LoadLayers(layers, problems), problems);
  }
  if (problems->size() > before) {
    return Status::Config(
        rules::FormatDiagnostics(std::vector<rules::Diagnostic>(
            problems->begin() + before, problems->end())));
  }
  if (compiled_now && !key.empty()) {
    // Best effort: without a cache the next push compiles again.
    (void)cache.Store(key, WrapCompiled(*config, EntryIdentity(identity, key)));
  }
  return std::move(*config);
}

}  // namespace pushguard::config

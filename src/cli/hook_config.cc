#include "cli/hook_config.h"

#include <algorithm>
#include <cstdlib>

#include "base/strings.h"
#include "config/compiled_cache.h"

namespace pushguard::cli {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// The layers in order, stopping at the first that cannot be read.
Status ReadHookLayers(const std::string& system_dir,
                      const std::vector<std::string>& files,
                      const std::string& git_dir, HookConfig* out) {
  Status read = rules::AppendLayers(system_dir, {}, &out->layers);
  if (read.ok()) {
    read = AppendPolicyRepositoryLayers(git_dir, &out->layers,
                                        &out->policy_repository);
  }
  for (const std::string& file : files) {
    if (!read.ok()) break;
    Result<rules::PolicySource> source = rules::ReadPolicyFile(file);
    if (source.ok()) out->layers.push_back(std::move(*source));
    read = source.status();
  }
  if (read.ok() && !git_dir.empty()) {
    read = AddRepositoryLayer(git_dir, &out->layers);
  }
  return read;
}

// In the policy repository itself, a broken current policy is left out (with
// a warning) so that a push can repair it; the rest is compiled again.
void DropBrokenPolicyRepository(HookConfig* out,
                                std::vector<rules::Diagnostic>* problems,
                                const std::string& cache_dir) {
  PolicyRepositoryState& repo = out->policy_repository;
  if (out->compiled.ok() || !repo.is_policy_repository ||
      repo.begin == repo.end) {
    return;
  }
  size_t broken = FirstBrokenLayer(out->layers, *problems);
  if (broken < repo.begin || broken >= repo.end) return;
  repo.warnings.push_back(
      "the policy at " + repo.config.ref + " (commit " + repo.commit +
      ") is broken; in the policy repository itself this push is judged "
      "without it:\n" +
      rules::FormatDiagnostics(*problems));
  out->layers.erase(out->layers.begin() + repo.begin,
                    out->layers.begin() + repo.end);
  repo.end = repo.begin;
  repo.commit.clear();
  repo.tree.clear();
  problems->clear();
  out->compiled =
      config::CompileConfiguration(out->layers, problems, cache_dir);
}

}  // namespace

rules::Settings SettingsBefore(const std::vector<rules::PolicySource>& layers,
                               size_t count) {
  std::vector<rules::PolicySource> prefix(
      layers.begin(), layers.begin() + std::min(count, layers.size()));
  std::vector<rules::Diagnostic> unused;  // none: these layers loaded
  return rules::LoadPolicy(prefix, &unused).settings;
}

size_t FirstBrokenLayer(const std::vector<rules::PolicySource>& layers,
                        const std::vector<rules::Diagnostic>& problems) {
  size_t first = layers.size();
  for (const rules::Diagnostic& d : problems) {
    auto it = std::find_if(
        layers.begin(), layers.end(),
        [&](const rules::PolicySource& l) { return l.name == d.file; });
    first = std::min(first, it == layers.end()
                                ? size_t{0}
                                : static_cast<size_t>(it - layers.begin()));
  }
  return first;
}

HookConfig LoadHookConfig(const std::vector<std::string>& config_flags,
                          const std::string& git_dir, bool trust_env) {
  HookConfig out;
  std::string system_dir = kDefaultSystemConfigDir;
  std::vector<std::string> files;
  if (trust_env) {
    if (std::string dir = Env("PUSHGUARD_SYSTEM_CONFIG_DIR"); !dir.empty()) {
      system_dir = dir;
    }
    for (const std::string& f : Split(Env("PUSHGUARD_CONFIG"), ':')) {
      if (!f.empty()) files.push_back(f);
    }
  } else {
    for (const char* name : kHookEnvironment) {
      if (!Env(name).empty()) out.ignored_env.push_back(name);
    }
  }
  files.insert(files.end(), config_flags.begin(), config_flags.end());
  Status read = ReadHookLayers(system_dir, files, git_dir, &out);
  std::vector<rules::Diagnostic> problems;
  // A hook's cache directory, like its configuration, comes from no place
  // a pusher could influence unless the server vouches for its environment.
  std::string cache_dir = config::CompiledCache::DefaultDirectory(trust_env);
  out.compiled = config::CompileConfiguration(out.layers, &problems, cache_dir);
  DropBrokenPolicyRepository(&out, &problems, cache_dir);
  // An unreadable layer stops the reading: the layers read before it are
  // those in force. A layer with a problem: the layers before it.
  if (out.compiled.ok()) {
    out.settings = out.compiled->settings;
  } else {
    out.settings =
        SettingsBefore(out.layers, FirstBrokenLayer(out.layers, problems));
  }
  if (!read.ok()) out.compiled = read;
  return out;
}

}  // namespace pushguard::cli

#include "cli/hook_config.h"

#include <algorithm>
#include <cstdlib>

#include "base/strings.h"

namespace pushguard::cli {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
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
  Status read = rules::AppendLayers(system_dir, files, &out.layers);
  if (read.ok() && !git_dir.empty()) {
    read = AddRepositoryLayer(git_dir, &out.layers);
  }
  std::vector<rules::Diagnostic> problems;
  out.compiled = CompileConfiguration(out.layers, &problems);
  // An unreadable layer stops the reading: the layers read before it are
  // those in force. A layer with a problem: the layers before it.
  if (out.compiled.ok()) {
    out.settings = out.compiled->policy().settings;
  } else {
    out.settings =
        SettingsBefore(out.layers, FirstBrokenLayer(out.layers, problems));
  }
  if (!read.ok()) out.compiled = read;
  return out;
}

}  // namespace pushguard::cli

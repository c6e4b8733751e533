#include "cli/configuration.h"

#include <cstdlib>
#include <filesystem>

#include "base/strings.h"
#include "config/compiled_cache.h"
#include "git/repository.h"

namespace pushguard::cli {

Result<std::vector<rules::PolicySource>> ConfiguredLayers(
    const std::vector<std::string>& config_flags, const std::string& git_dir,
    PolicyRepositoryState* policy_repository) {
  const char* dir = std::getenv("PUSHGUARD_SYSTEM_CONFIG_DIR");
  std::vector<std::string> files;
  if (const char* env = std::getenv("PUSHGUARD_CONFIG"); env && *env) {
    for (const std::string& f : Split(env, ':')) {
      if (!f.empty()) files.push_back(f);
    }
  }
  files.insert(files.end(), config_flags.begin(), config_flags.end());
  std::vector<rules::PolicySource> layers;
  Status s = rules::AppendLayers(dir != nullptr ? dir : kDefaultSystemConfigDir,
                                 {}, &layers);
  PolicyRepositoryState unused;
  if (s.ok()) {
    s = AppendPolicyRepositoryLayers(
        git_dir, &layers,
        policy_repository != nullptr ? policy_repository : &unused);
  }
  for (const std::string& f : files) {
    if (!s.ok()) break;
    Result<rules::PolicySource> source = rules::ReadPolicyFile(f);
    if (source.ok()) layers.push_back(std::move(*source));
    s = source.status();
  }
  if (!s.ok()) return s;
  return layers;
}

Status AddRepositoryLayer(const std::string& git_dir,
                          std::vector<rules::PolicySource>* layers) {
  std::string file = git_dir;
  while (file.size() > 1 && file.back() == '/') file.pop_back();
  file += std::string("/") + kRepositoryPolicyFile;
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(file, ec))) {
    return Status::Ok();
  }
  Result<rules::PolicySource> source = rules::ReadPolicyFile(file);
  if (!source.ok()) return source.status();
  layers->push_back(std::move(*source));
  return Status::Ok();
}

Result<std::string> AddRepositoryLayerOf(
    const std::string& dir, std::vector<rules::PolicySource>* layers) {
  Result<std::unique_ptr<git::Repository>> repo = git::Repository::Open(dir);
  if (!repo.ok()) return repo.status();
  std::string git_dir = (*repo)->path();
  while (git_dir.size() > 1 && git_dir.back() == '/') git_dir.pop_back();
  if (Status s = AddRepositoryLayer(git_dir, layers); !s.ok()) return s;
  return git_dir;
}

Result<CompiledConfig> CompileConfiguration(
    const std::vector<rules::PolicySource>& layers) {
  std::vector<rules::Diagnostic> problems;
  return CompileConfiguration(layers, &problems);
}

Result<CompiledConfig> CompileConfiguration(
    const std::vector<rules::PolicySource>& layers,
    std::vector<rules::Diagnostic>* problems) {
  return config::CompileConfiguration(
      layers, problems, config::CompiledCache::DefaultDirectory(true));
}

Result<CompiledConfig> LoadConfiguredPolicy(
    const std::vector<std::string>& config_flags) {
  Result<std::vector<rules::PolicySource>> layers =
      ConfiguredLayers(config_flags);
  if (!layers.ok()) return layers.status();
  return CompileConfiguration(*layers);
}

}  // namespace pushguard::cli

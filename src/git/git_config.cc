#include "git/git_config.h"

#include "git/handles.h"

namespace pushguard::git {
namespace {

using ConfigPtr =
    std::unique_ptr<git_config, GitDeleter<git_config, git_config_free>>;

}  // namespace

Result<bool> ReceiveChecksObjects(const Repository& repo) {
  git_config* raw = nullptr;
  if (int rc = git_repository_config_snapshot(&raw, RawRepo(repo)); rc != 0) {
    return GitError(rc, "cannot read the git config of " + repo.path());
  }
  ConfigPtr config(raw);
  for (const char* key : {"receive.fsckObjects", "transfer.fsckObjects"}) {
    int value = 0;
    int rc = git_config_get_bool(&value, config.get(), key);
    if (rc == 0) return value != 0;
    if (rc != GIT_ENOTFOUND) return GitError(rc, key);
  }
  return false;
}

}  // namespace pushguard::git

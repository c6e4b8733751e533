// One file policy applied to one changed path. Internal to policy/.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "git/changes.h"
#include "git/repository.h"
#include "policy/push_policies.h"

namespace pushguard::policy {

// A Git LFS pointer file: small, and starting with the spec line.
bool IsLfsPointer(std::string_view content);

// Where a symlink target resolves relative to the link at `path`: false if
// it is absolute or climbs above the repository's root.
bool SymlinkStaysInside(const std::string& path, std::string_view target);

// The `url = ...` values of a .gitmodules file.
std::vector<std::string> SubmoduleUrls(std::string_view gitmodules);

// Applies file policies to changed paths, caching tree listings (for case
// conflicts) per commit and directory. One per thread; keeps a reference to
// `repo`, which must outlive it.
class FileChecks {
 public:
  explicit FileChecks(const git::Repository& repo) : repo_(repo) {}

  // What is wrong with `change` (made by `commit`) under `policy`, "" if
  // nothing (or if `policy` is not a file policy); each message says what
  // to change. The type's check is CheckOf(type).file (policy_checks.h).
  Result<std::string> Check(const CompiledPolicy& policy,
                            const std::string& commit,
                            const git::BlobChange& change);

  // The checks of the file policy types, one signature for all (a
  // policy_checks.h FileCheck).
  Result<std::string> Size(const CompiledPolicy& policy,
                           const std::string& commit,
                           const git::BlobChange& change);
  Result<std::string> Forbidden(const CompiledPolicy& policy,
                                const std::string& commit,
                                const git::BlobChange& change);
  Result<std::string> PathLength(const CompiledPolicy& policy,
                                 const std::string& commit,
                                 const git::BlobChange& change);
  Result<std::string> CaseConflict(const CompiledPolicy& policy,
                                   const std::string& commit,
                                   const git::BlobChange& change);
  Result<std::string> Symlink(const CompiledPolicy& policy,
                              const std::string& commit,
                              const git::BlobChange& change);
  Result<std::string> Submodules(const CompiledPolicy& policy,
                                 const std::string& commit,
                                 const git::BlobChange& change);

 private:
  const git::Repository& repo_;
  std::map<std::pair<std::string, std::string>, std::vector<std::string>>
      names_;  // (commit, dir) -> entry names
};

}  // namespace pushguard::policy

// Reading a policy repository's files straight from its object store (no
// checkout): the hook's configuration can live in a reviewed Git repository
// on the same server (cli/policy_repository.h).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "git/repository.h"

namespace pushguard::git {

// A file at the top of a policy tree.
struct PolicyFile {
  std::string name;  // e.g. "org.yaml"
  std::string text;
};

// The policy files of one commit.
struct PolicyTree {
  std::string commit;  // full hex id of the commit the files were read from
  std::string tree;    // full hex id of its tree: the same tree, same files
  std::vector<PolicyFile> files;  // every top-level *.yaml, sorted by name
};

// Resolves `ref` (a full ref name; symbolic refs and annotated tags are
// followed to the commit) in `repo`. NotFound when the ref does not exist.
Result<std::string> ResolveCommit(const Repository& repo,
                                  const std::string& ref);

// The tree id of `commit` (full hex).
Result<std::string> TreeOfCommit(const Repository& repo,
                                 const std::string& commit);

// Reads every entry of `commit`'s top-level tree whose name ends in ".yaml"
// (and is longer than that), sorted by name. Subdirectories and other files
// are not read. A *.yaml entry that is not a regular file (a symbolic link,
// a directory, a submodule) is an InvalidArgument error naming it, and so is
// a file larger than 4 MiB: the policy must be plain files.
Result<PolicyTree> ReadPolicyCommit(const Repository& repo,
                                    const std::string& commit);

}  // namespace pushguard::git

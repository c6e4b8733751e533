// The policy repository: a bare Git repository on the same server whose ref
// (`policy_repository: {path, ref}` in /etc/pushguard/*.yaml) holds the
// organisation's policy, changed by review and carried to every server node
// by the server's own replication.
//
// Layers: every *.yaml at the top of the ref's tree, sorted by name, named
// "<path>:<ref>:<file>" in messages, comes right after the system
// directory's files (before PUSHGUARD_CONFIG, --config and the repository's
// own pushguard.yaml). They are read from the object store, never checked
// out, and read once per tree id in a process.
//
// The policy repository itself: the hook runs in it when its git dir is the
// configured path (the same directory: symbolic links and relative paths
// resolved, compared by device and inode). There, a push that updates the
// configured ref publishes a new policy, so CheckPolicyPush() checks it as
// `pushguard rules check` would (YAML, keys, regexes, every rule's examples,
// changes to mandatory policies) layered on the embedded default and the
// system directory, and refuses it with "<path>:<ref>:<file>:<line>"
// errors; deleting the configured ref is refused too. Whatever on_error
// says: a broken policy must never reach the servers.
#pragma once

#include <string>
#include <vector>

#include "base/finding.h"
#include "base/status.h"
#include "git/repository.h"
#include "match/matcher.h"
#include "refs/ref_update.h"
#include "rules/loader.h"

namespace pushguard::cli {

// What one run knows about the policy repository.
struct PolicyRepositoryState {
  rules::PolicyRepository config;  // config.path empty: none configured
  std::string commit;  // the commit its layers were read from ("": none)
  std::string tree;    // that commit's tree id: the key of a compiled cache
  // The run's repository is the policy repository itself.
  bool is_policy_repository = false;
  // Its layers are layers[begin, end) of the layer list.
  size_t begin = 0;
  size_t end = 0;
  // For the pusher and the administrator: why the policy repository's
  // layers were left out in the policy repository itself.
  std::vector<std::string> warnings;
};

// "<path>:<ref>:<file>", the name of a policy repository file in messages.
std::string PolicyLayerName(const rules::PolicyRepository& repo,
                            const std::string& file);

// True when `git_dir` and `path` are the same directory.
bool SameRepository(const std::string& git_dir, const std::string& path);

// Reads the policy repository that the system layers in *layers name (if
// any) and appends its layers. `git_dir` is the repository the run is about
// ("" if none). An error names the repository and says why it cannot be
// read (missing, not a repository, no such ref, a file that is not a plain
// file); in the policy repository itself a missing ref (a policy not pushed
// yet) or unreadable files are instead a warning in state->warnings, and no
// layer is added, so a first or repairing push stays possible.
Status AppendPolicyRepositoryLayers(const std::string& git_dir,
                                    std::vector<rules::PolicySource>* layers,
                                    PolicyRepositoryState* state);

// In the policy repository (state.is_policy_repository), adds a blocking,
// non-bypassable finding of rule "policy-repository" to *decision for every
// problem of the policy that an update of the configured ref would publish
// (checked on `base` = the embedded default and the system layers), or for
// its deletion. `repo` is the hook's repository (pushed objects visible).
// Problems quote pushed text, so secrets that `rules` find in their file
// names and messages are redacted. Does nothing elsewhere or for other refs.
void CheckPolicyPush(const git::Repository& repo,
                     const std::vector<refs::RefUpdate>& updates,
                     const PolicyRepositoryState& state,
                     const std::vector<rules::PolicySource>& base,
                     const match::RuleSet& rules, Decision* decision);

}  // namespace pushguard::cli

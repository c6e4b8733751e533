// The `signatures` policy: commits and annotated tags must carry a signature
// by an allowed key (signing/verify.h). Internal to policy/.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "git/repository.h"
#include "policy/push_policies.h"
#include "refs/ref_update.h"

namespace pushguard::policy {

// (policy id, object id) -> what is wrong ("" = verified), so an object on
// several refs is verified once per policy.
using SignatureCache =
    std::map<std::pair<std::string, std::string>, std::string>;

// Verifies the signatures of `commits` under `policy` with up to `threads`
// tools running at once (verification is one or two short-lived processes
// per commit, so a long push would otherwise wait on them in turn), and
// stores the outcomes in *cache for CheckCommitSignature(). Errors reading a
// commit are left for CheckCommitSignature() to report.
void PrefetchCommitSignatures(const git::Repository& repo,
                              const CompiledPolicy& policy,
                              const std::vector<std::string>& commits,
                              size_t threads, SignatureCache* cache);

// "" when `commit` is signed by an allowed key; otherwise what is wrong:
// unsigned, signed by a key that is not allowed, a signature that does not
// verify, or one that cannot be verified here. Each says what to do.
Result<std::string> CheckCommitSignature(const git::Repository& repo,
                                         const CompiledPolicy& policy,
                                         const std::string& commit,
                                         SignatureCache* cache);

// For a tag update with `tags: true`: the new tag must be an annotated tag
// signed by an allowed key. "" for anything else.
Result<std::string> CheckTagSignature(const git::Repository& repo,
                                      const CompiledPolicy& policy,
                                      const refs::RefUpdate& update,
                                      SignatureCache* cache);

}  // namespace pushguard::policy

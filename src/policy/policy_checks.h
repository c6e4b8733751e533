// The check of each push policy type, in one table: CheckOf() maps a
// rules::PolicyType to the function that checks one changed file, one
// commit or one ref update under a policy of that type. Internal to
// policy/; PolicyChecker (push_policies.h) calls these.
#pragma once

#include <string>

#include "base/status.h"
#include "git/changes.h"
#include "git/commit_info.h"
#include "git/repository.h"
#include "policy/file_checks.h"
#include "policy/push_policies.h"
#include "policy/signature_policy.h"
#include "refs/ref_update.h"
#include "rules/push_policy.h"

namespace pushguard::policy {

// One commit a ref update brings, as a commit check sees it.
struct CommitSite {
  const git::Repository& repo;
  const PushContext& context;
  const std::string& commit;
  const git::CommitInfo& info;
  bool new_to_repository;  // no ref of the repository reached it before
  SignatureCache* signatures;
};

// One ref update, as a ref check sees it.
struct RefSite {
  const git::Repository& repo;
  const refs::RefUpdate& update;
  const RefContent& content;
};

// Each check returns what is wrong ("" if nothing; the message says what to
// change), or an error when something could not be read or decided.
using FileCheck = Result<std::string> (FileChecks::*)(
    const CompiledPolicy& policy, const std::string& commit,
    const git::BlobChange& change);
using CommitCheck = Result<std::string> (*)(const CompiledPolicy& policy,
                                            const CommitSite& site);
using RefCheck = Result<std::string> (*)(const CompiledPolicy& policy,
                                         const RefSite& site);

// The check of one policy type: exactly the member of its subject
// (rules::SpecOf(type).subject) is set.
struct PolicyCheck {
  FileCheck file = nullptr;
  CommitCheck commit = nullptr;
  RefCheck ref = nullptr;
};

// REQUIRES: `type` <= rules::PolicyType::kLast.
PolicyCheck CheckOf(rules::PolicyType type);

// The commit checks (commit_checks.cc, signature_policy.cc).
Result<std::string> CheckMessage(const CompiledPolicy& p, const CommitSite& s);
Result<std::string> CheckSignOff(const CompiledPolicy& p, const CommitSite& s);
Result<std::string> CheckAuthorEmail(const CompiledPolicy& p,
                                     const CommitSite& s);
Result<std::string> CheckCommitterEmail(const CompiledPolicy& p,
                                        const CommitSite& s);
Result<std::string> CheckPusher(const CompiledPolicy& p, const CommitSite& s);
Result<std::string> CheckNoMerge(const CompiledPolicy& p, const CommitSite& s);
Result<std::string> CheckSigned(const CompiledPolicy& p, const CommitSite& s);

// The ref checks (ref_policies.cc).
Result<std::string> CheckRefName(const CompiledPolicy& p, const RefSite& s);
Result<std::string> CheckProtected(const CompiledPolicy& p, const RefSite& s);
Result<std::string> CheckImmutableTag(const CompiledPolicy& p,
                                      const RefSite& s);

}  // namespace pushguard::policy

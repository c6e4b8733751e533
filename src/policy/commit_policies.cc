// PolicyChecker::CheckCommits: the policies on the commits each ref update
// newly brings (the commit checks of policy_checks.h).
#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "base/strings.h"
#include "git/commit_info.h"
#include "policy/policy_checks.h"
#include "policy/push_policies.h"
#include "policy/scope.h"
#include "policy/signature_policy.h"

namespace pushguard::policy {

void PolicyChecker::PrefetchSignatures(const PushInput& input,
                                       SignatureCache* cache) {
  size_t threads =
      std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
  for (const CompiledPolicy& p : policies_.all()) {
    if (p.spec->type != rules::PolicyType::kSignatures ||
        !p.spec->Get(rules::params::kCommits)) {
      continue;
    }
    std::vector<std::string> commits;
    std::set<std::string> seen;
    for (size_t r = 0; r < input.updates->size(); ++r) {
      if (!Applies(*p.spec, context_, (*input.updates)[r].ref)) continue;
      Result<const std::vector<std::string>*> gained = CommitsFor(input, p, r);
      if (!gained.ok()) continue;  // CheckCommits reports it
      for (const std::string& c : **gained) {
        if (seen.insert(c).second) commits.push_back(c);
      }
    }
    PrefetchCommitSignatures(repo_, p, commits, threads, cache);
  }
}

Status PolicyChecker::CheckCommits(const PushInput& input,
                                   std::vector<Finding>* out) {
  if (!policies_.Has(rules::PolicySubject::kCommit)) return Status::Ok();
  std::map<std::string, git::CommitInfo> infos;
  SignatureCache signatures;
  PrefetchSignatures(input, &signatures);
  Status first;
  auto fail = [&](const Status& s) {
    if (first.ok()) first = s;
  };
  for (size_t r = 0; r < input.updates->size(); ++r) {
    const refs::RefUpdate& u = (*input.updates)[r];
    for (const CompiledPolicy& p : policies_.all()) {
      CommitCheck check = CheckOf(p.spec->type).commit;
      if (check == nullptr || !Applies(*p.spec, context_, u.ref)) continue;
      if (p.spec->type == rules::PolicyType::kSignatures) {
        Result<std::string> tag = CheckTagSignature(repo_, p, u, &signatures);
        if (!tag.ok())
          fail(tag.status());
        else if (!tag->empty()) {
          out->push_back(
              PolicyFinding(*p.spec, context_, u.ref, u.new_oid, "", *tag));
        }
      }
      Result<const std::vector<std::string>*> commits = CommitsFor(input, p, r);
      if (!commits.ok()) {
        fail(commits.status());
        continue;
      }
      for (const std::string& commit : **commits) {
        auto it = infos.find(commit);
        if (it == infos.end()) {
          Result<git::CommitInfo> info = git::ReadCommitInfo(repo_, commit);
          if (!info.ok()) {
            fail(info.status());
            continue;
          }
          it = infos.emplace(commit, std::move(*info)).first;
        }
        bool new_to_repository =
            input.novelty == nullptr || input.novelty->commits.count(commit);
        Result<std::string> problem =
            check(p, {repo_, context_, commit, it->second, new_to_repository,
                      &signatures});
        if (!problem.ok()) {
          fail(problem.status());
        } else if (!problem->empty()) {
          out->push_back(
              PolicyFinding(*p.spec, context_, u.ref, commit, "", *problem));
        }
      }
    }
  }
  return first;
}

}  // namespace pushguard::policy

// PolicyChecker::CheckFiles: the policies on the files that the commits of
// each ref update change (max_blob_size, forbidden_paths, max_path_length,
// case_conflicts, symlinks, submodules). A path is checked once per policy
// and commit, at the first ref in scope that carries the commit.
#include <map>
#include <set>
#include <tuple>

#include "base/strings.h"
#include "git/commit_info.h"
#include "policy/file_checks.h"
#include "policy/push_policies.h"
#include "policy/scope.h"

namespace pushguard::policy {
namespace {

bool IsFilePolicy(const CompiledPolicy& p) {
  return std::string("file") == rules::FindPolicyType(p.spec->type)->subject;
}

}  // namespace

Status PolicyChecker::CheckFiles(const PushInput& input,
                                 std::vector<Finding>* out) {
  if (!policies_.Has("file")) return Status::Ok();
  FileChecks checks(repo_);
  std::map<std::string, std::vector<git::BlobChange>> diffed;
  std::set<std::tuple<std::string, std::string, std::string>> reported;
  Status first;
  for (size_t r = 0; r < input.updates->size(); ++r) {
    const std::string& ref = (*input.updates)[r].ref;
    std::vector<const CompiledPolicy*> active;
    for (const CompiledPolicy& p : policies_.all()) {
      if (IsFilePolicy(p) && Applies(*p.spec, context_, ref)) {
        active.push_back(&p);
      }
    }
    if (active.empty()) continue;
    for (const std::string& commit : (*input.contents)[r].commits) {
      const std::vector<git::BlobChange>* changes = nullptr;
      if (auto kept = input.changes->find(commit);
          kept != input.changes->end()) {
        changes = &kept->second;
      } else if (auto it = diffed.find(commit); it != diffed.end()) {
        changes = &it->second;
      } else {
        Result<std::vector<git::BlobChange>> c =
            git::ChangedBlobs(repo_, commit);
        if (!c.ok()) {
          if (first.ok()) first = c.status();
          continue;
        }
        changes = &diffed.emplace(commit, std::move(*c)).first->second;
      }
      for (const CompiledPolicy* p : active) {
        for (const git::BlobChange& change : *changes) {
          Result<std::string> problem = checks.Check(*p, commit, change);
          if (!problem.ok()) {
            if (first.ok()) first = problem.status();
            continue;
          }
          if (problem->empty() ||
              !reported.emplace(p->spec->id, commit, change.path).second) {
            continue;
          }
          out->push_back(PolicyFinding(*p->spec, context_, ref, commit,
                                       change.path, *problem));
        }
      }
    }
  }
  return first;
}

}  // namespace pushguard::policy

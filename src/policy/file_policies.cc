// PolicyChecker::CheckFiles: the policies on the files that the commits of
// each ref update change (max_blob_size, forbidden_paths, max_path_length,
// case_conflicts, symlinks, submodules). A commit's paths are checked once
// per policy (and mode), at the first ref in scope that carries the commit.
#include <map>
#include <set>
#include <tuple>

#include "base/strings.h"
#include "git/commit_info.h"
#include "git/tree_walk.h"
#include "policy/file_checks.h"
#include "policy/push_policies.h"
#include "policy/scope.h"

namespace pushguard::policy {
namespace {

bool IsFilePolicy(const CompiledPolicy& p) {
  return p.subject() == rules::PolicySubject::kFile;
}

// What `commit` changes: from the content scan, or walked here once.
Result<const std::vector<git::BlobChange>*> ChangesOf(
    git::TreeWalker& walker, const std::string& commit,
    const std::unordered_map<std::string, std::vector<git::BlobChange>>& kept,
    std::map<std::string, std::vector<git::BlobChange>>* diffed) {
  if (auto it = kept.find(commit); it != kept.end()) return &it->second;
  if (auto it = diffed->find(commit); it != diffed->end()) return &it->second;
  git::CommitTrees trees;
  Status s = walker.Commit(commit, &trees);
  if (!s.ok()) return s;
  return &diffed->emplace(commit, std::move(trees.changes)).first->second;
}

}  // namespace

Status PolicyChecker::CheckFiles(const PushInput& input,
                                 std::vector<Finding>* out) {
  if (!policies_.Has(rules::PolicySubject::kFile)) return Status::Ok();
  FileChecks checks(repo_);
  git::TreeWalker walker(repo_);
  std::map<std::string, std::vector<git::BlobChange>> diffed;
  std::set<std::tuple<std::string, std::string, int>> checked;
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
    // Each policy's commits for this ref (a ref-scoped create brings the
    // commits its scope has not seen), merged in the ref's history order.
    std::map<std::string, std::vector<const CompiledPolicy*>> by_commit;
    std::vector<std::string> order;
    for (const CompiledPolicy* p : active) {
      Result<const std::vector<std::string>*> commits =
          CommitsFor(input, *p, r);
      if (!commits.ok()) {
        if (first.ok()) first = commits.status();
        continue;
      }
      for (const std::string& commit : **commits) {
        auto [it, added] = by_commit.try_emplace(commit);
        if (added) order.push_back(commit);
        it->second.push_back(p);
      }
    }
    for (const std::string& commit : order) {
      // A commit on many refs is checked once per policy and mode: the
      // result depends on the commit, only the severity on the ref.
      std::vector<const CompiledPolicy*> todo;
      for (const CompiledPolicy* p : by_commit[commit]) {
        int mode = static_cast<int>(ModeFor(*p->spec, context_, ref));
        if (checked.emplace(p->spec->id, commit, mode).second) {
          todo.push_back(p);
        }
      }
      if (todo.empty()) continue;
      Result<const std::vector<git::BlobChange>*> changes =
          ChangesOf(walker, commit, *input.changes, &diffed);
      if (!changes.ok()) {
        if (first.ok()) first = changes.status();
        continue;
      }
      for (const CompiledPolicy* p : todo) {
        for (const git::BlobChange& change : **changes) {
          Result<std::string> problem = checks.Check(*p, commit, change);
          if (!problem.ok()) {
            if (first.ok()) first = problem.status();
          } else if (!problem->empty()) {
            out->push_back(PolicyFinding(*p->spec, context_, ref, commit,
                                         change.path, *problem));
          }
        }
      }
    }
  }
  return first;
}

}  // namespace pushguard::policy

// Push policies at work: the compiled form of the policy file's `policies:`
// list, and the checks that turn a push into policy findings (kind
// "policy"). Which policy applies where is scope.h; the checks themselves are
// file_policies.cc, commit_policies.cc, signature_policy.cc and
// ref_policies.cc; bypass.h lets permitted users push past them.
//
//   auto policies = PushPolicies::Compile(policy, &problems);  // regexes
//   PolicyChecker checker(repo, *policies, context);
//   Status s = checker.Check({&updates, &ref_contents, &changes, &history,
//                             &novelty},
//                            &decision.findings);
//
// PushPolicies is immutable after Compile() and may be shared; a
// PolicyChecker uses one Repository and belongs to one thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/finding.h"
#include "git/changes.h"
#include "git/push_history.h"
#include "git/repository.h"
#include "match/regex.h"
#include "policy/content_scan.h"
#include "refs/ref_update.h"
#include "rules/policy.h"

namespace pushguard::policy {

// Who pushes where, and what they asked for (from the server's environment).
struct PushContext {
  std::string user;
  std::string repository;
  std::string pusher_email;               // "" when the server gives none
  std::vector<std::string> push_options;  // git push -o, as given
};

struct CompiledPolicy {
  const rules::PushPolicy* spec = nullptr;  // owned.get()
  std::unique_ptr<const rules::PushPolicy> owned;
  std::map<std::string, std::unique_ptr<match::Regex>> regexes;  // by param

  // nullptr when the parameter is unset (or not one of the type's).
  const match::Regex* regex(rules::Param<rules::ParamKind::kRegex> p) const;
  // What the policy checks (rules::SpecOf(spec->type).subject).
  rules::PolicySubject subject() const;
};

class PushPolicies {
 public:
  // Checks every policy's parameters (rules::CheckParams: each key one its
  // type declares, each value of its kind) and compiles its regexes; a
  // parameter that fails or a regex that does not compile is a problem
  // ("file:line: rule 'id': must_match: ...") and its policy is left out.
  // The result keeps its own copy of each policy.
  static std::unique_ptr<PushPolicies> Compile(
      const rules::Policy& policy, std::vector<rules::Diagnostic>* problems);

  const std::vector<CompiledPolicy>& all() const { return policies_; }
  const CompiledPolicy* Find(const std::string& id) const;
  // True if any policy checks `subject`.
  bool Has(rules::PolicySubject subject) const;

 private:
  std::vector<CompiledPolicy> policies_;
};

// What one push gives the checks.
struct PushInput {
  const std::vector<refs::RefUpdate>* updates = nullptr;
  const std::vector<RefContent>* contents = nullptr;  // one per update
  // Commit -> changed blobs already computed by the content scan.
  const std::unordered_map<std::string, std::vector<git::BlobChange>>* changes =
      nullptr;
  // The history before the push (for a ref-scoped policy's own history), and
  // what the push brings to the repository as a whole. nullptr: a create
  // checks the commits in `contents`.
  git::PushHistory* history = nullptr;
  const PushNovelty* novelty = nullptr;
};

class PolicyChecker {
 public:
  // Keeps references to its arguments, which must outlive the checker.
  PolicyChecker(const git::Repository& repo, const PushPolicies& policies,
                const PushContext& context)
      : repo_(repo), policies_(policies), context_(context) {}

  // Appends a finding for every policy violation of the push. Returns an
  // error when something could not be checked (an unreadable object); the
  // findings made so far are kept.
  Status Check(const PushInput& input, std::vector<Finding>* out);

 private:
  Status CheckRefs(const PushInput& input, std::vector<Finding>* out);
  Status CheckCommits(const PushInput& input, std::vector<Finding>* out);
  Status CheckFiles(const PushInput& input, std::vector<Finding>* out);
  // The commits update `r` brings under policy `p`: what the ref gains, and
  // for a create of a ref `p` is scoped to by ref, every commit that no ref
  // in `p`'s scope (with at least the same mode) reached before the push:
  // a commit already on another branch is new to a release branch. Cached.
  Result<const std::vector<std::string>*> CommitsFor(const PushInput& input,
                                                     const CompiledPolicy& p,
                                                     size_t r);
  // Verifies the commit signatures the `signatures` policies will ask
  // about, several at a time.
  void PrefetchSignatures(
      const PushInput& input,
      std::map<std::pair<std::string, std::string>, std::string>* cache);

  const git::Repository& repo_;
  const PushPolicies& policies_;
  const PushContext& context_;
  std::map<std::pair<std::string, size_t>, std::vector<std::string>>
      scoped_commits_;  // by (policy id, update index)
};

}  // namespace pushguard::policy

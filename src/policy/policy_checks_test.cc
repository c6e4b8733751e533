#include "policy/policy_checks.h"

#include <doctest/doctest.h>

namespace pushguard::policy {
namespace {

TEST_CASE("every policy type has exactly the check of its subject") {
  for (size_t i = 0; i < rules::kPolicyTypeCount; ++i) {
    const rules::PolicyType type = static_cast<rules::PolicyType>(i);
    CAPTURE(rules::PolicyTypeName(type));
    PolicyCheck check = CheckOf(type);
    const bool file = check.file != nullptr, commit = check.commit != nullptr,
               ref = check.ref != nullptr;
    CHECK(file + commit + ref == 1);
    switch (rules::SpecOf(type).subject) {
      case rules::PolicySubject::kFile:
        CHECK(file);
        break;
      case rules::PolicySubject::kCommit:
        CHECK(commit);
        break;
      case rules::PolicySubject::kRef:
        CHECK(ref);
        break;
    }
  }
}

TEST_CASE("a policy whose parameters are not its type's is left out") {
  rules::Policy policy;
  rules::PushPolicy p;
  p.id = "odd";
  p.type = rules::PolicyType::kSymlinks;
  p.origin = {"cache", 1};
  p.params["forbid_all"] = {};
  p.params["max_size"] = {};
  policy.push_policies = {p};
  std::vector<rules::Diagnostic> problems;
  auto policies = PushPolicies::Compile(policy, &problems);
  CHECK(policies->all().empty());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].ToString() ==
        "cache:1: rule 'odd': max_size: unknown parameter");
}

}  // namespace
}  // namespace pushguard::policy

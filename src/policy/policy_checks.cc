#include "policy/policy_checks.h"

namespace pushguard::policy {

// A missing case in CheckOf() is an error, not a warning.
#pragma GCC diagnostic error "-Wswitch"

PolicyCheck CheckOf(rules::PolicyType type) {
  using T = rules::PolicyType;
  switch (type) {
    case T::kMaxBlobSize:
      return {.file = &FileChecks::Size};
    case T::kForbiddenPaths:
      return {.file = &FileChecks::Forbidden};
    case T::kMaxPathLength:
      return {.file = &FileChecks::PathLength};
    case T::kCaseConflicts:
      return {.file = &FileChecks::CaseConflict};
    case T::kSymlinks:
      return {.file = &FileChecks::Symlink};
    case T::kSubmodules:
      return {.file = &FileChecks::Submodules};
    case T::kCommitMessage:
      return {.commit = &CheckMessage};
    case T::kSignedOffBy:
      return {.commit = &CheckSignOff};
    case T::kAuthorEmail:
      return {.commit = &CheckAuthorEmail};
    case T::kCommitterEmail:
      return {.commit = &CheckCommitterEmail};
    case T::kCommitterIsPusher:
      return {.commit = &CheckPusher};
    case T::kNoMergeCommits:
      return {.commit = &CheckNoMerge};
    case T::kSignatures:
      return {.commit = &CheckSigned};
    case T::kRefNames:
      return {.ref = &CheckRefName};
    case T::kProtectedRefs:
      return {.ref = &CheckProtected};
    case T::kImmutableTags:
      return {.ref = &CheckImmutableTag};
  }
  return {};  // not reached: the codec and the loader make no other value
}

}  // namespace pushguard::policy

// PolicyChecker::CheckRefs: ref_names, protected_refs, immutable_tags.
#include <algorithm>

#include "base/strings.h"
#include "git/commit_info.h"
#include "policy/policy_checks.h"
#include "policy/policy_regex.h"
#include "policy/push_policies.h"
#include "policy/scope.h"

namespace pushguard::policy {

Result<bool> RegexFinds(const match::Regex& regex, std::string_view subject,
                        const std::string& what) {
  match::RegexMatcher matcher;
  switch (matcher.Find(regex, subject, 0)) {
    case match::RegexMatcher::Outcome::kMatch:
      return true;
    case match::RegexMatcher::Outcome::kNoMatch:
      return false;
    default:
      return Status::Internal(what + ": the regex hit its match limits");
  }
}

namespace {

const char kHeads[] = "refs/heads/";
const char kTags[] = "refs/tags/";

}  // namespace

Result<std::string> CheckRefName(const CompiledPolicy& p, const RefSite& site) {
  const refs::RefUpdate& u = site.update;
  if (u.change != refs::RefChange::kCreate) return std::string();
  const char* prefix = StartsWith(u.ref, kHeads)  ? kHeads
                       : StartsWith(u.ref, kTags) ? kTags
                                                  : nullptr;
  if (prefix == nullptr) return std::string();
  const bool branch = prefix == kHeads;
  const rules::Param<rules::ParamKind::kRegex> key =
      branch ? rules::params::kBranchRegex : rules::params::kTagRegex;
  const match::Regex* regex = p.regex(key);
  if (regex == nullptr) return std::string();
  std::string name = u.ref.substr(std::string(prefix).size());
  Result<bool> ok = RegexFinds(*regex, name, "policy '" + p.spec->id + "'");
  if (!ok.ok()) return ok.status();
  if (*ok) return std::string();
  return std::string(branch ? "branch" : "tag") + " name '" +
         EscapeForDisplay(name) + "' does not match " + key.key + " '" +
         p.spec->Get(key) + "'; push it under a name that does";
}

namespace {

// Whether update `u` drops commits from its ref: what the content stage
// found while listing the commits the ref gains; when old or new is not a
// commit, IsAncestor() says why it cannot tell.
Result<bool> IsForcePush(const git::Repository& repo, const refs::RefUpdate& u,
                         const RefContent& content) {
  if (u.change != refs::RefChange::kUpdate) return false;
  if (content.fast_forward.has_value()) return !*content.fast_forward;
  Result<bool> ff = git::IsAncestor(repo, u.old_oid, u.new_oid);
  if (!ff.ok()) return ff.status().Prefixed(u.ref);
  return !*ff;
}

}  // namespace

Result<std::string> CheckProtected(const CompiledPolicy& p,
                                   const RefSite& site) {
  const refs::RefUpdate& u = site.update;
  const std::vector<std::string>& forbid = p.spec->Get(rules::params::kForbid);
  auto forbidden = [&](const char* what) {
    return std::find(forbid.begin(), forbid.end(), what) != forbid.end();
  };
  if (u.change == refs::RefChange::kDelete && forbidden("delete")) {
    return std::string("this ref is protected and may not be deleted");
  }
  if (u.change == refs::RefChange::kCreate && forbidden("create")) {
    return std::string("this ref is protected and may not be created by you");
  }
  if (!forbidden("force_push")) return std::string();
  Result<bool> forced = IsForcePush(site.repo, u, site.content);
  if (!forced.ok()) return forced.status();
  if (!*forced) return std::string();
  return "this ref is protected: a force push (old " + u.old_oid.substr(0, 12) +
         " is not an ancestor of new " + u.new_oid.substr(0, 12) +
         ") would drop commits; fetch, rebase or merge onto it, and push "
         "again without --force";
}

Result<std::string> CheckImmutableTag(const CompiledPolicy& p,
                                      const RefSite& site) {
  const refs::RefUpdate& u = site.update;
  if (!StartsWith(u.ref, kTags)) return std::string();
  if (u.change == refs::RefChange::kUpdate) {
    return "tags may not be moved once pushed (was " + u.old_oid.substr(0, 12) +
           "); create a new tag instead";
  }
  if (u.change == refs::RefChange::kDelete &&
      !p.spec->Get(rules::params::kAllowDelete)) {
    return std::string("tags may not be deleted once pushed");
  }
  return std::string();
}

Status PolicyChecker::CheckRefs(const PushInput& input,
                                std::vector<Finding>* out) {
  Status first;
  for (const CompiledPolicy& p : policies_.all()) {
    RefCheck check = CheckOf(p.spec->type).ref;
    if (check == nullptr) continue;
    for (size_t r = 0; r < input.updates->size(); ++r) {
      const refs::RefUpdate& u = (*input.updates)[r];
      if (!Applies(*p.spec, context_, u.ref)) continue;
      Result<std::string> problem = check(p, {repo_, u, (*input.contents)[r]});
      if (!problem.ok()) {
        if (first.ok()) first = problem.status();
        continue;
      }
      if (problem->empty()) continue;
      out->push_back(PolicyFinding(*p.spec, context_, u.ref,
                                   refs::IsZeroOid(u.new_oid) ? "" : u.new_oid,
                                   "", *problem));
    }
  }
  return first;
}

}  // namespace pushguard::policy

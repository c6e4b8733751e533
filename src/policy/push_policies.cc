#include "policy/push_policies.h"

#include "policy/scope.h"

namespace pushguard::policy {

const match::Regex* CompiledPolicy::regex(
    rules::Param<rules::ParamKind::kRegex> p) const {
  auto it = regexes.find(p.key);
  return it == regexes.end() ? nullptr : it->second.get();
}

rules::PolicySubject CompiledPolicy::subject() const {
  return rules::SpecOf(spec->type).subject;
}

std::unique_ptr<PushPolicies> PushPolicies::Compile(
    const rules::Policy& policy, std::vector<rules::Diagnostic>* problems) {
  auto out = std::make_unique<PushPolicies>();
  for (const rules::PushPolicy& p : policy.push_policies) {
    // The loader makes only valid policies; a compiled configuration from
    // elsewhere could hold others. Fail closed: a problem.
    if (!rules::CheckParams(p, problems)) continue;
    CompiledPolicy compiled;
    compiled.owned = std::make_unique<const rules::PushPolicy>(p);
    compiled.spec = compiled.owned.get();
    bool ok = true;
    for (const rules::ParamSpec& spec : rules::SpecOf(p.type).params) {
      const rules::ParamValue& value = *p.Find(spec.key);
      if (spec.kind != rules::ParamKind::kRegex || value.text.empty()) {
        continue;
      }
      auto regex = std::make_unique<match::Regex>(value.text);
      if (!regex->ok()) {
        const rules::Origin& at =
            value.origin.file.empty() ? p.origin : value.origin;
        problems->push_back({at.file, at.line, p.id, spec.key,
                             "invalid regex: " + regex->error()});
        ok = false;
        continue;
      }
      compiled.regexes[spec.key] = std::move(regex);
    }
    if (ok) out->policies_.push_back(std::move(compiled));
  }
  return out;
}

const CompiledPolicy* PushPolicies::Find(const std::string& id) const {
  for (const CompiledPolicy& p : policies_) {
    if (p.spec->id == id) return &p;
  }
  return nullptr;
}

bool PushPolicies::Has(rules::PolicySubject subject) const {
  for (const CompiledPolicy& p : policies_) {
    if (p.subject() == subject) return true;
  }
  return false;
}

namespace {

int Strength(rules::Mode mode) {
  switch (mode) {
    case rules::Mode::kEnforce:
      return 2;
    case rules::Mode::kWarn:
      return 1;
    case rules::Mode::kEvaluate:
      return 0;
  }
  return 2;
}

}  // namespace

Result<const std::vector<std::string>*> PolicyChecker::CommitsFor(
    const PushInput& input, const CompiledPolicy& p, size_t r) {
  const refs::RefUpdate& update = (*input.updates)[r];
  const RefContent& content = (*input.contents)[r];
  const rules::PushPolicy& spec = *p.spec;
  bool by_ref = !spec.scope.refs.empty() || !spec.modes.empty();
  if (update.change != refs::RefChange::kCreate || !by_ref ||
      input.history == nullptr || content.tip.empty()) {
    return &content.commits;
  }
  auto key = std::make_pair(spec.id, r);
  if (auto it = scoped_commits_.find(key); it != scoped_commits_.end()) {
    return &it->second;
  }
  int strength = Strength(ModeFor(spec, context_, update.ref));
  Result<std::vector<std::string>> commits = input.history->CommitsNotReachedBy(
      {content.tip}, [&](const std::string& ref) {
        return RefMatches(spec.scope.refs, ref) &&
               Strength(ModeFor(spec, context_, ref)) >= strength;
      });
  if (!commits.ok()) return commits.status().Prefixed(update.ref);
  return &scoped_commits_.emplace(key, std::move(*commits)).first->second;
}

Status PolicyChecker::Check(const PushInput& input, std::vector<Finding>* out) {
  Status first = CheckRefs(input, out);
  Status commits = CheckCommits(input, out);
  if (first.ok()) first = commits;
  Status files = CheckFiles(input, out);
  if (first.ok()) first = files;
  return first;
}

}  // namespace pushguard::policy

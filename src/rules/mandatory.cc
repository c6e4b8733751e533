// KeepMandatory (policy_layer.h): what counts as weakening a policy.
#include <algorithm>

#include "rules/policy_layer.h"

namespace pushguard::rules {
namespace {

bool Subset(const std::vector<std::string>& a,
            const std::vector<std::string>& b) {
  return std::all_of(a.begin(), a.end(), [&](const std::string& x) {
    return std::find(b.begin(), b.end(), x) != b.end();
  });
}

// enforce is the strongest mode, evaluate the weakest.
int Strength(Mode m) {
  switch (m) {
    case Mode::kEnforce:
      return 2;
    case Mode::kWarn:
      return 1;
    case Mode::kEvaluate:
      return 0;
  }
  return 2;
}

// A scope is narrowed unless every repo and ref glob is still there and no
// user was exempted. An empty list means "everything".
bool Narrows(const Scope& before, const Scope& after) {
  auto narrower = [](const std::vector<std::string>& b,
                     const std::vector<std::string>& a) {
    if (b.empty()) return !a.empty();
    return !a.empty() && !Subset(b, a);
  };
  return narrower(before.repos, after.repos) ||
         narrower(before.refs, after.refs) ||
         !Subset(after.exempt_users, before.exempt_users);
}

bool Weakens(const ParamSpec& spec, const ParamValue& before,
             const ParamValue& after) {
  if (before == after) return false;
  switch (spec.stricter) {
    case Stricter::kLower:
      // 0 means "no limit" for counts and sizes.
      return after.number == 0 ||
             (before.number != 0 && after.number > before.number);
    case Stricter::kTrue:
      return before.flag && !after.flag;
    case Stricter::kFalse:
      return !before.flag && after.flag;
    case Stricter::kMoreEntries:
      return !Subset(before.list, after.list);
    case Stricter::kFewerEntries:
      return !Subset(after.list, before.list);
    case Stricter::kUnchanged:
      return true;
  }
  return true;
}

class Keeper {
 public:
  Keeper(const LayerReader& reader, const YAML::Node& node,
         const PushPolicy& before, std::vector<Diagnostic>* ignored)
      : reader_(reader), node_(node), before_(before), ignored_(ignored) {}

  // Records that `field` was not changed; the caller restores the value.
  void Ignore(const std::string& field, const std::string& key) {
    const Origin& m = before_.mandatory_origin;
    YAML::Node at = node_[key];
    ignored_->push_back({reader_.file(), LayerReader::LineOf(at ? at : node_),
                         before_.id, field,
                         "ignored: the policy is mandatory (" + m.file + ":" +
                             std::to_string(m.line) +
                             ") and this would weaken it"});
  }

 private:
  const LayerReader& reader_;
  const YAML::Node& node_;
  const PushPolicy& before_;
  std::vector<Diagnostic>* ignored_;
};

}  // namespace

void KeepMandatory(const LayerReader& reader, const YAML::Node& node,
                   const PushPolicy& before, PushPolicy* after,
                   std::vector<Diagnostic>* ignored) {
  Keeper keeper(reader, node, before, ignored);
  if (!after->mandatory) {
    keeper.Ignore("mandatory", "mandatory");
    after->mandatory = true;
  }
  if (Strength(after->mode) < Strength(before.mode)) {
    keeper.Ignore("mode", "mode");
    after->mode = before.mode;
  }
  if (Narrows(before.scope, after->scope)) {
    keeper.Ignore("scope", "scope");
    after->scope = before.scope;
  }
  if (after->modes != before.modes) {
    keeper.Ignore("modes", "modes");
    after->modes = before.modes;
  }
  if ((after->bypass.bypassable && !before.bypass.bypassable) ||
      !Subset(after->bypass.users, before.bypass.users)) {
    keeper.Ignore("bypass", "bypass");
    after->bypass = before.bypass;
  }
  for (const ParamSpec& spec : SpecOf(before.type).params) {
    const ParamValue* old_value = before.Find(spec.key);
    if (old_value == nullptr) continue;  // the loader sets every parameter
    ParamValue& new_value = after->params[spec.key];
    if (Weakens(spec, *old_value, new_value)) {
      keeper.Ignore(spec.key, spec.key);
      new_value = *old_value;
    }
  }
}

}  // namespace pushguard::rules

// CheckParams (push_policy.h): whether a policy's parameters are what its
// type declares, in the kinds it declares them.
#include <algorithm>

#include "base/strings.h"
#include "rules/push_policy.h"

namespace pushguard::rules {
namespace {

// What is wrong with `v` as a value of `spec`'s kind, "" if nothing. A
// value keeps only the fields of its kind (push_policy.h ParamValue).
std::string KindProblem(const ParamSpec& spec, const ParamValue& v) {
  const bool number = v.number != 0, text = !v.text.empty(),
             list = !v.list.empty(), unit = !v.unit.empty();
  const std::string other = "holds a value of another kind";
  switch (spec.kind) {
    case ParamKind::kSize:
      if (v.flag || text || list) return other;
      if (v.number < 0) return "must not be negative";
      return "";
    case ParamKind::kCount:
      if (v.flag || text || list || unit) return other;
      if (v.number < 0 || v.number > 1000000) {
        return "must be between 0 and 1000000";
      }
      return "";
    case ParamKind::kBool:
      return number || text || list || unit ? other : "";
    case ParamKind::kRegex:
      return number || v.flag || list || unit ? other : "";
    case ParamKind::kPath:
      if (number || v.flag || list || unit) return other;
      if (text && v.text[0] != '/') return "must be an absolute path";
      return "";
    case ParamKind::kStringList:
    case ParamKind::kWordList:
      if (number || v.flag || text || unit) return other;
      for (const std::string& w : v.list) {
        if (w.empty()) return "must not hold an empty entry";
        if (spec.kind == ParamKind::kWordList &&
            std::find(spec.words.begin(), spec.words.end(), w) ==
                spec.words.end()) {
          return "unknown value '" + EscapeForDisplay(w) + "'";
        }
      }
      return "";
  }
  return other;
}

}  // namespace

bool CheckParams(const PushPolicy& policy, std::vector<Diagnostic>* problems) {
  const size_t before = problems->size();
  auto problem = [&](const ParamValue* v, const std::string& field,
                     const std::string& message) {
    const Origin& at =
        v != nullptr && !v->origin.file.empty() ? v->origin : policy.origin;
    problems->push_back({at.file, at.line, policy.id, field, message});
  };
  if (static_cast<size_t>(policy.type) >= kPolicyTypeCount) {
    problem(nullptr, "type", "unknown policy type");
    return false;
  }
  const PolicyTypeSpec& type = SpecOf(policy.type);
  for (const ParamSpec& spec : type.params) {
    // Every check may read every parameter of its type; the loader sets
    // each, defaults included.
    if (policy.Find(spec.key) == nullptr) {
      problem(nullptr, spec.key, "missing parameter");
    }
  }
  for (const auto& [key, value] : policy.params) {
    const ParamSpec* spec = FindParam(type, key);
    if (spec == nullptr) {
      problem(&value, key, "unknown parameter");
      continue;
    }
    std::string why = KindProblem(*spec, value);
    if (!why.empty()) problem(&value, key, why);
  }
  return problems->size() == before;
}

}  // namespace pushguard::rules

#include "policy/bypass.h"

#include <algorithm>
#include <map>

#include "base/strings.h"
#include "policy/malformed_tree.h"

namespace pushguard::policy {
namespace {

constexpr std::string_view kBypass = "pushguard.bypass";
constexpr std::string_view kBypassRule = "pushguard.bypass.rule=";

void AddUnique(std::vector<std::string>* list, const std::string& value) {
  if (!value.empty() &&
      std::find(list->begin(), list->end(), value) == list->end()) {
    list->push_back(value);
  }
}

// Why `context.user` may not bypass `policy`, "" if they may.
std::string Refusal(const CompiledPolicy* policy, const PushContext& context) {
  if (policy == nullptr || !policy->spec->bypass.bypassable) {
    return "it is not bypassable";
  }
  const std::vector<std::string>& users = policy->spec->bypass.users;
  if (std::find(users.begin(), users.end(), context.user) == users.end()) {
    return "'" + EscapeForDisplay(context.user) + "' is not on its bypass list";
  }
  return "";
}

std::string RuleList(const std::vector<std::string>& rules) {
  std::string out;
  for (const std::string& r : rules) {
    out += (out.empty() ? "[" : " [") + EscapeForDisplay(r) + "]";
  }
  return out;
}

// No bypass was asked for: tells a pusher on the bypass list of a blocking
// policy that they may bypass it, and how (or what else still blocks).
void OfferBypass(const PushPolicies& policies, const PushContext& context,
                 Decision* decision) {
  std::vector<std::string> may;
  std::vector<std::string> may_not;
  for (const Finding& f : decision->findings) {
    if (f.severity != Severity::kBlock) continue;
    bool bypassable = f.kind == "policy" && f.rule != kMalformedTreeRule &&
                      Refusal(policies.Find(f.rule), context).empty();
    AddUnique(bypassable ? &may : &may_not, f.rule);
  }
  if (may.empty()) return;
  std::string how =
      "git push -o pushguard.bypass=\"<why this push must go "
      "through>\"";
  if (may_not.empty()) {
    decision->notices.push_back(
        "you (" + EscapeForDisplay(context.user) + ") may bypass " +
        RuleList(may) + ": push again with " + how +
        " (the reason and your name are recorded in the audit log)");
  } else {
    decision->notices.push_back(
        "you (" + EscapeForDisplay(context.user) + ") may bypass " +
        RuleList(may) + ", but " + RuleList(may_not) +
        " cannot be bypassed by you: fix those first, then push with " + how);
  }
}

}  // namespace

BypassRequest ParseBypassOptions(const std::vector<std::string>& options) {
  BypassRequest request;
  for (const std::string& option : options) {
    if (StartsWith(option, kBypassRule)) {
      request.requested = true;
      AddUnique(&request.rules,
                std::string(Trim(option.substr(kBypassRule.size()))));
    } else if (option == kBypass) {
      request.requested = true;
    } else if (StartsWith(option, std::string(kBypass) + "=")) {
      request.requested = true;
      request.reason = std::string(Trim(option.substr(kBypass.size() + 1)));
    }
  }
  return request;
}

void ApplyBypass(const PushPolicies& policies, const PushContext& context,
                 Decision* decision) {
  BypassRequest request = ParseBypassOptions(context.push_options);
  if (!request.requested) {
    OfferBypass(policies, context, decision);
    return;
  }
  std::vector<std::string>& notices = decision->notices;
  if (request.reason.empty()) {
    notices.push_back(
        "bypass refused: a reason is required: git push -o "
        "pushguard.bypass=\"<why this push must go through>\"");
    return;
  }
  std::vector<Finding*> bypassed;
  std::map<std::string, std::string> refused;  // rule -> why
  for (Finding& f : decision->findings) {
    if (f.severity != Severity::kBlock) continue;
    if (f.kind != "policy") {
      refused[f.rule] = "secrets cannot be bypassed";
      continue;
    }
    if (f.rule == kMalformedTreeRule) {
      refused[f.rule] = "malformed objects cannot be bypassed";
      continue;
    }
    if (!request.rules.empty() &&
        std::find(request.rules.begin(), request.rules.end(), f.rule) ==
            request.rules.end()) {
      refused[f.rule] = "it is not named by -o pushguard.bypass.rule";
      continue;
    }
    std::string why = Refusal(policies.Find(f.rule), context);
    if (!why.empty()) {
      refused[f.rule] = why;
    } else {
      bypassed.push_back(&f);
    }
  }
  for (const auto& [rule, why] : refused) {
    notices.push_back("bypass refused for [" + EscapeForDisplay(rule) +
                      "]: " + why);
  }
  if (!refused.empty() || bypassed.empty()) {
    if (refused.empty()) notices.push_back("bypass not needed: nothing blocks");
    return;
  }
  std::map<std::string, Bypass> by_ref;
  for (Finding* f : bypassed) {
    f->severity = Severity::kWarn;
    Bypass& b = by_ref[f->ref];
    b.user = context.user;
    b.reason = request.reason;
    b.ref = f->ref;
    AddUnique(&b.rules, f->rule);
    AddUnique(&b.commits, f->commit);
  }
  for (auto& [ref, b] : by_ref) {
    std::string rules;
    for (const std::string& r : b.rules) rules += " [" + r + "]";
    notices.push_back("bypass by " + EscapeForDisplay(b.user) + " of" + rules +
                      " on " + EscapeForDisplay(ref) + ": " +
                      EscapeForDisplay(b.reason) +
                      " (recorded in the audit log)");
    decision->bypasses.push_back(std::move(b));
  }
}

}  // namespace pushguard::policy

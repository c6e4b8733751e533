#include "policy/markers.h"

#include <algorithm>

#include "base/strings.h"

namespace pushguard::policy {
namespace {

rules::Mode ModeOf(Severity severity) {
  switch (severity) {
    case Severity::kBlock:
      return rules::Mode::kEnforce;
    case Severity::kWarn:
      return rules::Mode::kWarn;
    case Severity::kInfo:
      return rules::Mode::kEvaluate;
  }
  return rules::Mode::kEnforce;
}

// Why the hook does not honour the marker on `f`, "" if it does.
std::string Refusal(const rules::MarkerBypass& settings,
                    const PushContext& hook, const Finding& f) {
  if (!settings.enabled) {
    return "inline markers do not let secrets through on this server "
           "(settings.marker_bypass is off)";
  }
  const std::vector<std::string>& users = settings.users;
  if (!users.empty() &&
      std::find(users.begin(), users.end(), hook.user) == users.end()) {
    return "'" + EscapeForDisplay(hook.user) +
           "' is not in settings.marker_bypass.users";
  }
  const std::vector<rules::Mode>& modes = settings.modes;
  rules::Mode mode = ModeOf(f.severity);
  if (!modes.empty() &&
      std::find(modes.begin(), modes.end(), mode) == modes.end()) {
    return std::string("the rule is in ") + rules::ModeName(mode) +
           " mode, not in settings.marker_bypass.modes";
  }
  return "";
}

Bypass MarkerBypassOf(const PushContext& hook, const Finding& f) {
  Bypass b;
  b.kind = Bypass::kInlineMarker;
  b.user = hook.user;
  b.reason = "inline marker '" + f.allowed_by + "' at " + f.path + ":" +
             std::to_string(f.marker_line);
  b.rules = {f.rule};
  b.ref = f.ref;
  b.commits = {f.commit};
  b.fingerprint = f.fingerprint;
  b.path = f.path;
  b.marker_line = f.marker_line;
  return b;
}

}  // namespace

void ApplyInlineMarkers(const rules::MarkerBypass& settings,
                        const PushContext* hook, Decision* decision) {
  for (Finding& f : decision->findings) {
    if (f.allowed_by.empty()) continue;
    std::string why = hook != nullptr ? Refusal(settings, *hook, f) : "";
    if (!why.empty()) {
      // Evaluate-mode findings stay silent for the pusher.
      if (f.severity != Severity::kInfo) {
        decision->notices.push_back(
            "inline marker '" + EscapeForDisplay(f.allowed_by) + "' at " +
            EscapeForDisplay(f.path) + ":" + std::to_string(f.marker_line) +
            " ignored for [" + EscapeForDisplay(f.rule) + "]: " + why);
      }
      f.allowed_by.clear();
      f.marker_line = 0;
      continue;
    }
    if (hook != nullptr) {
      decision->bypasses.push_back(MarkerBypassOf(*hook, f));
    }
    f.marked_severity = f.severity;
    f.severity = Severity::kInfo;
  }
}

}  // namespace pushguard::policy

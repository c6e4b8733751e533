#include "report/policy_text.h"

#include <set>
#include <vector>

#include "base/strings.h"

namespace pushguard::report {
namespace {

void Add(std::string* out, const char* prefix, const std::string& text) {
  *out += prefix;
  if (!text.empty()) *out += " " + text;
  *out += "\n";
}

// Where a finding is: path, commit and ref, as far as they are known.
void AddWhere(std::string* out, const char* prefix, const Finding& f) {
  if (!f.path.empty()) Add(out, prefix, "    " + EscapeForDisplay(f.path));
  std::string where;
  if (!f.commit.empty()) {
    where = "commit " + EscapeForDisplay(f.commit.substr(0, 12));
  }
  if (!f.ref.empty()) {
    where += (where.empty() ? "" : " on ") + EscapeForDisplay(f.ref);
  }
  if (!where.empty()) Add(out, prefix, "    " + where);
}

void AddBlocking(std::string* out, const std::vector<const Finding*>& blocking,
                 const TextOptions& options) {
  Add(out, "error:",
      std::string("pushguard ") +
          (options.hook ? "rejected this push: " : "found ") +
          std::to_string(blocking.size()) + " policy violation" +
          (blocking.size() == 1 ? "" : "s") + ":");
  size_t shown = 0;
  for (const Finding* f : blocking) {
    if (shown++ >= options.max_findings) {
      Add(out, "error:", "");
      Add(out, "error:",
          "... and " + std::to_string(blocking.size() - options.max_findings) +
              " more (run `pushguard pre-receive --dry-run` for the full "
              "list)");
      break;
    }
    Add(out, "error:", "");
    Add(out, "error:",
        "[" + EscapeForDisplay(f->rule) + "] " +
            EscapeForDisplay(f->description));
    AddWhere(out, "error:", *f);
    Add(out, "error:", "    " + EscapeForDisplay(f->message));
  }
  std::set<std::string> rules;
  for (const Finding* f : blocking) {
    if (f->remediation.empty() || !rules.insert(f->rule).second) continue;
    Add(out, "hint:", "[" + EscapeForDisplay(f->rule) + "]");
    for (const std::string& line : Split(Trim(f->remediation), '\n')) {
      Add(out, "hint:", "    " + EscapeForDisplay(line));
    }
  }
}

}  // namespace

std::string RenderPolicyText(const Decision& decision,
                             const TextOptions& options) {
  std::vector<const Finding*> blocking, warnings;
  for (const Finding& f : decision.findings) {
    if (f.kind != "policy") continue;
    if (f.severity == Severity::kBlock) blocking.push_back(&f);
    if (f.severity == Severity::kWarn) warnings.push_back(&f);
  }
  std::string out;
  if (!blocking.empty()) AddBlocking(&out, blocking, options);
  for (const Finding* f : warnings) {
    Add(&out, "warning:",
        "pushguard: policy [" + EscapeForDisplay(f->rule) +
            "] (not blocking): " + EscapeForDisplay(f->message));
    AddWhere(&out, "warning:", *f);
  }
  for (const std::string& notice : decision.notices) {
    Add(&out, "warning:", "pushguard: " + EscapeForDisplay(notice));
  }
  return out;
}

}  // namespace pushguard::report

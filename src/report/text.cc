#include "report/text.h"

#include <set>

#include "base/strings.h"

namespace pushguard::report {
namespace {

class Lines {
 public:
  void Add(const char* prefix, const std::string& text) {
    out_ += prefix;
    if (!text.empty()) out_ += " " + text;
    out_ += "\n";
  }
  // Adds multi-line text (already trusted or escaped line by line).
  void AddBlock(const char* prefix, const std::string& indent,
                const std::string& text) {
    for (const std::string& line : Split(Trim(text), '\n')) {
      Add(prefix, indent + EscapeForDisplay(line));
    }
  }
  std::string str() const { return out_; }

 private:
  std::string out_;
};

std::string Plural(size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string Short(const std::string& oid) {
  return EscapeForDisplay(oid.substr(0, 12));
}

void AddFinding(Lines& lines, const char* prefix, const Finding& f) {
  lines.Add(prefix, "[" + EscapeForDisplay(f.rule) + "] " +
                        EscapeForDisplay(f.description));
  lines.Add(prefix, "    " + EscapeForDisplay(f.path) + ":" +
                        std::to_string(f.line) + ":" +
                        std::to_string(f.column));
  std::string where = "    commit " + Short(f.commit);
  if (!f.ref.empty()) where += " on " + EscapeForDisplay(f.ref);
  lines.Add(prefix, where);
  lines.Add(prefix, "    secret " + EscapeForDisplay(f.secret) +
                        "  (fingerprint " + EscapeForDisplay(f.fingerprint) + ")");
}

// How to take the secret out of commits that have not reached the server.
void AddRewriteHint(Lines& lines, const Finding& earliest) {
  std::string base = earliest.root_commit
                         ? std::string("--root")
                         : Short(earliest.commit) + "~1";
  lines.Add("hint:", "Then remove it from the commits you are pushing: a new "
                     "commit that deletes it is");
  lines.Add("hint:", "not enough, the secret would stay in history.");
  lines.Add("hint:", "  - in your last commit: edit the file, `git add` it, "
                     "`git commit --amend`");
  lines.Add("hint:", "  - in an older commit: `git rebase -i " + base +
                         "`, mark commit " + Short(earliest.commit) +
                         " as `edit`,");
  lines.Add("hint:", "    remove the secret, `git commit --amend`, "
                     "`git rebase --continue`");
  lines.Add("hint:", "and push again. Not a secret? Ask your Git "
                     "administrator to allowlist its fingerprint.");
}

}  // namespace

std::string RenderText(const Decision& decision, const TextOptions& options) {
  Lines lines;
  std::vector<const Finding*> blocking, warnings;
  for (const Finding& f : decision.findings) {
    if (f.severity == Severity::kBlock) blocking.push_back(&f);
    if (f.severity == Severity::kWarn) warnings.push_back(&f);
  }
  const std::string subject = options.hook ? "the commits you are pushing"
                                           : "the scanned commits";
  if (!decision.error.empty()) {
    const bool accepted_anyway = decision.accepted;
    if (accepted_anyway) {
      lines.Add("warning:", "pushguard could not finish checking; accepted "
                            "because the policy says to accept then:");
    } else {
      lines.Add("error:", std::string("pushguard could not check ") +
                              (options.hook ? "this push, so it is rejected "
                                              "(the guard failed, not you):"
                                            : "these commits:"));
    }
    lines.AddBlock(accepted_anyway ? "warning:" : "error:", "  ",
                   decision.error);
    if (options.hook && !accepted_anyway) {
      lines.Add("hint:", "Please report this to your Git administrator; "
                         "pushing again will not help until it is fixed.");
    }
  }
  if (!blocking.empty()) {
    lines.Add("error:", std::string("pushguard ") +
                            (options.hook ? "rejected this push: " : "found ") +
                            Plural(blocking.size(), "secret") + " in " +
                            subject + ":");
    size_t shown = 0;
    std::set<std::string> rules;
    for (const Finding* f : blocking) {
      if (shown++ >= options.max_findings) break;
      lines.Add("error:", "");
      AddFinding(lines, "error:", *f);
    }
    if (blocking.size() > options.max_findings) {
      lines.Add("error:", "");
      lines.Add("error:", "... and " +
                              Plural(blocking.size() - options.max_findings,
                                     "more finding") +
                              " (run `pushguard scan` for the full list)");
    }
    lines.Add("hint:", "");
    lines.Add("hint:", options.hook ? "First make the secret useless, "
                                      "whatever happens to this push:"
                                    : "Make each secret useless: it is in "
                                      "history, so treat it as leaked:");
    for (const Finding* f : blocking) {
      if (!rules.insert(f->rule).second) continue;
      lines.Add("hint:", "  [" + EscapeForDisplay(f->rule) + "]");
      lines.AddBlock("hint:", "    ",
                     f->remediation.empty()
                         ? "Revoke the secret where it was issued and "
                           "replace it with a new one."
                         : f->remediation);
    }
    if (options.hook) AddRewriteHint(lines, *blocking.front());
  }
  for (const Finding* f : warnings) {
    lines.Add("warning:", "pushguard: possible secret (not blocking):");
    AddFinding(lines, "warning:", *f);
  }
  for (const Finding& f : decision.findings) {
    if (f.allowed_by.empty()) continue;
    lines.Add("pushguard:", "allowed by inline marker '" +
                                EscapeForDisplay(f.allowed_by) + "': [" +
                                EscapeForDisplay(f.rule) + "] " +
                                EscapeForDisplay(f.path) + ":" +
                                std::to_string(f.line) + " (fingerprint " +
                                f.fingerprint + ")");
  }
  if (decision.error.empty() && blocking.empty()) {
    lines.Add("pushguard:",
              "checked " + Plural(decision.stats.commits, "commit") + ", " +
                  Plural(decision.stats.blobs, "new file version") +
                  ": no secrets found");
  }
  return lines.str();
}

}  // namespace pushguard::report

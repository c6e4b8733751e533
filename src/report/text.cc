#include "report/text.h"

#include <set>

#include "base/strings.h"
#include "report/policy_text.h"

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

// The labels policy/text_scan.h gives secrets found outside file content.
constexpr char kRefNameLabel[] = "(ref name)";

// In an annotated tag's text: "(tag message)", "(tagger)", "(tag name)"...
bool IsTagText(const Finding& f) {
  return f.path.starts_with("(tag ") || f.path == "(tagger)";
}

void AddFinding(Lines& lines, const char* prefix, const Finding& f) {
  lines.Add(prefix, "[" + EscapeForDisplay(f.rule) + "] " +
                        EscapeForDisplay(f.description));
  lines.Add(prefix, "    " + EscapeForDisplay(f.path) + ":" +
                        std::to_string(f.line) + ":" +
                        std::to_string(f.column));
  std::string where;
  if (f.path == kRefNameLabel) {
    where = "    the name of the ref " + EscapeForDisplay(f.ref);
  } else {
    where = IsTagText(f)       ? "    tag " + Short(f.commit)
            : f.commit.empty() ? "    staged, not committed yet"
                               : "    commit " + Short(f.commit);
    if (!f.ref.empty()) where += " on " + EscapeForDisplay(f.ref);
  }
  lines.Add(prefix, where);
  lines.Add(prefix, "    secret " + EscapeForDisplay(f.secret) +
                        "  (fingerprint " + EscapeForDisplay(f.fingerprint) +
                        ")");
}

// How to keep the secret out of the commit `git commit` is about to make.
void AddUnstageHint(Lines& lines) {
  lines.Add("hint:",
            "Then take it out of the file, `git add` the file and "
            "commit again (read the");
  lines.Add("hint:",
            "secret from the environment or a secret store "
            "instead). The server checks every push");
  lines.Add("hint:",
            "again. Not a secret? Ask your Git administrator to "
            "allowlist its fingerprint.");
}

// How to take the secret out of commits that have not reached the server.
void AddRewriteHint(Lines& lines, const Finding& earliest) {
  if (earliest.path == kRefNameLabel) {
    lines.Add("hint:",
              "Then push to a ref whose name does not hold the secret "
              "(`git push origin HEAD:<name>`).");
    return;
  }
  if (IsTagText(earliest)) {
    lines.Add("hint:",
              "Then delete the tag and create it again without the "
              "secret (`git tag -d <tag>`,");
    lines.Add("hint:", "`git tag -a <tag>`) and push it again.");
    return;
  }
  std::string base = earliest.root_commit ? std::string("--root")
                                          : Short(earliest.commit) + "~1";
  lines.Add("hint:",
            "Then remove it from the commits you are pushing: a new "
            "commit that deletes it is");
  lines.Add("hint:", "not enough, the secret would stay in history.");
  lines.Add("hint:",
            "  - in your last commit: edit the file, `git add` it, "
            "`git commit --amend`");
  lines.Add("hint:", "  - in an older commit: `git rebase -i " + base +
                         "`, mark commit " + Short(earliest.commit) +
                         " as `edit`,");
  lines.Add("hint:",
            "    remove the secret, `git commit --amend`, "
            "`git rebase --continue`");
  lines.Add("hint:",
            "and push again. Not a secret? Ask your Git "
            "administrator to allowlist its fingerprint.");
}

// The words that differ between the server and the developer's own hooks.
struct Wording {
  std::string subject;   // where the secrets are
  std::string rejected;  // "rejected this push: " / "found "
  std::string revoke;    // introduces the rules' remediation texts
};

Wording WordingFor(const TextOptions& options) {
  switch (options.stage) {
    case Stage::kPreCommit:
      return {"the changes you are committing", "stopped this commit: ",
              "It has not left this machine yet; if it was ever shared, "
              "make it useless:"};
    case Stage::kPrePush:
      return {"the commits you are pushing", "stopped this push: ",
              "It has not left this machine yet; if it was ever shared, "
              "make it useless:"};
    case Stage::kServer:
      break;
  }
  if (!options.hook) {
    return {"the scanned commits", "found ",
            "Make each secret useless: it is in history, so treat it as "
            "leaked:"};
  }
  return {"the commits you are pushing", "rejected this push: ",
          "First make the secret useless, whatever happens to this push:"};
}

void AddError(Lines& lines, const Decision& decision,
              const TextOptions& options) {
  const bool accepted_anyway = decision.accepted;
  if (accepted_anyway) {
    lines.Add("warning:",
              "pushguard could not finish checking; accepted "
              "because the policy says to accept then:");
  } else {
    lines.Add("error:", std::string("pushguard could not check ") +
                            (options.hook ? "this push, so it is rejected "
                                            "(the guard failed, not you):"
                                          : "these commits:"));
  }
  lines.AddBlock(accepted_anyway ? "warning:" : "error:", "  ", decision.error);
  if (options.hook && !accepted_anyway) {
    lines.Add("hint:",
              "Please report this to your Git administrator; "
              "pushing again will not help until it is fixed.");
  }
}

void AddBlocking(Lines& lines, const std::vector<const Finding*>& blocking,
                 const TextOptions& options) {
  const Wording words = WordingFor(options);
  lines.Add("error:", "pushguard " + words.rejected +
                          Plural(blocking.size(), "secret") + " in " +
                          words.subject + ":");
  size_t shown = 0;
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
  lines.Add("hint:", words.revoke);
  std::set<std::string> rules;
  for (const Finding* f : blocking) {
    if (!rules.insert(f->rule).second) continue;
    lines.Add("hint:", "  [" + EscapeForDisplay(f->rule) + "]");
    lines.AddBlock("hint:", "    ",
                   f->remediation.empty()
                       ? "Revoke the secret where it was issued and "
                         "replace it with a new one."
                       : f->remediation);
  }
  if (options.stage == Stage::kPreCommit) {
    AddUnstageHint(lines);
  } else if (options.hook) {
    AddRewriteHint(lines, *blocking.front());
  }
}

constexpr size_t kMissingShown = 20;

// A scan of a partial clone: what was not checked.
void AddMissing(Lines& lines, const std::vector<std::string>& missing) {
  if (missing.empty()) return;
  lines.Add("warning:",
            "pushguard: incomplete: " + Plural(missing.size(), "object") +
                " missing from the repository (a partial clone?) "
                "could not be scanned:");
  for (size_t i = 0; i < missing.size() && i < kMissingShown; ++i) {
    lines.Add("warning:", "    blob " + EscapeForDisplay(missing[i]));
  }
  if (missing.size() > kMissingShown) {
    lines.Add("warning:", "    ... and " +
                              std::to_string(missing.size() - kMissingShown) +
                              " more");
  }
  lines.Add("hint:",
            "scan a full clone (without --filter) to check them; "
            "`git rev-list --objects --missing=print --all` lists them");
}

std::string RenderFull(const Decision& decision, const TextOptions& options) {
  Lines lines;
  std::vector<const Finding*> blocking, warnings;
  bool policy_blocks = false;
  for (const Finding& f : decision.findings) {
    if (f.kind == "policy") {
      policy_blocks |= f.severity == Severity::kBlock;
      continue;  // policy_text.cc
    }
    if (f.severity == Severity::kBlock) blocking.push_back(&f);
    if (f.severity == Severity::kWarn) warnings.push_back(&f);
  }
  if (!decision.error.empty()) AddError(lines, decision, options);
  if (!blocking.empty()) AddBlocking(lines, blocking, options);
  for (const Finding* f : warnings) {
    lines.Add("warning:", "pushguard: possible secret (not blocking):");
    AddFinding(lines, "warning:", *f);
  }
  for (const Finding& f : decision.findings) {
    if (f.allowed_by.empty()) continue;
    lines.Add("pushguard:",
              "allowed by inline marker '" + EscapeForDisplay(f.allowed_by) +
                  "': [" + EscapeForDisplay(f.rule) + "] " +
                  EscapeForDisplay(f.path) + ":" + std::to_string(f.line) +
                  " (fingerprint " + f.fingerprint + ")");
  }
  std::string policy_text = RenderPolicyText(decision, options);
  if (decision.error.empty() && blocking.empty() && !policy_blocks) {
    lines.Add("pushguard:",
              options.stage == Stage::kPreCommit
                  ? "checked the staged changes (" +
                        Plural(decision.stats.blobs, "file version") +
                        "): no secrets found"
                  : "checked " + Plural(decision.stats.commits, "commit") +
                        ", " +
                        Plural(decision.stats.blobs, "new file version") +
                        ": no secrets found");
  }
  AddMissing(lines, decision.missing_objects);
  return lines.str() + policy_text;
}

constexpr size_t kCompactFindings = 5;

// GitLab's UI shows the hook's GL-HOOK-ERR: lines as one message: the
// verdict, one line per secret, one line on what to do.
std::string RenderCompact(const Decision& decision) {
  Lines lines;
  std::vector<const Finding*> blocking, policies;
  for (const Finding& f : decision.findings) {
    if (f.severity != Severity::kBlock) continue;
    (f.kind == "policy" ? policies : blocking).push_back(&f);
  }
  if (!decision.error.empty() && !decision.accepted) {
    std::vector<std::string> error = Split(Trim(decision.error), '\n');
    lines.Add("pushguard",
              "could not check this change, so it is rejected "
              "(the guard failed, not you): " +
                  EscapeForDisplay(error.front()));
  }
  for (size_t i = 0; i < policies.size() && i < kCompactFindings; ++i) {
    if (i == 0) {
      lines.Add("pushguard", "rejected this change: " +
                                 Plural(policies.size(), "policy violation") +
                                 ".");
    }
    lines.Add("-", "[" + EscapeForDisplay(policies[i]->rule) + "] " +
                       EscapeForDisplay(policies[i]->message));
  }
  if (blocking.empty()) return lines.str();
  lines.Add("pushguard",
            "rejected this change: " + Plural(blocking.size(), "secret") + ".");
  for (size_t i = 0; i < blocking.size() && i < kCompactFindings; ++i) {
    const Finding& f = *blocking[i];
    lines.Add("-", "[" + EscapeForDisplay(f.rule) + "] " +
                       EscapeForDisplay(f.path) + ":" + std::to_string(f.line) +
                       " in commit " + Short(f.commit) + " (" +
                       EscapeForDisplay(f.secret) + ")");
  }
  if (blocking.size() > kCompactFindings) {
    lines.Add("-", "... and " +
                       std::to_string(blocking.size() - kCompactFindings) +
                       " more.");
  }
  lines.Add("Revoke", "the secret, remove it from the commit and try again.");
  return lines.str();
}

std::string Prefixed(const std::string& text, const std::string& prefix) {
  std::string out;
  for (const std::string& line : Split(text, '\n')) {
    if (!line.empty()) out += prefix + line + "\n";
  }
  return out;
}

}  // namespace

Channel ChannelFor(const char* gl_id, const char* gl_protocol) {
  const std::string id = gl_id != nullptr ? gl_id : "";
  const std::string protocol = gl_protocol != nullptr ? gl_protocol : "";
  if (protocol == "web") return Channel::kGitLabWeb;
  if (!id.empty() || !protocol.empty()) return Channel::kGitLab;
  return Channel::kGit;
}

std::string RenderText(const Decision& decision, const TextOptions& options) {
  switch (options.channel) {
    case Channel::kGit:
      return RenderFull(decision, options);
    case Channel::kGitLab:
      return Prefixed(RenderFull(decision, options), kGitLabPrefix);
    case Channel::kGitLabWeb:
      return Prefixed(RenderCompact(decision), kGitLabPrefix);
  }
  return RenderFull(decision, options);
}

}  // namespace pushguard::report

// The commit policy checks (policy_checks.h): commit_message,
// signed_off_by, author_email, committer_email, committer_is_pusher,
// no_merge_commits. (signatures: signature_policy.cc.)
#include "base/strings.h"
#include "policy/policy_checks.h"
#include "policy/policy_regex.h"

namespace pushguard::policy {
namespace {

namespace P = rules::params;

std::string Short(const std::string& oid) { return oid.substr(0, 12); }

std::string Subject(const std::string& message) {
  return std::string(Trim(message.substr(0, message.find('\n'))));
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Reword(const std::string& commit) {
  return "; fix it with `git commit --amend` (last commit) or `git rebase -i " +
         Short(commit) + "~1` (mark it `reword`), then push again";
}

bool EmailMatches(const std::vector<std::string>& globs,
                  const std::string& email) {
  std::string lower = AsciiLower(email);
  for (const std::string& glob : globs) {
    if (GlobMatch(AsciiLower(glob), lower)) return true;
  }
  return false;
}

std::string CheckEmail(const rules::PushPolicy& s, const git::Person& who,
                       const char* role);

}  // namespace

Result<std::string> CheckMessage(const CompiledPolicy& p,
                                 const CommitSite& site) {
  const rules::PushPolicy& s = *p.spec;
  const git::CommitInfo& info = site.info;
  const std::string& commit = site.commit;
  if (info.parent_count > 1 && !s.Get(P::kCheckMerges)) return std::string();
  if (StartsWith(info.message, "Revert \"") && !s.Get(P::kCheckReverts)) {
    return std::string();
  }
  std::string subject = EscapeForDisplay(Subject(info.message));
  std::string what = "policy '" + s.id + "' on commit " + commit;
  if (const match::Regex* r = p.regex(P::kMustMatch)) {
    Result<bool> found = RegexFinds(*r, info.message, what);
    if (!found.ok()) return found.status();
    if (!*found) {
      return "message \"" + subject + "\" does not match '" +
             s.Get(P::kMustMatch) + "'" + Reword(commit);
    }
  }
  if (const match::Regex* r = p.regex(P::kMustNotMatch)) {
    Result<bool> found = RegexFinds(*r, info.message, what);
    if (!found.ok()) return found.status();
    if (*found) {
      return "message \"" + subject + "\" matches the forbidden '" +
             s.Get(P::kMustNotMatch) + "'" + Reword(commit);
    }
  }
  int64_t max = s.Get(P::kSubjectMaxLength);
  size_t length = CodePoints(Subject(info.message));
  if (max > 0 && length > static_cast<size_t>(max)) {
    return "subject line has " + std::to_string(length) +
           " characters, more than " + std::to_string(max) + Reword(commit);
  }
  return std::string();
}

Result<std::string> CheckSignOff(const CompiledPolicy& p,
                                 const CommitSite& site) {
  const rules::PushPolicy& s = *p.spec;
  const git::CommitInfo& info = site.info;
  const std::string& commit = site.commit;
  if (info.parent_count > 1 && !s.Get(P::kCheckMerges)) return std::string();
  bool any = false;
  for (const std::string& line : Split(info.message, '\n')) {
    std::string_view t = Trim(line);
    if (!StartsWith(AsciiLower(t), "signed-off-by:")) continue;
    any = true;
    if (!s.Get(P::kMatchAuthor)) return std::string();
    size_t open = t.find('<'), close = t.rfind('>');
    if (open != std::string_view::npos && close != std::string_view::npos &&
        close > open &&
        AsciiLower(t.substr(open + 1, close - open - 1)) ==
            AsciiLower(info.author.email)) {
      return std::string();
    }
  }
  std::string fix =
      "; add it with `git commit --amend -s` (last commit) or "
      "`git rebase --signoff " +
      Short(commit) + "~1`, then push again";
  if (!any) return "no Signed-off-by trailer (DCO)" + fix;
  return "no Signed-off-by trailer for the author <" +
         EscapeForDisplay(info.author.email) + ">" + fix;
}

namespace {

std::string CheckEmail(const rules::PushPolicy& s, const git::Person& who,
                       const char* role) {
  if (EmailMatches(s.Get(P::kAllowed), who.email)) return "";
  std::string allowed;
  for (const std::string& g : s.Get(P::kAllowed)) {
    allowed += (allowed.empty() ? "" : ", ") + g;
  }
  std::string fix = std::string(role) == "author"
                        ? "set `git config user.email` and rewrite with `git "
                          "commit --amend --reset-author`"
                        : "set `git config user.email` and rewrite the "
                          "commits (`git rebase -i`, or `git commit --amend`)";
  return std::string(role) + " e-mail <" + EscapeForDisplay(who.email) +
         "> is not allowed (allowed: " + allowed + "); " + fix;
}

}  // namespace

Result<std::string> CheckAuthorEmail(const CompiledPolicy& p,
                                     const CommitSite& site) {
  return CheckEmail(*p.spec, site.info.author, "author");
}

Result<std::string> CheckCommitterEmail(const CompiledPolicy& p,
                                        const CommitSite& site) {
  return CheckEmail(*p.spec, site.info.committer, "committer");
}

Result<std::string> CheckPusher(const CompiledPolicy& p,
                                const CommitSite& site) {
  // Only commits new to the repository: one already there was pushed
  // before, possibly by its committer.
  if (!site.new_to_repository) return std::string();
  const rules::PushPolicy& s = *p.spec;
  const PushContext& c = site.context;
  const git::CommitInfo& info = site.info;
  std::vector<std::string> mine;
  for (std::string t : s.Get(P::kEmails)) {
    for (size_t at; (at = t.find("{user}")) != std::string::npos;) {
      t.replace(at, 6, c.user);
    }
    mine.push_back(t);
  }
  if (s.Get(P::kUseServerEmail) && !c.pusher_email.empty()) {
    mine.push_back(c.pusher_email);
  }
  if (mine.empty()) {
    return std::string(
        "pushguard cannot tell your e-mail address (the server names none "
        "and the policy has no `emails`); ask your Git administrator");
  }
  if (EmailMatches(mine, info.committer.email)) return std::string();
  return "committer <" + EscapeForDisplay(info.committer.email) +
         "> is not you (" + EscapeForDisplay(c.user) +
         "); push only commits you committed, or ask their committer to push";
}

Result<std::string> CheckNoMerge(const CompiledPolicy&,
                                 const CommitSite& site) {
  if (site.info.parent_count <= 1) return std::string();
  return std::string(
      "merge commit; this ref keeps a linear history: rebase your work "
      "(`git pull --rebase`, or `git rebase` onto the target) and push "
      "again");
}

}  // namespace pushguard::policy

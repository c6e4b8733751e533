// PolicyChecker::CheckCommits: the policies on the commits each ref update
// newly brings (commit_message, signed_off_by, author_email,
// committer_email, committer_is_pusher, no_merge_commits, signatures).
#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "base/strings.h"
#include "git/commit_info.h"
#include "policy/policy_regex.h"
#include "policy/push_policies.h"
#include "policy/scope.h"
#include "policy/signature_policy.h"

namespace pushguard::policy {
namespace {

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

Result<std::string> CheckMessage(const CompiledPolicy& p,
                                 const git::CommitInfo& info,
                                 const std::string& commit) {
  const rules::PushPolicy& s = *p.spec;
  if (info.parent_count > 1 && !s.Flag("check_merges")) return std::string();
  if (StartsWith(info.message, "Revert \"") && !s.Flag("check_reverts")) {
    return std::string();
  }
  std::string subject = EscapeForDisplay(Subject(info.message));
  std::string what = "policy '" + s.id + "' on commit " + commit;
  if (const match::Regex* r = p.regex("must_match")) {
    Result<bool> found = RegexFinds(*r, info.message, what);
    if (!found.ok()) return found.status();
    if (!*found) {
      return "message \"" + subject + "\" does not match '" +
             s.Text("must_match") + "'" + Reword(commit);
    }
  }
  if (const match::Regex* r = p.regex("must_not_match")) {
    Result<bool> found = RegexFinds(*r, info.message, what);
    if (!found.ok()) return found.status();
    if (*found) {
      return "message \"" + subject + "\" matches the forbidden '" +
             s.Text("must_not_match") + "'" + Reword(commit);
    }
  }
  int64_t max = s.Number("subject_max_length");
  size_t length = CodePoints(Subject(info.message));
  if (max > 0 && length > static_cast<size_t>(max)) {
    return "subject line has " + std::to_string(length) +
           " characters, more than " + std::to_string(max) + Reword(commit);
  }
  return std::string();
}

std::string CheckSignOff(const rules::PushPolicy& s,
                         const git::CommitInfo& info,
                         const std::string& commit) {
  if (info.parent_count > 1 && !s.Flag("check_merges")) return "";
  bool any = false;
  for (const std::string& line : Split(info.message, '\n')) {
    std::string_view t = Trim(line);
    if (!StartsWith(AsciiLower(t), "signed-off-by:")) continue;
    any = true;
    if (!s.Flag("match_author")) return "";
    size_t open = t.find('<'), close = t.rfind('>');
    if (open != std::string_view::npos && close != std::string_view::npos &&
        close > open &&
        AsciiLower(t.substr(open + 1, close - open - 1)) ==
            AsciiLower(info.author.email)) {
      return "";
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

std::string CheckEmail(const rules::PushPolicy& s, const git::Person& who,
                       const char* role) {
  if (EmailMatches(s.List("allowed"), who.email)) return "";
  std::string allowed;
  for (const std::string& g : s.List("allowed")) {
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

std::string CheckPusher(const rules::PushPolicy& s, const PushContext& c,
                        const git::CommitInfo& info) {
  std::vector<std::string> mine;
  for (std::string t : s.List("emails")) {
    for (size_t at; (at = t.find("{user}")) != std::string::npos;) {
      t.replace(at, 6, c.user);
    }
    mine.push_back(t);
  }
  if (s.Flag("use_server_email") && !c.pusher_email.empty()) {
    mine.push_back(c.pusher_email);
  }
  if (mine.empty()) {
    return "pushguard cannot tell your e-mail address (the server names none "
           "and the policy has no `emails`); ask your Git administrator";
  }
  if (EmailMatches(mine, info.committer.email)) return "";
  return "committer <" + EscapeForDisplay(info.committer.email) +
         "> is not you (" + EscapeForDisplay(c.user) +
         "); push only commits you committed, or ask their committer to push";
}

// What is wrong with `commit` under policy `p`, "" if nothing.
Result<std::string> CheckCommit(const git::Repository& repo,
                                const CompiledPolicy& p, const PushContext& c,
                                const std::string& commit,
                                const git::CommitInfo& info,
                                bool new_to_repository,
                                SignatureCache* signatures) {
  const std::string& type = p.spec->type;
  if (type == "commit_message") return CheckMessage(p, info, commit);
  if (type == "signed_off_by") return CheckSignOff(*p.spec, info, commit);
  if (type == "author_email") return CheckEmail(*p.spec, info.author, "author");
  if (type == "committer_email") {
    return CheckEmail(*p.spec, info.committer, "committer");
  }
  // Only commits new to the repository: one already there was pushed
  // before, possibly by its committer.
  if (type == "committer_is_pusher" && new_to_repository) {
    return CheckPusher(*p.spec, c, info);
  }
  if (type == "no_merge_commits" && info.parent_count > 1) {
    return std::string(
        "merge commit; this ref keeps a linear history: rebase your work "
        "(`git pull --rebase`, or `git rebase` onto the target) and push "
        "again");
  }
  if (type == "signatures" && p.spec->Flag("commits")) {
    return CheckCommitSignature(repo, p, commit, signatures);
  }
  return std::string();
}

}  // namespace

void PolicyChecker::PrefetchSignatures(const PushInput& input,
                                       SignatureCache* cache) {
  size_t threads =
      std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
  for (const CompiledPolicy& p : policies_.all()) {
    if (p.spec->type != "signatures" || !p.spec->Flag("commits")) continue;
    std::vector<std::string> commits;
    std::set<std::string> seen;
    for (size_t r = 0; r < input.updates->size(); ++r) {
      if (!Applies(*p.spec, context_, (*input.updates)[r].ref)) continue;
      Result<const std::vector<std::string>*> gained = CommitsFor(input, p, r);
      if (!gained.ok()) continue;  // CheckCommits reports it
      for (const std::string& c : **gained) {
        if (seen.insert(c).second) commits.push_back(c);
      }
    }
    PrefetchCommitSignatures(repo_, p, commits, threads, cache);
  }
}

Status PolicyChecker::CheckCommits(const PushInput& input,
                                   std::vector<Finding>* out) {
  if (!policies_.Has("commit")) return Status::Ok();
  std::map<std::string, git::CommitInfo> infos;
  SignatureCache signatures;
  PrefetchSignatures(input, &signatures);
  Status first;
  auto fail = [&](const Status& s) {
    if (first.ok()) first = s;
  };
  for (size_t r = 0; r < input.updates->size(); ++r) {
    const refs::RefUpdate& u = (*input.updates)[r];
    for (const CompiledPolicy& p : policies_.all()) {
      if (std::string("commit") !=
              rules::FindPolicyType(p.spec->type)->subject ||
          !Applies(*p.spec, context_, u.ref)) {
        continue;
      }
      if (p.spec->type == "signatures") {
        Result<std::string> tag = CheckTagSignature(repo_, p, u, &signatures);
        if (!tag.ok())
          fail(tag.status());
        else if (!tag->empty()) {
          out->push_back(
              PolicyFinding(*p.spec, context_, u.ref, u.new_oid, "", *tag));
        }
      }
      Result<const std::vector<std::string>*> commits = CommitsFor(input, p, r);
      if (!commits.ok()) {
        fail(commits.status());
        continue;
      }
      for (const std::string& commit : **commits) {
        auto it = infos.find(commit);
        if (it == infos.end()) {
          Result<git::CommitInfo> info = git::ReadCommitInfo(repo_, commit);
          if (!info.ok()) {
            fail(info.status());
            continue;
          }
          it = infos.emplace(commit, std::move(*info)).first;
        }
        bool new_to_repository =
            input.novelty == nullptr || input.novelty->commits.count(commit);
        Result<std::string> problem =
            CheckCommit(repo_, p, context_, commit, it->second,
                        new_to_repository, &signatures);
        if (!problem.ok()) {
          fail(problem.status());
        } else if (!problem->empty()) {
          out->push_back(
              PolicyFinding(*p.spec, context_, u.ref, commit, "", *problem));
        }
      }
    }
  }
  return first;
}

}  // namespace pushguard::policy

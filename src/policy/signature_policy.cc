#include "policy/signature_policy.h"

#include "base/parallel.h"
#include "base/strings.h"
#include "git/commit_info.h"
#include "policy/policy_checks.h"
#include "signing/verify.h"

namespace pushguard::policy {
namespace {

signing::Keys KeysOf(const CompiledPolicy& p) {
  signing::Keys keys;
  keys.openpgp_keyring = p.spec->Get(rules::params::kOpenpgpKeyring);
  keys.ssh_allowed_signers = p.spec->Get(rules::params::kSshAllowedSigners);
  return keys;
}

// The e-mail of the payload's committer (or tagger) header: the likely
// SSH principal.
std::string SignerHint(const std::string& payload) {
  for (const std::string& line : Split(payload, '\n')) {
    if (line.empty()) break;  // end of the headers
    if (!StartsWith(line, "committer ") && !StartsWith(line, "tagger ")) {
      continue;
    }
    size_t open = line.find('<'), close = line.find('>', open);
    if (open != std::string::npos && close != std::string::npos) {
      return line.substr(open + 1, close - open - 1);
    }
  }
  return "";
}

// What is wrong with a signature, for the pusher: "" when it is good.
std::string Explain(const signing::Verification& v, const char* what) {
  switch (v.outcome) {
    case signing::Outcome::kGood:
      return "";
    case signing::Outcome::kUnknownKey:
      return std::string(what) +
             " is signed by a key that is not allowed: " + v.detail +
             "; sign with a key your Git administrator has registered, or "
             "ask them to add yours";
    case signing::Outcome::kBad:
      return std::string(what) +
             " has a signature that does not verify: " + v.detail +
             "; sign it again";
    case signing::Outcome::kUnverifiable:
      return std::string(what) +
             " has a signature pushguard cannot verify: " + v.detail;
  }
  return "";
}

Result<std::string> Verify(const CompiledPolicy& p, const std::string& oid,
                           const Result<git::SignedData>& signed_data,
                           const char* what, const std::string& unsigned_fix,
                           SignatureCache* cache) {
  auto key = std::make_pair(p.spec->id, oid);
  if (auto it = cache->find(key); it != cache->end()) return it->second;
  std::string problem;
  if (!signed_data.ok()) {
    if (signed_data.status().code() != Status::Code::kNotFound) {
      return signed_data.status();
    }
    problem = std::string(what) + " is not signed; " + unsigned_fix;
  } else {
    problem = Explain(
        signing::VerifySignature(signed_data->signature, signed_data->payload,
                                 KeysOf(p), SignerHint(signed_data->payload)),
        what);
  }
  (*cache)[key] = problem;
  return problem;
}

const char kUnsignedCommitFix[] =
    "sign it with `git commit --amend --no-edit -S` (or, for several, `git "
    "rebase --exec 'git commit --amend --no-edit -S' <base>`) and push again";

}  // namespace

void PrefetchCommitSignatures(const git::Repository& repo,
                              const CompiledPolicy& policy,
                              const std::vector<std::string>& commits,
                              size_t threads, SignatureCache* cache) {
  // Extract on this thread (libgit2 handles are per thread), verify in
  // parallel (each verification has its own scratch files and processes).
  std::vector<std::pair<std::string, git::SignedData>> todo;
  for (const std::string& commit : commits) {
    if (cache->count({policy.spec->id, commit}) > 0) continue;
    Result<git::SignedData> data = git::CommitSignature(repo, commit);
    if (data.ok()) todo.emplace_back(commit, std::move(*data));
  }
  std::vector<std::string> problems(todo.size());
  signing::Keys keys = KeysOf(policy);
  ParallelFor(todo.size(), threads, [&](size_t, size_t i) {
    const git::SignedData& d = todo[i].second;
    problems[i] = Explain(signing::VerifySignature(d.signature, d.payload, keys,
                                                   SignerHint(d.payload)),
                          "commit");
  });
  for (size_t i = 0; i < todo.size(); ++i) {
    (*cache)[{policy.spec->id, todo[i].first}] = problems[i];
  }
}

Result<std::string> CheckCommitSignature(const git::Repository& repo,
                                         const CompiledPolicy& policy,
                                         const std::string& commit,
                                         SignatureCache* cache) {
  auto key = std::make_pair(policy.spec->id, commit);
  if (auto it = cache->find(key); it != cache->end()) return it->second;
  return Verify(policy, commit, git::CommitSignature(repo, commit), "commit",
                kUnsignedCommitFix, cache);
}

Result<std::string> CheckTagSignature(const git::Repository& repo,
                                      const CompiledPolicy& policy,
                                      const refs::RefUpdate& update,
                                      SignatureCache* cache) {
  if (!policy.spec->Get(rules::params::kTags) ||
      !StartsWith(update.ref, "refs/tags/") ||
      update.change == refs::RefChange::kDelete) {
    return std::string();
  }
  Result<git::ObjectType> type = repo.TypeOf(update.new_oid);
  if (!type.ok()) return type.status();
  const std::string fix = "create it with `git tag -s` and push it again";
  if (*type != git::ObjectType::kTag) {
    return "tag is a lightweight tag and cannot be signed; " + fix;
  }
  return Verify(policy, update.new_oid, git::TagSignature(repo, update.new_oid),
                "tag", fix, cache);
}

Result<std::string> CheckSigned(const CompiledPolicy& p,
                                const CommitSite& site) {
  if (!p.spec->Get(rules::params::kCommits)) return std::string();
  return CheckCommitSignature(site.repo, p, site.commit, site.signatures);
}

}  // namespace pushguard::policy

#include "rules/push_policy.h"

#include <algorithm>
#include <cstdio>

#include "base/strings.h"

namespace pushguard::rules {
namespace {

// A missing case in Describe() is an error, not a warning.
#pragma GCC diagnostic error "-Wswitch"

using K = ParamKind;
using S = Stricter;
using Subject = PolicySubject;
namespace P = params;

template <ParamKind Kind>
ParamSpec Spec(Param<Kind> param, Stricter stricter, const char* default_value,
               const char* help, std::vector<std::string> words = {}) {
  return {param.key, Kind, stricter, default_value, help, std::move(words)};
}

ParamSpec CheckMerges() {
  return Spec(P::kCheckMerges, S::kTrue, "false",
              "also check merge commits (their messages are usually "
              "generated)");
}

ParamSpec AllowedEmails() {
  return Spec(P::kAllowed, S::kFewerEntries, "",
              "globs of allowed addresses (*@example.com), case-insensitive");
}

// The registry entry of `type`: its YAML name, what it checks, its
// parameters. One case per type and no default, so a new PolicyType value
// does not compile until it is described here.
PolicyTypeSpec Describe(PolicyType type) {
  using T = PolicyType;
  switch (type) {
    case T::kMaxBlobSize:
      return {
          type,
          "max_blob_size",
          "files larger than a limit (Git LFS pointers exempt)",
          Subject::kFile,
          {Spec(P::kMaxSize, S::kLower, "", "largest allowed file, e.g. 10MiB"),
           Spec(P::kRequireLfs, S::kMoreEntries, "",
                "globs of files that must be stored with Git LFS"),
           Spec(P::kExemptPaths, S::kFewerEntries, "",
                "globs of files the limit does not apply to")},
          {"max_size", "require_lfs"}};
    case T::kForbiddenPaths:
      return {
          type,
          "forbidden_paths",
          "files that must never be committed",
          Subject::kFile,
          {Spec(P::kPaths, S::kMoreEntries, "", "forbidden globs"),
           Spec(P::kRegex, S::kUnchanged, "", "a regex over the whole path"),
           Spec(P::kExtensions, S::kMoreEntries, "",
                "forbidden file name extensions, without the dot (exe, "
                "jar)"),
           Spec(P::kAllow, S::kFewerEntries, "",
                "globs that are allowed even so (.env.example)")},
          {"paths", "regex", "extensions"}};
    case T::kMaxPathLength:
      return {type,
              "max_path_length",
              "paths too long for some file systems",
              Subject::kFile,
              {Spec(P::kMaxLength, S::kLower, "0",
                    "longest allowed path in bytes (0: no limit)"),
               Spec(P::kMaxComponentLength, S::kLower, "0",
                    "longest allowed file or directory name in bytes (0: no "
                    "limit)")},
              {"max_length", "max_component_length"}};
    case T::kCaseConflicts:
      return {type,
              "case_conflicts",
              "paths that differ only in letter case (they collide on macOS "
              "and Windows)",
              Subject::kFile,
              {},
              {}};
    case T::kSymlinks:
      return {type,
              "symlinks",
              "symbolic links that point outside the repository",
              Subject::kFile,
              {Spec(P::kForbidAll, S::kTrue, "false",
                    "forbid every symbolic link")},
              {}};
    case T::kSubmodules:
      return {type,
              "submodules",
              "submodule URLs that are not on an allow list",
              Subject::kFile,
              {Spec(P::kAllowedUrls, S::kFewerEntries, "",
                    "globs of allowed URLs (https://git.example.com/**)")},
              {"allowed_urls"}};
    case T::kCommitMessage:
      return {type,
              "commit_message",
              "commit messages must / must not match a pattern",
              Subject::kCommit,
              {Spec(P::kMustMatch, S::kUnchanged, "",
                    "every message must match (e.g. Conventional Commits)"),
               Spec(P::kMustNotMatch, S::kUnchanged, "",
                    "no message may match (e.g. ^WIP)"),
               Spec(P::kSubjectMaxLength, S::kLower, "0",
                    "longest allowed first line (0: no limit)"),
               CheckMerges(),
               Spec(P::kCheckReverts, S::kTrue, "false",
                    "also check messages git revert wrote (Revert \"...\")")},
              {"must_match", "must_not_match", "subject_max_length"}};
    case T::kSignedOffBy:
      return {type,
              "signed_off_by",
              "a Signed-off-by trailer (DCO) on every commit",
              Subject::kCommit,
              {Spec(P::kMatchAuthor, S::kTrue, "true",
                    "the trailer must name the author's e-mail"),
               CheckMerges()},
              {}};
    case T::kAuthorEmail:
      return {type,
              "author_email",
              "author e-mail addresses must match a pattern",
              Subject::kCommit,
              {AllowedEmails()},
              {"allowed"}};
    case T::kCommitterEmail:
      return {type,
              "committer_email",
              "committer e-mail addresses must match a pattern",
              Subject::kCommit,
              {AllowedEmails()},
              {"allowed"}};
    case T::kCommitterIsPusher:
      return {type,
              "committer_is_pusher",
              "the committer of a new commit must be the user who pushes it",
              Subject::kCommit,
              {Spec(P::kEmails, S::kFewerEntries, "",
                    "the pusher's addresses, {user} = the pusher's name "
                    "({user}@example.com)"),
               Spec(P::kUseServerEmail, S::kFalse, "true",
                    "also accept the address the server reports "
                    "(GITEA_PUSHER_EMAIL)")},
              {}};
    case T::kNoMergeCommits:
      return {type,
              "no_merge_commits",
              "merge commits (keeps history linear)",
              Subject::kCommit,
              {},
              {}};
    case T::kSignatures:
      return {type,
              "signatures",
              "commits (and tags) must be signed by an allowed key",
              Subject::kCommit,
              {Spec(P::kCommits, S::kTrue, "true", "commits must be signed"),
               Spec(P::kTags, S::kTrue, "false",
                    "annotated tags must be signed; lightweight tags are "
                    "refused"),
               Spec(P::kOpenpgpKeyring, S::kUnchanged, "",
                    "keyring of allowed OpenPGP keys (gpg --export > "
                    "keyring.gpg)"),
               Spec(P::kSshAllowedSigners, S::kUnchanged, "",
                    "allowed SSH keys, in ssh-keygen's allowed_signers "
                    "format")},
              {"openpgp_keyring", "ssh_allowed_signers"}};
    case T::kRefNames:
      return {type,
              "ref_names",
              "names of new branches and tags must match a pattern",
              Subject::kRef,
              {Spec(P::kBranchRegex, S::kUnchanged, "",
                    "new refs/heads/ names (without the prefix) must match"),
               Spec(P::kTagRegex, S::kUnchanged, "",
                    "new refs/tags/ names (without the prefix) must match")},
              {"branch_regex", "tag_regex"}};
    case T::kProtectedRefs:
      return {type,
              "protected_refs",
              "refs (scope.refs) that may not be deleted, force-pushed or "
              "created",
              Subject::kRef,
              {Spec(P::kForbid, S::kMoreEntries, "delete,force_push",
                    "what is refused: delete, force_push, create",
                    {"delete", "force_push", "create"})},
              {},
              /*requires_scope_refs=*/true};
    case T::kImmutableTags:
      return {type,
              "immutable_tags",
              "tags that may not be moved (or deleted)",
              Subject::kRef,
              {Spec(P::kAllowDelete, S::kFalse, "false",
                    "a tag may be deleted (but still not moved)")},
              {}};
  }
  return {type, "", "", Subject::kFile, {}, {}};  // not reached
}

}  // namespace

const std::vector<PolicyTypeSpec>& PolicyTypes() {
  static const std::vector<PolicyTypeSpec> types = [] {
    std::vector<PolicyTypeSpec> out;
    for (size_t i = 0; i < kPolicyTypeCount; ++i) {
      out.push_back(Describe(static_cast<PolicyType>(i)));
    }
    return out;
  }();
  return types;
}

const PolicyTypeSpec& SpecOf(PolicyType type) {
  return PolicyTypes()[static_cast<size_t>(type)];
}

const char* PolicyTypeName(PolicyType type) { return SpecOf(type).name; }

std::optional<PolicyType> ParsePolicyType(std::string_view name) {
  for (const PolicyTypeSpec& t : PolicyTypes()) {
    if (name == t.name) return t.type;
  }
  return std::nullopt;
}

const ParamSpec* FindParam(const PolicyTypeSpec& type, std::string_view key) {
  for (const ParamSpec& p : type.params) {
    if (key == p.key) return &p;
  }
  return nullptr;
}

const ParamValue* PushPolicy::Find(std::string_view key) const {
  auto it = params.find(std::string(key));
  return it == params.end() ? nullptr : &it->second;
}

const ParamValue& PushPolicy::Value(std::string_view key) const {
  static const ParamValue kUnset;
  const ParamValue* v = Find(key);
  return v == nullptr ? kUnset : *v;
}

ParamValue DefaultValue(const ParamSpec& spec) {
  ParamValue v;
  std::string d = spec.default_value;
  switch (spec.kind) {
    case K::kSize:
    case K::kCount:
      v.number = d.empty() ? 0 : std::stoll(d);
      break;
    case K::kBool:
      v.flag = d == "true";
      break;
    case K::kRegex:
    case K::kPath:
      v.text = d;
      break;
    case K::kStringList:
    case K::kWordList:
      for (const std::string& w : Split(d, ',')) {
        if (!w.empty()) v.list.push_back(w);
      }
      break;
  }
  return v;
}

std::string FormatSize(uint64_t bytes, const std::string& unit) {
  static const std::pair<const char*, uint64_t> kUnits[] = {
      {"KB", 1000},     {"KiB", 1024},      {"MB", 1000000},
      {"MiB", 1 << 20}, {"GB", 1000000000}, {"GiB", uint64_t{1} << 30}};
  for (const auto& [name, factor] : kUnits) {
    if (unit != name) continue;
    char buf[64];
    if (bytes % factor == 0) {
      std::snprintf(buf, sizeof buf, "%llu %s",
                    static_cast<unsigned long long>(bytes / factor), name);
    } else {
      std::snprintf(buf, sizeof buf, "%.1f %s",
                    static_cast<double>(bytes) / static_cast<double>(factor),
                    name);
    }
    return buf;
  }
  return std::to_string(bytes) + " bytes";
}

std::string FormatValue(const ParamSpec& spec, const ParamValue& value) {
  switch (spec.kind) {
    case K::kSize:
      if (!value.unit.empty()) {
        std::string text = FormatSize(value.number, value.unit);
        text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
        return text;
      }
      return std::to_string(value.number);
    case K::kCount:
      return std::to_string(value.number);
    case K::kBool:
      return value.flag ? "true" : "false";
    case K::kRegex:
    case K::kPath:
      return value.text.empty() ? "''" : "'" + value.text + "'";
    case K::kStringList:
    case K::kWordList: {
      std::string out = "[";
      for (size_t i = 0; i < value.list.size(); ++i) {
        out += (i ? ", " : "") + value.list[i];
      }
      return out + "]";
    }
  }
  return "";
}

}  // namespace pushguard::rules

#include "rules/push_policy.h"

#include <algorithm>
#include <cstdio>

#include "base/strings.h"

namespace pushguard::rules {
namespace {

using K = ParamKind;
using S = Stricter;

const ParamSpec kCheckMerges = {
    "check_merges", K::kBool, S::kTrue, "false",
    "also check merge commits (their messages are usually generated)"};

std::vector<PolicyType> BuildTypes() {
  return {
      {"max_blob_size",
       "files larger than a limit (Git LFS pointers exempt)",
       "file",
       {{"max_size", K::kSize, S::kLower, "",
         "largest allowed file, e.g. 10MiB"},
        {"require_lfs", K::kStringList, S::kMoreEntries, "",
         "globs of files that must be stored with Git LFS"},
        {"exempt_paths", K::kStringList, S::kFewerEntries, "",
         "globs of files the limit does not apply to"}},
       {"max_size", "require_lfs"}},
      {"forbidden_paths",
       "files that must never be committed",
       "file",
       {{"paths", K::kStringList, S::kMoreEntries, "", "forbidden globs"},
        {"regex", K::kRegex, S::kUnchanged, "", "a regex over the whole path"},
        {"extensions", K::kStringList, S::kMoreEntries, "",
         "forbidden file name extensions, without the dot (exe, jar)"},
        {"allow", K::kStringList, S::kFewerEntries, "",
         "globs that are allowed even so (.env.example)"}},
       {"paths", "regex", "extensions"}},
      {"max_path_length",
       "paths too long for some file systems",
       "file",
       {{"max_length", K::kCount, S::kLower, "0",
         "longest allowed path in bytes (0: no limit)"},
        {"max_component_length", K::kCount, S::kLower, "0",
         "longest allowed file or directory name in bytes (0: no limit)"}},
       {"max_length", "max_component_length"}},
      {"case_conflicts",
       "paths that differ only in letter case (they collide on macOS and "
       "Windows)",
       "file",
       {},
       {}},
      {"symlinks",
       "symbolic links that point outside the repository",
       "file",
       {{"forbid_all", K::kBool, S::kTrue, "false",
         "forbid every symbolic link"}},
       {}},
      {"submodules",
       "submodule URLs that are not on an allow list",
       "file",
       {{"allowed_urls", K::kStringList, S::kFewerEntries, "",
         "globs of allowed URLs (https://git.example.com/**)"}},
       {"allowed_urls"}},
      {"commit_message",
       "commit messages must / must not match a pattern",
       "commit",
       {{"must_match", K::kRegex, S::kUnchanged, "",
         "every message must match (e.g. Conventional Commits)"},
        {"must_not_match", K::kRegex, S::kUnchanged, "",
         "no message may match (e.g. ^WIP)"},
        {"subject_max_length", K::kCount, S::kLower, "0",
         "longest allowed first line (0: no limit)"},
        kCheckMerges,
        {"check_reverts", K::kBool, S::kTrue, "false",
         "also check messages git revert wrote (Revert \"...\")"}},
       {"must_match", "must_not_match", "subject_max_length"}},
      {"signed_off_by",
       "a Signed-off-by trailer (DCO) on every commit",
       "commit",
       {{"match_author", K::kBool, S::kTrue, "true",
         "the trailer must name the author's e-mail"},
        kCheckMerges},
       {}},
      {"author_email",
       "author e-mail addresses must match a pattern",
       "commit",
       {{"allowed", K::kStringList, S::kFewerEntries, "",
         "globs of allowed addresses (*@example.com), case-insensitive"}},
       {"allowed"}},
      {"committer_email",
       "committer e-mail addresses must match a pattern",
       "commit",
       {{"allowed", K::kStringList, S::kFewerEntries, "",
         "globs of allowed addresses (*@example.com), case-insensitive"}},
       {"allowed"}},
      {"committer_is_pusher",
       "the committer of a new commit must be the user who pushes it",
       "commit",
       {{"emails", K::kStringList, S::kFewerEntries, "",
         "the pusher's addresses, {user} = the pusher's name "
         "({user}@example.com)"},
        {"use_server_email", K::kBool, S::kFalse, "true",
         "also accept the address the server reports (GITEA_PUSHER_EMAIL)"}},
       {}},
      {"no_merge_commits",
       "merge commits (keeps history linear)",
       "commit",
       {},
       {}},
      {"signatures",
       "commits (and tags) must be signed by an allowed key",
       "commit",
       {{"commits", K::kBool, S::kTrue, "true", "commits must be signed"},
        {"tags", K::kBool, S::kTrue, "false",
         "annotated tags must be signed; lightweight tags are refused"},
        {"openpgp_keyring", K::kPath, S::kUnchanged, "",
         "keyring of allowed OpenPGP keys (gpg --export > keyring.gpg)"},
        {"ssh_allowed_signers", K::kPath, S::kUnchanged, "",
         "allowed SSH keys, in ssh-keygen's allowed_signers format"}},
       {"openpgp_keyring", "ssh_allowed_signers"}},
      {"ref_names",
       "names of new branches and tags must match a pattern",
       "ref",
       {{"branch_regex", K::kRegex, S::kUnchanged, "",
         "new refs/heads/ names (without the prefix) must match"},
        {"tag_regex", K::kRegex, S::kUnchanged, "",
         "new refs/tags/ names (without the prefix) must match"}},
       {"branch_regex", "tag_regex"}},
      {"protected_refs",
       "refs (scope.refs) that may not be deleted, force-pushed or created",
       "ref",
       {{"forbid",
         K::kWordList,
         S::kMoreEntries,
         "delete,force_push",
         "what is refused: delete, force_push, create",
         {"delete", "force_push", "create"}}},
       {},
       /*requires_scope_refs=*/true},
      {"immutable_tags",
       "tags that may not be moved (or deleted)",
       "ref",
       {{"allow_delete", K::kBool, S::kFalse, "false",
         "a tag may be deleted (but still not moved)"}},
       {}},
  };
}

}  // namespace

const std::vector<PolicyType>& PolicyTypes() {
  static const std::vector<PolicyType> types = BuildTypes();
  return types;
}

const PolicyType* FindPolicyType(std::string_view name) {
  for (const PolicyType& t : PolicyTypes()) {
    if (name == t.name) return &t;
  }
  return nullptr;
}

const ParamSpec* FindParam(const PolicyType& type, std::string_view key) {
  for (const ParamSpec& p : type.params) {
    if (key == p.key) return &p;
  }
  return nullptr;
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

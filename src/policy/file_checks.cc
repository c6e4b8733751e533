#include "policy/file_checks.h"

#include <algorithm>

#include "base/strings.h"
#include "git/commit_info.h"
#include "policy/policy_checks.h"
#include "policy/policy_regex.h"

namespace pushguard::policy {
namespace {

namespace P = rules::params;

constexpr uint64_t kMaxLfsPointerSize = 1024;

bool AnyGlob(const std::vector<std::string>& globs, const std::string& path,
             std::string* which = nullptr) {
  for (const std::string& g : globs) {
    if (GlobMatch(g, path)) {
      if (which != nullptr) *which = g;
      return true;
    }
  }
  return false;
}

// "file is 5.2 MB, more than the 5 MB allowed", in the unit the policy
// wrote; the exact byte counts when rounding would make them look equal.
std::string TooBig(uint64_t size, uint64_t max, const std::string& unit) {
  std::string have = rules::FormatSize(size, unit);
  std::string limit = rules::FormatSize(max, unit);
  std::string whole = have;
  if (size_t dot = whole.find(".0 "); dot != std::string::npos) {
    whole.erase(dot, 2);
  }
  if (have == limit || whole == limit) {
    have = std::to_string(size) + " bytes";
    limit += " (" + std::to_string(max) + " bytes)";
  }
  return "file is " + have + ", more than the " + limit + " allowed";
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

const char kRemoveFix[] =
    "remove it from the commits you push (`git rm --cached` it, then `git "
    "commit --amend` or `git rebase -i`), and add it to .gitignore";

}  // namespace

bool IsLfsPointer(std::string_view content) {
  return content.size() < kMaxLfsPointerSize &&
         (StartsWith(content, "version https://git-lfs.github.com/spec/") ||
          StartsWith(content, "version https://hawser.github.com/spec/"));
}

bool SymlinkStaysInside(const std::string& path, std::string_view target) {
  if (StartsWith(target, "/")) return false;
  std::vector<std::string> parts = Split(path, '/');
  long depth = static_cast<long>(parts.size()) - 1;
  for (const std::string& part : Split(target, '/')) {
    if (part == "..") {
      if (--depth < 0) return false;
    } else if (!part.empty() && part != ".") {
      ++depth;
    }
  }
  return true;
}

std::vector<std::string> SubmoduleUrls(std::string_view gitmodules) {
  std::vector<std::string> urls;
  for (const std::string& raw : Split(gitmodules, '\n')) {
    std::string_view line = Trim(raw);
    if (!StartsWith(AsciiLower(line.substr(0, 3)), "url")) continue;
    std::string_view rest = Trim(line.substr(3));
    if (!StartsWith(rest, "=")) continue;
    std::string value(Trim(rest.substr(1)));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    urls.push_back(value);
  }
  return urls;
}

Result<std::string> FileChecks::Check(const CompiledPolicy& policy,
                                      const std::string& commit,
                                      const git::BlobChange& change) {
  FileCheck check = CheckOf(policy.spec->type).file;
  if (check == nullptr) return std::string();
  return (this->*check)(policy, commit, change);
}

Result<std::string> FileChecks::PathLength(const CompiledPolicy& policy,
                                           const std::string&,
                                           const git::BlobChange& change) {
  const rules::PushPolicy& p = *policy.spec;
  int64_t max = p.Get(P::kMaxLength);
  if (max > 0 && change.path.size() > static_cast<size_t>(max)) {
    return "path is " + std::to_string(change.path.size()) +
           " bytes long, more than " + std::to_string(max) +
           "; rename it (`git mv`) in the commits you push";
  }
  int64_t max_name = p.Get(P::kMaxComponentLength);
  for (const std::string& name : Split(change.path, '/')) {
    if (max_name > 0 && name.size() > static_cast<size_t>(max_name)) {
      return "name '" + EscapeForDisplay(name) + "' is " +
             std::to_string(name.size()) + " bytes long, more than " +
             std::to_string(max_name) + "; rename it (`git mv`)";
    }
  }
  return std::string();
}

Result<std::string> FileChecks::Size(const CompiledPolicy& policy,
                                     const std::string&,
                                     const git::BlobChange& change) {
  const rules::PushPolicy& p = *policy.spec;
  if (AnyGlob(p.Get(P::kExemptPaths), change.path)) return std::string();
  Result<uint64_t> size = git::ObjectSize(repo_, change.blob);
  if (!size.ok()) return size.status();
  std::string lfs_glob;
  bool lfs_required = AnyGlob(p.Get(P::kRequireLfs), change.path, &lfs_glob);
  uint64_t max = static_cast<uint64_t>(p.Get(P::kMaxSize));
  bool too_big = max > 0 && *size > max;
  if (!lfs_required && !too_big) return std::string();
  bool pointer = false;
  if (*size < kMaxLfsPointerSize) {
    Result<git::BlobContent> content = git::ReadBlob(repo_, change.blob);
    if (!content.ok()) return content.status();
    pointer = IsLfsPointer(content->data());
  }
  if (pointer) return std::string();
  if (lfs_required) {
    return "files matching '" + lfs_glob +
           "' must be stored with Git LFS; run `git lfs track '" + lfs_glob +
           "'` and `git lfs migrate import --include='" +
           EscapeForDisplay(change.path) + "'`, then push again";
  }
  return TooBig(*size, max, p.Unit(P::kMaxSize)) +
         "; store it with Git LFS (`git lfs migrate import "
         "--include='" +
         EscapeForDisplay(change.path) + "'`) or " + kRemoveFix;
}

Result<std::string> FileChecks::Forbidden(const CompiledPolicy& policy,
                                          const std::string&,
                                          const git::BlobChange& change) {
  const rules::PushPolicy& p = *policy.spec;
  const std::string& path = change.path;
  if (AnyGlob(p.Get(P::kAllow), path)) return std::string();
  std::string why;
  std::string glob;
  if (AnyGlob(p.Get(P::kPaths), path, &glob)) {
    why = "matches the forbidden pattern '" + glob + "'";
  }
  std::string lower_name = AsciiLower(path.substr(path.rfind('/') + 1));
  for (const std::string& ext : p.Get(P::kExtensions)) {
    std::string suffix = "." + AsciiLower(ext);
    if (why.empty() && lower_name.size() > suffix.size() &&
        lower_name.ends_with(suffix)) {
      why = "has the forbidden extension '" + suffix + "'";
    }
  }
  if (why.empty()) {
    if (const match::Regex* r = policy.regex(P::kRegex)) {
      Result<bool> found = RegexFinds(*r, path, "policy '" + p.id + "'");
      if (!found.ok()) return found.status();
      if (*found)
        why = "matches the forbidden regex '" + p.Get(P::kRegex) + "'";
    }
  }
  if (why.empty()) return std::string();
  return "this path " + why + "; " + kRemoveFix;
}

Result<std::string> FileChecks::CaseConflict(const CompiledPolicy&,
                                             const std::string& commit,
                                             const git::BlobChange& change) {
  bool new_path =
      std::all_of(change.parent_blobs.begin(), change.parent_blobs.end(),
                  [](const std::string& b) { return b.empty(); });
  if (!new_path) return std::string();
  std::vector<std::string> parts = Split(change.path, '/');
  std::string dir;
  for (const std::string& name : parts) {
    auto key = std::make_pair(commit, dir);
    auto it = names_.find(key);
    if (it == names_.end()) {
      Result<std::vector<std::string>> names =
          git::DirectoryNames(repo_, commit, dir);
      if (!names.ok()) return names.status();
      it = names_.emplace(key, std::move(*names)).first;
    }
    for (const std::string& other : it->second) {
      if (other != name && AsciiLower(other) == AsciiLower(name)) {
        std::string prefix = dir.empty() ? "" : dir + "/";
        return "'" + EscapeForDisplay(prefix + name) +
               "' differs only in letter case from '" +
               EscapeForDisplay(prefix + other) +
               "', and the two collide on macOS and Windows; rename one "
               "(`git mv`)";
      }
    }
    dir += (dir.empty() ? "" : "/") + name;
  }
  return std::string();
}

Result<std::string> FileChecks::Symlink(const CompiledPolicy& policy,
                                        const std::string&,
                                        const git::BlobChange& change) {
  if (!change.symlink) return std::string();
  if (policy.spec->Get(P::kForbidAll)) {
    return std::string(
        "symbolic links are not allowed; commit the file "
        "itself, or create the link at build time");
  }
  Result<git::BlobContent> target = git::ReadBlob(repo_, change.blob);
  if (!target.ok()) return target.status();
  if (SymlinkStaysInside(change.path, target->data())) return std::string();
  return "symbolic link points outside the repository (to '" +
         EscapeForDisplay(target->data()) +
         "'); point it inside the repository or remove it";
}

Result<std::string> FileChecks::Submodules(const CompiledPolicy& policy,
                                           const std::string&,
                                           const git::BlobChange& change) {
  const std::vector<std::string>& allowed = policy.spec->Get(P::kAllowedUrls);
  if (change.path != ".gitmodules") return std::string();
  Result<git::BlobContent> content = git::ReadBlob(repo_, change.blob);
  if (!content.ok()) return content.status();
  std::vector<std::string> refused;
  for (const std::string& url : SubmoduleUrls(content->data())) {
    if (!AnyGlob(allowed, url)) {
      refused.push_back("'" + EscapeForDisplay(url) + "'");
    }
  }
  if (refused.empty()) return std::string();
  return "submodule URL " + Join(refused) +
         " is not allowed (allowed: " + Join(allowed) +
         "); use a mirror on an allowed host";
}

}  // namespace pushguard::policy

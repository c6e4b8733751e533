#include "base/repository_name.h"

#include "base/strings.h"

namespace pushguard {
namespace {

std::string_view WithoutGit(std::string_view s) {
  if (s.size() > 4 && s.ends_with(".git")) s.remove_suffix(4);
  return s;
}

// GlobMatch anchored on the whole of `name` (a glob without '/' would
// otherwise match the last component only, which the caller does itself).
bool WholeMatch(std::string_view glob, std::string_view name) {
  return glob.find('/') == std::string_view::npos
             ? name.find('/') == std::string_view::npos && GlobMatch(glob, name)
             : GlobMatch(glob, name);
}

}  // namespace

bool RepositoryGlobMatch(std::string_view glob, std::string_view repository) {
  while (glob.starts_with('/')) glob.remove_prefix(1);
  while (repository.starts_with('/')) repository.remove_prefix(1);
  while (repository.size() > 1 && repository.ends_with('/')) {
    repository.remove_suffix(1);
  }
  if (glob.empty() || repository.empty()) return false;
  std::string_view bare = WithoutGit(repository);
  for (size_t start = 0; start != std::string_view::npos;) {
    for (std::string_view name :
         {repository.substr(start), bare.substr(start)}) {
      if (WholeMatch(glob, name) || WholeMatch(WithoutGit(glob), name)) {
        return true;
      }
    }
    size_t slash = bare.find('/', start);
    start = slash == std::string_view::npos ? slash : slash + 1;
  }
  return false;
}

}  // namespace pushguard

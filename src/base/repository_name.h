// The one rule that names a repository, shared by policy scopes (`repos:`),
// audit records and `pushguard log --repo`.
//
// A repository is recorded under the name the server gives the hook
// (GL_PROJECT_PATH "group/app", GITEA "owner/repo", Gitolite "app", ...),
// or, on a plain Git server, the repository directory's absolute path
// ("/srv/git/group/app.git"). A glob names it when it matches
//   - the whole name, without leading '/' (an absolute glob works too), or
//   - any trailing run of whole path components ("app", "group/app" and
//     "group/*" all name "/srv/git/group/app.git"),
// with the ".git" suffix optional on either side. Globs are base/strings.h
// GlobMatch globs: '*' stays within a component, '**' crosses them.
#pragma once

#include <string_view>

namespace pushguard {

// Whether `glob` names `repository` by the rule above.
bool RepositoryGlobMatch(std::string_view glob, std::string_view repository);

}  // namespace pushguard

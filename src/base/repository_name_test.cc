#include "base/repository_name.h"

#include <doctest/doctest.h>

#include <string>

namespace pushguard {

TEST_CASE("a repository glob names the whole name or its trailing components") {
  struct Case {
    const char* glob;
    const char* repository;
    bool match;
  };
  const Case cases[] = {
      {"group/app", "group/app", true},
      {"app", "group/app", true},
      {"group/*", "group/app", true},
      {"group/app", "/srv/git/group/app.git", true},
      {"app", "/srv/git/group/app.git", true},
      {"app.git", "/srv/git/group/app.git", true},
      {"group/app.git", "/srv/git/group/app", true},
      {"/srv/git/group/app.git", "/srv/git/group/app.git", true},
      {"srv/git/group/app", "/srv/git/group/app.git", true},
      {"srv/**", "/srv/git/group/app.git", true},
      {"group/*", "/srv/git/group/app.git", true},
      {"*", "/srv/git/group/app.git", true},
      {"**", "/srv/git/group/app.git", true},
      {"roup/app", "/srv/git/group/app.git", false},
      {"pp", "/srv/git/group/app.git", false},
      {"other/app", "/srv/git/group/app.git", false},
      {"group", "/srv/git/group/app.git", false},
      {"app", "/srv/git/group/application.git", false},
      {"app/*", "/srv/git/group/app.git", false},
      {"", "group/app", false},
      {"group/app", "", false},
  };
  for (const Case& c : cases) {
    std::string what = std::string(c.glob) + " " + c.repository;
    INFO(what);
    CHECK(RepositoryGlobMatch(c.glob, c.repository) == c.match);
  }
}

}  // namespace pushguard

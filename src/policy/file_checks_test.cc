#include "policy/file_checks.h"

#include <doctest/doctest.h>

namespace pushguard::policy {

TEST_CASE("an LFS pointer is small and starts with the spec line") {
  CHECK(
      IsLfsPointer("version https://git-lfs.github.com/spec/v1\n"
                   "oid sha256:4d7a\nsize 12345\n"));
  CHECK_FALSE(IsLfsPointer("version 1.0\n"));
  CHECK_FALSE(IsLfsPointer("version https://git-lfs.github.com/spec/v1\n" +
                           std::string(2000, 'x')));
}

TEST_CASE("a symlink target that climbs above the repository root is outside") {
  struct Case {
    const char* path;
    const char* target;
    bool inside;
  };
  const Case cases[] = {
      {"link", "README.md", true},
      {"docs/link", "../README.md", true},
      {"docs/link", "../../etc/passwd", false},
      {"link", "/etc/passwd", false},
      {"a/b/link", "./../c/../../x", true},
      {"a/b/link", "../../../x", false},
      {"link", "", true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.path);
    CAPTURE(c.target);
    CHECK(SymlinkStaysInside(c.path, c.target) == c.inside);
  }
}

TEST_CASE("submodule URLs are read from .gitmodules, quoted or not") {
  CHECK(SubmoduleUrls("[submodule \"lib\"]\n\tpath = lib\n"
                      "\turl = https://git.example.com/lib.git\n"
                      "[submodule \"x\"]\n  url=\"git@evil.example:x.git\"\n"
                      "  urlx = nope\n") ==
        std::vector<std::string>{"https://git.example.com/lib.git",
                                 "git@evil.example:x.git"});
}

}  // namespace pushguard::policy

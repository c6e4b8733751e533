#include "git/raw_trees.h"

#include <doctest/doctest.h>

namespace pushguard::git {
namespace {

const std::string kOid(20, '\x22');

RawTreeEntry E(std::string_view mode, std::string_view name) {
  return MakeEntry(mode, name, kOid);
}

}  // namespace

TEST_CASE("modes read as libgit2 reads them") {
  CHECK(NormalizedMode(E("100644", "a")) == GIT_FILEMODE_BLOB);
  CHECK(NormalizedMode(E("100664", "a")) == GIT_FILEMODE_BLOB);
  CHECK(NormalizedMode(E("0100644", "a")) == GIT_FILEMODE_BLOB);
  CHECK(NormalizedMode(E("100755", "a")) == GIT_FILEMODE_BLOB_EXECUTABLE);
  CHECK(NormalizedMode(E("100744", "a")) == GIT_FILEMODE_BLOB_EXECUTABLE);
  CHECK(NormalizedMode(E("120000", "a")) == GIT_FILEMODE_LINK);
  CHECK(NormalizedMode(E("160000", "a")) == GIT_FILEMODE_COMMIT);
  CHECK(NormalizedMode(E("40000", "a")) == GIT_FILEMODE_TREE);
  CHECK(NormalizedMode(E("040000", "a")) == GIT_FILEMODE_TREE);
  CHECK(IsDir(E("040000", "a")));
  CHECK_FALSE(IsDir(E("160000", "a")));
  CHECK(IsBlobMode(GIT_FILEMODE_LINK));
  CHECK_FALSE(IsBlobMode(GIT_FILEMODE_COMMIT));
}

TEST_CASE("git's order puts a directory where its name and a slash sort") {
  CHECK(GitOrder("a.txt", false, "a", true) < 0);  // '.' < '/'
  CHECK(GitOrder("a", true, "a0", false) < 0);     // '/' < '0'
  CHECK(GitOrder("a", false, "a", true) < 0);      // a file and a dir
  CHECK(GitOrder("b", false, "b", false) == 0);
}

TEST_CASE("an entry is found by name and kind, in order or not") {
  RawTree tree;
  tree.entries = {E("100644", "a-b"), E("100644", "a.c"), E("40000", "a"),
                  E("100644", "a0"), E("160000", "z")};
  tree.in_git_order = true;
  for (bool ordered : {true, false}) {
    tree.in_git_order = ordered;
    INFO(ordered);
    REQUIRE(tree.Find("a", true) != nullptr);
    CHECK(tree.Find("a", true) == &tree.entries[2]);
    CHECK(tree.Find("a", false) == nullptr);
    CHECK(tree.Find("a0", false) == &tree.entries[3]);
    CHECK(tree.Find("z", false) == &tree.entries[4]);
    CHECK(tree.Find("a-b", true) == nullptr);
    CHECK(tree.Find("b", false) == nullptr);
  }
}

}  // namespace pushguard::git

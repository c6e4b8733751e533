#include "rules/path_regex_glob.h"

#include <doctest/doctest.h>

#include "base/strings.h"

namespace pushguard::rules {
namespace {

using Globs = std::vector<std::string>;

TEST_CASE("simple path regexes become globs that match the same paths") {
  struct Case {
    const char* regex;
    Globs globs;
  } cases[] = {
      {"(^|/)vendor/", {"**/vendor/**"}},
      {"(?:^|/)node_modules/", {"**/node_modules/**"}},
      {"^docs/", {"/docs/**"}},
      {"\\.lock$", {"/**.lock"}},
      {"gitleaks\\.toml", {"/**gitleaks.toml**"}},
      {"\\.(jpg|png)$", {"/**.jpg", "/**.png"}},
      {"^test/.*_test\\.go$", {"/test/**_test.go"}},
      {"^a/[^/]+/b$", {"/a/?*/b"}},
      {"package-lock.json$", {"/**package-lock?json"}},
      {"(.*?)(jpg|gif|.dll)$", {"/**jpg", "/**gif", "/**?dll"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.regex);
    std::optional<Globs> globs = PathRegexToGlobs(c.regex);
    REQUIRE(globs);
    CHECK(*globs == c.globs);
  }
}

TEST_CASE("the globs agree with the regex on sample paths") {
  auto any = [](const Globs& globs, const char* path) {
    for (const std::string& g : globs) {
      if (GlobMatch(g, path)) return true;
    }
    return false;
  };
  Globs vendor = *PathRegexToGlobs("(^|/)vendor/");
  CHECK(any(vendor, "vendor/a.go"));
  CHECK(any(vendor, "x/vendor/a/b.go"));
  CHECK_FALSE(any(vendor, "myvendor/a.go"));
  CHECK_FALSE(any(vendor, "vendor.go"));
  Globs anywhere = *PathRegexToGlobs("vendor/");
  CHECK(any(anywhere, "myvendor/a.go"));
  Globs lock = *PathRegexToGlobs("\\.lock$");
  CHECK(any(lock, "a/b/Cargo.lock"));
  CHECK_FALSE(any(lock, "a.lock/x"));
  Globs root = *PathRegexToGlobs("^docs/");
  CHECK(any(root, "docs/x/y.md"));
  CHECK_FALSE(any(root, "a/docs/x.md"));
  Globs toml = *PathRegexToGlobs("gitleaks\\.toml");
  CHECK(any(toml, "conf/gitleaks.toml.d/x"));
}

TEST_CASE("path regexes without a glob form are not converted") {
  for (const char* regex :
       {"(?i)\\.pem$", "((a|b))", "(a)+", "\\.jpe?g$", "/test/", ".*/test",
        "a\\*b", "[a-z]+\\.txt", "\\d+\\.log", "a|b", "x{2}"}) {
    CAPTURE(regex);
    CHECK_FALSE(PathRegexToGlobs(regex));
  }
}

}  // namespace
}  // namespace pushguard::rules

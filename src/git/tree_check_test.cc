#include "git/tree_check.h"

#include <doctest/doctest.h>

#include <deque>

namespace pushguard::git {
namespace {

const std::string kOid(20, '\x11');

std::string Entry(const std::string& mode, const std::string& name) {
  return mode + " " + name + std::string(1, '\0') + kOid;
}

std::vector<std::string> Problems(const std::vector<RawTreeEntry>& entries) {
  std::vector<std::string> out;
  for (const TreeProblem& p : CheckTreeEntries(entries)) {
    out.push_back(p.problem);
  }
  return out;
}

// Entries hold views: their bytes live here for the whole test run.
RawTreeEntry E(const std::string& mode, const std::string& name) {
  static std::deque<std::string> bytes;
  bytes.push_back(mode);
  std::string_view m = bytes.back();
  bytes.push_back(name);
  return MakeEntry(m, bytes.back(), kOid);
}

}  // namespace

TEST_CASE("a raw tree parses into its entries, in stored order") {
  const std::string data =
      Entry("100644", "b") + Entry("40000", "a") + Entry("0100644", "b");
  Result<std::vector<RawTreeEntry>> entries = ParseTree(data);
  REQUIRE(entries.ok());
  REQUIRE(entries->size() == 3);
  CHECK((*entries)[0].mode == "100644");
  CHECK((*entries)[0].name == "b");
  CHECK((*entries)[0].oid == kOid);
  CHECK((*entries)[1].mode == "40000");
  CHECK((*entries)[2].mode == "0100644");  // kept as written
  CHECK(ParseTree("")->empty());
}

TEST_CASE("bytes that are not a tree are refused with their offset") {
  struct Case {
    std::string data;
    std::string error;
  };
  const Case cases[] = {
      {"100644 a", "byte 0: name without a NUL"},
      {"100644", "byte 0: entry without a mode"},
      {"10x644 a" + std::string(1, '\0') + kOid,
       "byte 0: mode is not octal digits"},
      {Entry("100644", "a") + "100644 b" + std::string(1, '\0') + "short",
       "byte 29: truncated object id"},
      {"10000000 a" + std::string(1, '\0') + kOid, "byte 0: mode too long"},
  };
  for (const Case& c : cases) {
    Result<std::vector<RawTreeEntry>> r = ParseTree(c.data);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() == c.error);
  }
}

TEST_CASE("a well-formed tree has no problem") {
  CHECK(Problems({E("100644", "a"), E("40000", "a-b"), E("100755", "a.c"),
                  E("40000", "a0"), E("120000", "link"), E("160000", "sub"),
                  E("100664", "old")})
            .size() == 1);  // "old" after "sub": out of order
  CHECK(Problems({E("100644", "a.txt"), E("40000", "a"), E("100644", "b")})
            .empty());  // "a/" sorts after "a.txt"
  CHECK(Problems({E("100644", ".gitignore"), E("100644", ".gitmodules"),
                  E("40000", "src")})
            .empty());
}

TEST_CASE("each problem git fsck refuses is named, with its fsck id") {
  struct Case {
    std::vector<RawTreeEntry> entries;
    std::string problem;
  };
  const Case cases[] = {
      {{E("100644", "config.env"), E("100644", "config.env")},
       "duplicate entry 'config.env' (git fsck: duplicateEntries)"},
      {{E("100644", "a"), E("40000", "a")},
       "duplicate entry 'a' (git fsck: duplicateEntries)"},
      {{E("100644", "b"), E("100644", "a")},
       "entries not sorted: 'b' before 'a' (git fsck: treeNotSorted)"},
      {{E("100644", "")}, "empty entry name (git fsck: emptyName)"},
      {{E("100644", std::string(4097, 'n'))},
       "entry name of 4097 bytes (over 4096) (git fsck: largePathname)"},
      {{E("100644", "a/b")},
       "entry name 'a/b' contains '/' (git fsck: fullPathname)"},
      {{E("40000", ".")}, "entry named '.' (git fsck: hasDot)"},
      {{E("40000", "..")}, "entry named '..' (git fsck: hasDotdot)"},
      {{E("40000", ".GiT")},
       "entry '.GiT' is git's own directory .git on some file systems (git "
       "fsck: hasDotgit)"},
      {{E("0100644", "a")},
       "zero-padded file mode 0100644 of 'a' (git fsck: zeroPaddedFilemode)"},
      {{E("100600", "a")},
       "bad file mode '100600' of 'a' (git fsck: badFilemode)"},
      {{E("120000", ".gitmodules")},
       "'.gitmodules' is .gitmodules and a symbolic link (git fsck: "
       "gitmodulesSymlink)"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> problems = Problems(c.entries);
    INFO(c.problem);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0] == c.problem);
  }
}

TEST_CASE("each kind of problem is reported once per tree") {
  std::vector<RawTreeEntry> entries;
  for (int i = 0; i < 1000; ++i) entries.push_back(E("100644", "x"));
  CHECK(Problems(entries).size() == 1);
}

TEST_CASE(".git in the spellings HFS+ and NTFS take for it") {
  for (const char* name :
       {".git", ".GIT", ".Git", "git~1", "GIT~1", ".git ", ".git.", ".git. .",
        ".git::$INDEX_ALLOCATION", ".g\u200cit", "\u200e.git", ".git\ufeff",
        ".gi\u206at", "a\\.git", "x\\git~1\\y"}) {
    INFO(name);
    CHECK(IsDotGitName(name));
  }
  for (const char* name : {"git", ".gitx", ".git~1", "git~2", ".gi", "a.git",
                           ".git\u00a0", ".gitignore", ".g\xe2\x80it"}) {
    INFO(name);
    CHECK_FALSE(IsDotGitName(name));
  }
}

TEST_CASE(".gitmodules in the spellings HFS+ and NTFS take for it") {
  for (const char* name : {".gitmodules", ".GITMODULES", ".gitmodules ",
                           ".gitmodules.", "gitmod~1", "GITMOD~4", "gi7eba~1",
                           "gi7eba~9", ".git\u200dmodules", "a\\.gitmodules"}) {
    INFO(name);
    CHECK(IsDotGitmodulesName(name));
  }
  for (const char* name :
       {".gitmodule", "gitmod~5", "gitmodules", ".gitmodulesx", "gi7eba~a"}) {
    INFO(name);
    CHECK_FALSE(IsDotGitmodulesName(name));
  }
}

}  // namespace pushguard::git

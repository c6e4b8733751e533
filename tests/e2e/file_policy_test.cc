// End-to-end: file policies (max_blob_size, forbidden_paths,
// max_path_length, case_conflicts, symlinks, submodules) with real pushes.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "policy_checks.h"

namespace pushguard::e2e {
namespace {

const char kLfsPointer[] =
    "version https://git-lfs.github.com/spec/v1\n"
    "oid "
    "sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
    "size 12345678\n";

TEST_CASE("max_blob_size: a large file is rejected, an LFS pointer passes") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "policies:\n"
      "  - id: small-files\n    type: max_blob_size\n    max_size: 1KiB\n"
      "    require_lfs: ['*.psd']\n    remediation: Use Git LFS.\n");
  std::string before = git.BareRefs();
  std::string big = git.CommitFile("data/dump.bin", std::string(3000, 'x'));
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "small-files", big,
                       "file is 2.9 KiB, more than the 1 KiB allowed");
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);

  std::string psd = git.CommitFile("art/logo.psd", "not a pointer\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckPolicyRejection(git, push, before, "small-files", psd,
                       "git lfs track '*.psd'");
  CHECK(Contains(push.err, "Use Git LFS."));
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);

  git.Write("art/logo.psd", kLfsPointer);
  std::string ok = git.CommitFile("small.txt", "fine\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == ok);
}

TEST_CASE("max_blob_size speaks the unit the policy wrote: 2KB is SI") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "policies:\n"
      "  - id: small-files\n    type: max_blob_size\n    max_size: 2KB\n");
  std::string before = git.BareRefs();
  // 2,040 bytes: under 2 KiB, over 2 KB (2,000 bytes).
  std::string big = git.CommitFile("data/dump.bin", std::string(2040, 'x'));
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "small-files", big,
                       "file is 2040 bytes, more than the 2 KB (2000 bytes) "
                       "allowed");
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
  big = git.CommitFile("data/dump.bin", std::string(2500, 'x'));
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "small-files", big,
                       "file is 2.5 KB, more than the 2 KB allowed");
}

TEST_CASE(
    "forbidden_paths: the default deny list rejects key files, allows "
    "examples") {
  GitFixture git;
  PushCleanMain(git);
  std::string before = git.BareRefs();
  std::string bad = git.CommitFile("deploy/id_rsa", "not really a key\n");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "forbidden-credential-files", bad, "deploy/id_rsa");
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
  for (const char* path :
       {".env", "config/.env.production", "infra/prod.tfstate",
        "home/.aws/credentials", "certs/server.pem"}) {
    CAPTURE(path);
    std::string c = git.CommitFile(path, "x=1\n");
    CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                         "forbidden-credential-files", c, "forbidden pattern");
    REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
  }
  std::string ok = git.CommitFile(".env.example", "API_URL=\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == ok);
}

TEST_CASE(
    "forbidden_paths: extensions and a regex; renaming into a forbidden path "
    "counts") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "policies:\n  - id: no-binaries\n    type: forbidden_paths\n"
      "    extensions: [exe, dll]\n    regex: '^build/'\n");
  std::string before = git.BareRefs();
  std::string exe = git.CommitFile("tools/setup.EXE", "MZ\n");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "no-binaries", exe, "forbidden extension '.exe'");
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
  REQUIRE(git.Git({"mv", "README.md", "build/README.md"}).exit_code != 0);
  std::filesystem::create_directories(git.work() / "build");
  REQUIRE(git.Git({"mv", "README.md", "build/README.md"}).exit_code == 0);
  std::string moved = git.Commit("move");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "no-binaries", moved, "forbidden regex '^build/'");
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  git.CommitFile("src/main.c", "int main(void) { return 0; }\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
}

TEST_CASE("max_path_length and case_conflicts") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "policies:\n  - id: short-paths\n    type: max_path_length\n"
      "    max_length: 30\n    max_component_length: 20\n"
      "  - id: one-case\n    type: case_conflicts\n");
  std::string before = git.BareRefs();
  std::string longer =
      git.CommitFile("a/very/deep/directory/structure/file.txt", "x\n");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "short-paths", longer, "bytes long, more than 30");
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
  std::string twin = git.CommitFile("readme.md", "lower\n");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "one-case", twin,
                       "'readme.md' differs only in letter case from "
                       "'README.md'");
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
  git.CommitFile("docs/guide.md", "guide\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
}

TEST_CASE("symlinks out of the repository and foreign submodule URLs") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy(
      "policies:\n  - id: links\n    type: symlinks\n"
      "  - id: mirrors\n    type: submodules\n"
      "    allowed_urls: ['https://git.example.com/**']\n");
  std::string before = git.BareRefs();
  std::filesystem::create_symlink("../../etc/passwd",
                                  git.work() / "passwd-link");
  std::string link = git.Commit("link out");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before, "links",
                       link, "points outside the repository");
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
  std::string sub = git.CommitFile(".gitmodules",
                                   "[submodule \"lib\"]\n\tpath = lib\n\turl = "
                                   "https://evil.example/lib.git\n");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "mirrors", sub,
                       "submodule URL 'https://evil.example/lib.git' is not "
                       "allowed");
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
  std::filesystem::create_symlink("README.md", git.work() / "readme-link");
  git.CommitFile(".gitmodules",
                 "[submodule \"lib\"]\n\tpath = lib\n"
                 "\turl = https://git.example.com/team/lib.git\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
}

}  // namespace
}  // namespace pushguard::e2e

// Noise on real content: binary files (images, fonts, random data) do not
// block on the generic rules' chance matches, while a key in them, as bytes
// or as UTF-16, is refused like anywhere else.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "git_fixture.h"
#include "push_checks.h"

namespace pushguard::e2e {
namespace {

using namespace std::string_literals;

std::string RandomBytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(rng() & 0xFF);
  return out;
}

// What random bytes hold by chance: a secret-like name, `=` and a run of
// binary bytes without white space (the generic assignment rule matched
// this, and blocked, before binary content was told from text).
const std::string kChanceAssignment =
    "\x13token=\x9C\x8FQz\xE1\x07kP\xA0\x11\xFE\x81Gm\xD3\x02\xB7r\xC4"
    "\x16\xEEt\x94\x05\n"s;

std::string Png() {
  return "\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s + RandomBytes(3000, 1) +
         kChanceAssignment + RandomBytes(3000, 2);
}

std::string Woff2() {
  return "wOF2\0\x01\0\0"s + RandomBytes(5000, 3) + kChanceAssignment +
         RandomBytes(2000, 4);
}

std::string Utf16Le(const std::string& text) {
  std::string out;
  for (char c : text) out += std::string{c, '\0'};
  return out;
}

}  // namespace

TEST_CASE("noise: a PNG, a web font and a random 6 MiB file do not block") {
  GitFixture git;
  PushCleanMain(git);
  git.Write("assets/logo.png", Png());
  git.Write("assets/fonts/inter.woff2", Woff2());
  git.Write("data/blob.bin", RandomBytes(3 << 20, 5) + kChanceAssignment +
                                 RandomBytes(3 << 20, 6));
  git.Commit("assets");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(push);
  CHECK_FALSE(Contains(push.Output(), "generic-secret-assignment"));
}

TEST_CASE("noise: a key inside a binary file is still refused") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  git.Write("assets/logo.png",
            "\x89PNG\r\n\x1A\n\0\0\0\rtEXtComment\0AWS_ID="s + key +
                "\x01\x02"s + RandomBytes(4000, 7));
  git.Commit("logo");
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.Output(), "assets/logo.png"));
  CheckRedactedAwsFinding(push.Output(), key);
}

TEST_CASE("noise: a key in a binary's UTF-16 strings, at an odd offset") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  git.Write("bin/tool.exe", "MZ\x90\0\x03\0\0\0"s + RandomBytes(2001, 8) +
                                Utf16Le("AWS_ID=" + key) + "\x01\x02"s +
                                RandomBytes(2000, 9));
  git.Commit("tool");
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.Output(), "bin/tool.exe"));
  CheckRedactedAwsFinding(push.Output(), key);
}

TEST_CASE("noise: a NUL byte does not hide a password on a clean line") {
  GitFixture git;
  PushCleanMain(git);
  // Built at run time: the value must look random to the generic rule.
  std::string value =
      "Qm7"
      "xZ2"
      "pL9"
      "vR4"
      "kT8"
      "wN";
  git.Write("config/app.conf",
            "\0\x01\x02header\n"s + "db_password = \"" + value + "\"\n");
  git.Commit("config");
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.Output(), "config/app.conf:2"));
  CHECK_FALSE(Contains(push.Output(), value));
}

}  // namespace pushguard::e2e

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

// Built at run time: looks random to the generic rules.
std::string RandomLooking() {
  return "Qm7"
         "xZ2"
         "pL9"
         "vR4"
         "kT8"
         "wN";
}

TEST_CASE("noise: vendored code, identifiers, RFC examples and hashes pass") {
  GitFixture git;
  PushCleanMain(git);
  git.Write("vendor/gopkg.in/yaml.v3/scannerc.go",
            "package yaml\n\nfunc scan() {\n\ttoken := yaml_token_t{\n"
            "\t\ttyp: yaml_STREAM_START_TOKEN,\n\t}\n"
            "\ttestPassword := \"" +
                RandomLooking() + "\"\n}\n");
  git.Write("docs/auth.md",
            "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\n");
  git.Write("config/users.yaml", "root_password: $6$rounds=5000$saltsalt$" +
                                     RandomLooking() + RandomLooking() + "\n");
  git.Commit("vendored yaml, docs, users");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckAccepted(push);
  // The vendored password and the hash are warnings, named as such.
  CHECK(Contains(push.Output(), "vendor/gopkg.in/yaml.v3/scannerc.go:7"));
  CHECK(Contains(push.Output(), "config/users.yaml:1"));
  CHECK_FALSE(Contains(push.Output(), "scannerc.go:4"));
  CHECK_FALSE(Contains(push.Output(), "docs/auth.md"));
}

TEST_CASE("noise: a provider key in a vendored tree still blocks") {
  GitFixture git;
  PushCleanMain(git);
  std::string key = FakeAwsKey();
  git.CommitFile("node_modules/aws-sdk/test/config.js",
                 "module.exports = { id: '" + key + "' };\n", "vendored");
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CheckRedactedAwsFinding(push.Output(), key);
}

TEST_CASE("noise: settings.vendored_paths [] makes vendored findings block") {
  GitFixture git;
  PushCleanMain(git);
  git.SetPolicy("version: 1\nsettings:\n  vendored_paths: []\n");
  git.CommitFile(
      "vendor/acme/db/config.go",
      "package db\n\nconst dbPassword = \"" + RandomLooking() + "\"\n",
      "vendored");
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.Output(), "vendor/acme/db/config.go:3"));
}

TEST_CASE("noise: passwords in a Go MySQL DSN and on a mysql command line") {
  GitFixture git;
  PushCleanMain(git);
  std::string dsn_password = RandomLooking() + "a1";
  std::string cli_password = RandomLooking() + "b2";
  git.Write("cmd/app/db.go", "package main\n\nvar dsn = \"app:" + dsn_password +
                                 "@tcp(db.internal:3306)/orders\"\n");
  git.Write("scripts/seed.sh",
            "#!/bin/sh\nmysql -u root -p'" + cli_password + "' orders\n");
  git.Commit("db");
  std::string before = git.BareRefs();
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  CheckRejected(git, push, before);
  CHECK(Contains(push.Output(), "go-mysql-dsn-password"));
  CHECK(Contains(push.Output(), "cmd/app/db.go:3"));
  CHECK(Contains(push.Output(), "mysql-cli-password"));
  CHECK(Contains(push.Output(), "scripts/seed.sh:2"));
  CHECK_FALSE(Contains(push.Output(), dsn_password));
  CHECK_FALSE(Contains(push.Output(), cli_password));
}

}  // namespace pushguard::e2e

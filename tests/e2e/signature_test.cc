// End-to-end: the `signatures` policy with real keys made by the test:
// OpenPGP (gpg, verified by gpgv against an exported keyring) and SSH
// (ssh-keygen, verified against an allowed_signers file).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "policy_checks.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

CommandResult Tool(const GitFixture& git, const std::vector<std::string>& argv,
                   const std::map<std::string, std::string>& extra = {}) {
  std::map<std::string, std::string> env = git.Env();
  for (const auto& [k, v] : extra) env[k] = v;
  CommandResult r = Run({argv, git.root(), "", env});
  INFO(r.Output());
  REQUIRE(r.exit_code == 0);
  return r;
}

// A GnuPG home with one signing key; the agent it starts is stopped at the
// end of the test.
class GpgKey {
 public:
  GpgKey(const GitFixture& git, const std::string& name) : git_(git) {
    home_ = git.root() / ("gnupg-" + name);
    fs::create_directories(home_);
    fs::permissions(home_, fs::perms::owner_all);
    Tool(git,
         {"gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
          "--quick-gen-key", name + " <pat@example.com>", "ed25519", "sign",
          "never"},
         Env());
    std::string colons =
        Tool(git, {"gpg", "--list-keys", "--with-colons"}, Env()).out;
    size_t fpr = colons.find("\nfpr:");
    REQUIRE(fpr != std::string::npos);
    fingerprint_ = colons.substr(fpr + 13, 40);
  }
  ~GpgKey() {
    Run({{"gpgconf", "--kill", "gpg-agent"}, git_.root(), "", [&] {
           auto env = git_.Env();
           env["GNUPGHOME"] = home_.string();
           return env;
         }()});
  }
  std::map<std::string, std::string> Env() const {
    return {{"GNUPGHOME", home_.string()}};
  }
  // Exports the public key to `file` (a keyring gpgv reads).
  void Export(const fs::path& file) const {
    Tool(git_, {"gpg", "--output", file.string(), "--export", fingerprint_},
         Env());
  }
  // Makes the working clone sign with this key.
  void Use(GitFixture& git) const {
    git.SetEnv("GNUPGHOME", home_.string());
    REQUIRE(git.Git({"config", "gpg.format", "openpgp"}).exit_code == 0);
    REQUIRE(git.Git({"config", "user.signingkey", fingerprint_}).exit_code ==
            0);
  }

 private:
  const GitFixture& git_;
  fs::path home_;
  std::string fingerprint_;
};

std::string SignedCommit(GitFixture& git, const std::string& file,
                         const std::string& message) {
  git.Write(file, message + "\n");
  REQUIRE(git.Git({"add", "-A"}).exit_code == 0);
  CommandResult c = git.Git({"commit", "-q", "-S", "-m", message});
  INFO(c.Output());
  REQUIRE(c.exit_code == 0);
  return git.Git({"rev-parse", "HEAD"}).out.substr(0, 40);
}

void Undo(const GitFixture& git) {
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
}

TEST_CASE(
    "OpenPGP: a trusted key passes; an unknown key and no signature are "
    "refused") {
  GitFixture git;
  PushCleanMain(git);
  GpgKey trusted(git, "Trusted"), stranger(git, "Stranger");
  fs::path keyring = git.root() / "allowed.gpg";
  trusted.Export(keyring);
  git.SetPolicy(
      "policies:\n  - id: signed\n    type: signatures\n"
      "    openpgp_keyring: " +
      keyring.string() +
      "\n"
      "    scope: {refs: [refs/heads/main]}\n");
  std::string before = git.BareRefs();
  std::string plain = git.CommitFile("a.txt", "a\n", "unsigned");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "signed", plain,
                       "commit is not signed; sign it with `git commit "
                       "--amend --no-edit -S`");
  Undo(git);
  stranger.Use(git);
  std::string unknown = SignedCommit(git, "a.txt", "signed by a stranger");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "signed", unknown,
                       "commit is signed by a key that is not allowed: signed "
                       "with OpenPGP key");
  Undo(git);
  trusted.Use(git);
  std::string good = SignedCommit(git, "a.txt", "signed by a trusted key");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == good);
}

TEST_CASE(
    "OpenPGP tags: signed annotated tags pass; lightweight and unsigned ones "
    "do not") {
  GitFixture git;
  PushCleanMain(git);
  GpgKey trusted(git, "Trusted");
  fs::path keyring = git.root() / "allowed.gpg";
  trusted.Export(keyring);
  trusted.Use(git);
  git.SetPolicy(
      "policies:\n  - id: signed-tags\n    type: signatures\n"
      "    commits: false\n    tags: true\n"
      "    openpgp_keyring: " +
      keyring.string() + "\n");
  std::string before = git.BareRefs();
  REQUIRE(git.Git({"tag", "light"}).exit_code == 0);
  CheckPolicyRejection(git, git.Push({"refs/tags/light"}), before,
                       "signed-tags", "", "lightweight tag");
  REQUIRE(git.Git({"tag", "-a", "-m", "plain", "plain"}).exit_code == 0);
  CheckPolicyRejection(git, git.Push({"refs/tags/plain"}), before,
                       "signed-tags", "", "tag is not signed");
  REQUIRE(git.Git({"tag", "-s", "-m", "release 1", "v1"}).exit_code == 0);
  CheckAccepted(git.Push({"refs/tags/v1"}));
}

// An SSH key pair in the fixture; its line for an allowed_signers file.
std::string SshKey(const GitFixture& git, const std::string& name) {
  fs::path key = git.root() / ("ssh-" + name);
  Tool(git, {"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f",
             key.string()});
  std::ifstream pub(key.string() + ".pub");
  std::string line;
  std::getline(pub, line);
  return "pat@example.com " + line + "\n";
}

TEST_CASE(
    "SSH: a listed key passes; an unlisted key and no signature are refused") {
  GitFixture git;
  PushCleanMain(git);
  std::string trusted = SshKey(git, "trusted");
  SshKey(git, "stranger");
  fs::path signers = git.root() / "allowed_signers";
  std::ofstream(signers) << trusted;
  git.SetPolicy(
      "policies:\n  - id: signed\n    type: signatures\n"
      "    ssh_allowed_signers: " +
      signers.string() + "\n");
  REQUIRE(git.Git({"config", "gpg.format", "ssh"}).exit_code == 0);
  std::string before = git.BareRefs();
  std::string plain = git.CommitFile("a.txt", "a\n", "unsigned");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "signed", plain, "commit is not signed");
  Undo(git);
  REQUIRE(git.Git({"config", "user.signingkey",
                   (git.root() / "ssh-stranger").string()})
              .exit_code == 0);
  std::string unknown = SignedCommit(git, "a.txt", "signed by a stranger");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "signed", unknown,
                       "signed with an SSH key that is not in the allowed "
                       "signers");
  Undo(git);
  REQUIRE(git.Git({"config", "user.signingkey",
                   (git.root() / "ssh-trusted").string()})
              .exit_code == 0);
  std::string good = SignedCommit(git, "a.txt", "signed by a listed key");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  CHECK(git.BareRef("refs/heads/main") == good);
}

TEST_CASE("a signature of a kind the policy has no keys for is unverifiable") {
  GitFixture git;
  PushCleanMain(git);
  std::string trusted = SshKey(git, "trusted");
  fs::path signers = git.root() / "allowed_signers";
  std::ofstream(signers) << trusted;
  GpgKey gpg(git, "Pgp");
  gpg.Use(git);
  git.SetPolicy(
      "policies:\n  - id: signed\n    type: signatures\n"
      "    ssh_allowed_signers: " +
      signers.string() + "\n");
  std::string before = git.BareRefs();
  std::string c = SignedCommit(git, "a.txt", "OpenPGP-signed");
  CheckPolicyRejection(git, git.Push({"HEAD:refs/heads/main"}), before,
                       "signed", c,
                       "has a signature pushguard cannot verify: OpenPGP "
                       "signatures cannot be verified here");
}

}  // namespace
}  // namespace pushguard::e2e

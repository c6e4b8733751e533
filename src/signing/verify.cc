#include "signing/verify.h"

#include <unistd.h>

#include "base/strings.h"
#include "signing/tool.h"

namespace pushguard::signing {
namespace {

const std::vector<std::string> kBaseEnv = {"PATH=/usr/bin:/bin", "LC_ALL=C"};

Verification Unverifiable(const std::string& kind, const std::string& detail) {
  return {Outcome::kUnverifiable, kind, "", detail};
}

std::string FirstLine(const std::string& text) {
  std::string line(Trim(text.substr(0, text.find('\n'))));
  return EscapeForDisplay(line.substr(0, 200));
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

bool Readable(const std::string& path) {
  return access(path.c_str(), R_OK) == 0;
}

// The value after "[GNUPG:] KEYWORD " on a status line, or "" (and false).
bool StatusLine(const std::string& out, const std::string& keyword,
                std::string* rest) {
  for (const std::string& line : Split(out, '\n')) {
    std::string prefix = "[GNUPG:] " + keyword;
    if (line == prefix || StartsWith(line, prefix + " ")) {
      *rest = line.size() > prefix.size() ? line.substr(prefix.size() + 1) : "";
      return true;
    }
  }
  return false;
}

Verification VerifyOpenPgp(const ScratchDir& dir, const std::string& sig_file,
                           const std::string& data_file, const Keys& keys) {
  if (keys.openpgp_keyring.empty()) {
    return Unverifiable("openpgp",
                        "OpenPGP signatures cannot be verified here: the "
                        "policy names no openpgp_keyring");
  }
  if (!Readable(keys.openpgp_keyring)) {
    return Unverifiable("openpgp", "the OpenPGP keyring " +
                                       keys.openpgp_keyring +
                                       " cannot be read on the server");
  }
  std::vector<std::string> env = kBaseEnv;
  env.push_back("GNUPGHOME=" + dir.path());
  Result<ToolResult> run =
      RunTool({"gpgv", "--homedir", dir.path(), "--status-fd", "1", "--keyring",
               keys.openpgp_keyring, sig_file, data_file},
              "", env, keys.timeout);
  if (!run.ok()) return Unverifiable("openpgp", run.status().message());
  std::string rest;
  if (StatusLine(run->out, "VALIDSIG", &rest) && run->exit_code == 0) {
    return {Outcome::kGood, "openpgp", rest.substr(0, rest.find(' ')), ""};
  }
  if (StatusLine(run->out, "BADSIG", &rest)) {
    return {Outcome::kBad, "openpgp", rest.substr(0, rest.find(' ')),
            "the OpenPGP signature does not match the signed data"};
  }
  if (StatusLine(run->out, "EXPKEYSIG", &rest) ||
      StatusLine(run->out, "REVKEYSIG", &rest)) {
    return {Outcome::kUnknownKey, "openpgp", rest.substr(0, rest.find(' ')),
            "signed with an expired or revoked OpenPGP key"};
  }
  if (StatusLine(run->out, "NO_PUBKEY", &rest)) {
    return {Outcome::kUnknownKey, "openpgp", rest,
            "signed with OpenPGP key " + EscapeForDisplay(rest) +
                ", which is not in the allowed keyring"};
  }
  return Unverifiable(
      "openpgp", "gpgv could not verify the signature: " + FirstLine(run->err));
}

// Runs ssh-keygen -Y verify for `principal`.
Result<ToolResult> SshVerify(const std::string& sig_file,
                             const std::string& data_file,
                             const std::string& principal, const Keys& keys) {
  return RunTool({"ssh-keygen", "-Y", "verify", "-f", keys.ssh_allowed_signers,
                  "-I", principal, "-n", "git", "-s", sig_file},
                 data_file, kBaseEnv, keys.timeout);
}

Verification VerifySsh(const std::string& sig_file,
                       const std::string& data_file, const Keys& keys,
                       const std::string& hint) {
  if (keys.ssh_allowed_signers.empty()) {
    return Unverifiable("ssh",
                        "SSH signatures cannot be verified here: the policy "
                        "names no ssh_allowed_signers");
  }
  if (!Readable(keys.ssh_allowed_signers)) {
    return Unverifiable("ssh", "the allowed signers file " +
                                   keys.ssh_allowed_signers +
                                   " cannot be read on the server");
  }
  if (!hint.empty() && hint.find_first_of(" \n\t*?,") == std::string::npos) {
    Result<ToolResult> quick = SshVerify(sig_file, data_file, hint, keys);
    if (quick.ok() && quick->exit_code == 0) {
      return {Outcome::kGood, "ssh", hint, ""};
    }
  }
  Result<ToolResult> find =
      RunTool({"ssh-keygen", "-Y", "find-principals", "-f",
               keys.ssh_allowed_signers, "-s", sig_file},
              "", kBaseEnv, keys.timeout);
  if (!find.ok()) return Unverifiable("ssh", find.status().message());
  std::string principal = FirstLine(find->out);
  if (find->exit_code != 0 || principal.empty()) {
    if (Contains(find->err, "No principal matched") ||
        Contains(find->err, "not found")) {
      return {Outcome::kUnknownKey, "ssh", "",
              "signed with an SSH key that is not in the allowed signers"};
    }
    return Unverifiable(
        "ssh", "ssh-keygen cannot read the signature: " + FirstLine(find->err));
  }
  Result<ToolResult> verify = SshVerify(sig_file, data_file, principal, keys);
  if (!verify.ok()) return Unverifiable("ssh", verify.status().message());
  if (verify->exit_code == 0) return {Outcome::kGood, "ssh", principal, ""};
  return {
      Outcome::kBad, "ssh", principal,
      "the SSH signature of " + principal + " does not match the signed data"};
}

}  // namespace

Verification VerifySignature(const std::string& signature,
                             const std::string& payload, const Keys& keys,
                             const std::string& principal_hint) {
  std::string kind = StartsWith(signature, "-----BEGIN PGP ") ? "openpgp"
                     : StartsWith(signature, "-----BEGIN SSH SIGNATURE") ? "ssh"
                     : StartsWith(signature, "-----BEGIN SIGNED MESSAGE")
                         ? "x509"
                         : "unknown";
  if (kind == "x509") {
    return Unverifiable(kind,
                        "X.509 (gpgsm) signatures are not supported; "
                        "sign with an OpenPGP or SSH key");
  }
  if (kind == "unknown") {
    return Unverifiable(kind, "the signature is in an unknown format");
  }
  Result<ScratchDir> dir = ScratchDir::Create();
  if (!dir.ok()) return Unverifiable(kind, dir.status().message());
  Result<std::string> sig_file = dir->Write("signature", signature);
  Result<std::string> data_file = dir->Write("payload", payload);
  if (!sig_file.ok()) return Unverifiable(kind, sig_file.status().message());
  if (!data_file.ok()) return Unverifiable(kind, data_file.status().message());
  if (kind == "openpgp") {
    return VerifyOpenPgp(*dir, *sig_file, *data_file, keys);
  }
  return VerifySsh(*sig_file, *data_file, keys, principal_hint);
}

}  // namespace pushguard::signing

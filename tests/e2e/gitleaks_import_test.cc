// End-to-end: a gitleaks configuration written here, imported with
// `pushguard rules import gitleaks`, checked with `rules check`, installed
// as the organisation layer, and a real push with a matching secret refused.
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <string>

#include "match/noise.h"
#include "policy_checks.h"

namespace pushguard::e2e {
namespace {

// The organisation's own gitleaks rules (generated for this test; the token
// format is made up).
const char kGitleaksToml[] = R"(title = "acme secrets"

[extend]
useDefault = true

[[rules]]
id = "acme-widget-token"
description = "Acme widget API token"
regex = '''\b(awt_[A-Za-z0-9]{32})(?:[^A-Za-z0-9]|$)'''
secretGroup = 1
entropy = 3.0
keywords = ["AWT_"]
[[rules.allowlists]]
stopwords = ["example"]
paths = ['''(^|/)testdata/''']

[[rules]]
id = "acme-keystore"
description = "Acme keystore files"
path = '''\.acmeks$'''

[[rules]]
id = "scoped-token"
regex = '''sct_[a-z]{20}'''
path = '''^deploy/'''
)";

// "awt_" + 32 random letters and digits that do not look made up.
std::string FakeWidgetToken() {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  static std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<int> pick(0, 61);
  for (;;) {
    std::string token = "awt_";
    while (token.size() < 36) token += kAlphabet[pick(rng)];
    if (!match::LooksLikePlaceholder(token)) return token;
  }
}

TEST_CASE(
    "a gitleaks configuration imported as the organisation layer refuses a "
    "push with its custom token") {
  GitFixture git;
  PushCleanMain(git);
  std::string toml = (git.root() / "gitleaks.toml").string();
  std::ofstream(toml) << kGitleaksToml;
  std::string layer = (git.root() / "etc-pushguard" / "org.yaml").string();

  CommandResult import =
      git.Pushguard({"rules", "import", "gitleaks", toml, "-o", layer});
  INFO(import.Output());
  CHECK(import.exit_code == 1);  // one rule left out, and said so
  CHECK(Contains(import.err,
                 toml + ":25: rule 'scoped-token': path: pushguard rules "
                        "apply to every path; left out"));
  CHECK(Contains(import.err, "imported 1 rule(s) and 1 path rule(s)"));
  CHECK(import.out.empty());

  CommandResult check = git.Pushguard({"rules", "check", layer});
  INFO(check.Output());
  CHECK(check.exit_code == 0);

  std::string before = git.BareRefs();
  std::string token = FakeWidgetToken();
  git.CommitFile("config/app.env", "# app\nWIDGET=" + token + "\n");
  CommandResult push = git.Push({"HEAD:refs/heads/main"});
  INFO(push.Output());
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "gitleaks.acme-widget-token"));
  CHECK(Contains(push.err, "config/app.env:2"));
  CHECK_FALSE(Contains(push.Output(), token));

  // The imported allowlist path lets the same token through in testdata/;
  // the path-only rule refuses a keystore file.
  REQUIRE(git.Git({"reset", "-q", "--hard", "HEAD~1"}).exit_code == 0);
  git.CommitFile("testdata/app.env", "WIDGET=" + token + "\n");
  CheckAccepted(git.Push({"HEAD:refs/heads/main"}));
  before = git.BareRefs();
  git.CommitFile("keys/prod.acmeks", "binary\n");
  push = git.Push({"HEAD:refs/heads/main"});
  INFO(push.Output());
  CheckRejected(git, push, before);
  CHECK(Contains(push.err, "gitleaks.acme-keystore"));
  CHECK(Contains(push.err, "keys/prod.acmeks"));
}

TEST_CASE("rules import: malformed TOML names its line and writes nothing") {
  GitFixture git;
  std::string toml = (git.root() / "bad.toml").string();
  std::ofstream(toml) << "[[rules]]\nid = \"x\"\nregex = '''unterminated\n";
  std::string out = (git.root() / "out.yaml").string();
  CommandResult import =
      git.Pushguard({"rules", "import", "gitleaks", toml, "--output", out});
  INFO(import.Output());
  CHECK(import.exit_code == 2);
  CHECK(Contains(import.err, toml + ":3: invalid TOML: "));
  CHECK_FALSE(std::filesystem::exists(out));
  CHECK(git.Pushguard({"rules", "import", "nope", toml}).exit_code == 2);
}

}  // namespace
}  // namespace pushguard::e2e

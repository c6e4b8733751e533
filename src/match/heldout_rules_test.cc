// The embedded pack on what the held-out measurement (tests/heldout) found:
// published documentation examples, ARNs and alternating-case alphabets are
// not findings; Azure DevOps tokens of the documented 84-character format
// and ready-made Basic credentials are, under any name.
#include <doctest/doctest.h>

#include <string>

#include "match/matcher.h"
#include "match/noise.h"
#include "match/rules_for_test.h"

namespace pushguard::match {
namespace {

using namespace std::string_literals;

// Random-looking characters (built at run time, not a literal secret).
const std::string kRandom = "Qm7"s + "xZ2pL9vR4kT8wNb5Jc6Hd3";

}  // namespace

TEST_CASE("held-out: documentation examples and ARNs are not findings") {
  const std::string lines[] = {
      // Telegram's, Dynatrace's and Grafana's documentation examples.
      "TOKEN = \"110201543:"s + "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw\"\n",
      "  api_token: dt0s01.ST2EY72KQINMH574WMNVI7YN."s +
          "G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM\n",
      "Authorization: Bearer eyJrIjoiT0tTcG1p"s +
          "UlY2RnVKZTFVaDFsNFZXdE9ZWmNrMkZYbk\n",
      // A tutorial's Vault token: an alternating-case alphabet.
      "id: hvs.CAESIABcDeFgHiJk"s + "LmNoPqRsTuVwXyZ\n",
      // Microsoft Learn's (invalid) Azure DevOps PAT example.
      "PAT = \"abcdefghijklmnopqrstuvwxyz012345679ABCDEFGHIJKLMNOPQRSTUVWXYZ"s +
          "abcdefghijklmnoAZDOabcd\"\n",
      // Contentful's documented example token; a Mapbox public token.
      "curl https://cdn.contentful.com/spaces/cfexampleapi/entries"s +
          "?access_token=b4c0n73n7fu1\n",
      "mapboxgl.accessToken = 'pk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6I"s + kRandom +
          "." + kRandom.substr(0, 22) + "';\n",
      // An ARN names a secret; it is not one.
      "secret_arn: arn:aws:secretsmanager:us-east-1:164916575449:secret:"s +
          "prod/db-password-B0nKQQ\n",
  };
  for (const std::string& line : lines) {
    CAPTURE(line);
    CHECK(DefaultHits(line) == "");
  }
  CHECK(LooksLikePlaceholder("CAESIABcDeFgHiJkLmNoPqRsTuVwXyZ"));
  CHECK_FALSE(LooksLikePlaceholder(kRandom));
  // A short alternating-case run can occur by chance in a real token.
  CHECK_FALSE(LooksLikePlaceholder("Qm7xZaBcDeFp2L9vR4kT8wN"));
  // Next to them, real-looking values still block.
  CHECK(DefaultHits("VAULT_TOKEN=hvs." + kRandom + kRandom + "\n") ==
        "vault-service-token/block");
  CHECK(DefaultHits("secret_arn: " + kRandom + "\n") ==
        "generic-secret-assignment/block");
}

TEST_CASE("held-out: documented Azure DevOps PATs and Basic values block") {
  // 84 characters, AZDO at 77-80, nothing else fixed (Microsoft Learn).
  std::string pat = kRandom + kRandom + kRandom + "Z";
  REQUIRE(pat.size() == 76);
  CHECK(DefaultHits("AZURE_DEVOPS_PAT=" + pat + "AZDO" + "x7Qk\n") ==
        "azure-devops-identifiable-pat/block");
  CHECK(DefaultHits("token: " + pat.substr(1) + "AZDO" + "x7Qk\n")
            .find("azure") == std::string::npos);  // 83 characters
  // "Basic " + base64("svc_ci:" + random): kept as a header value.
  std::string basic = "c3ZjX2NpOl"s + "FtN3haMnBMOXZSNGtUOHdOYjVKYzZIZDM=";
  CHECK(DefaultHits("AUTH_HEADER=Basic " + basic + "\n") ==
        "http-basic-credentials-value/block");
  CHECK(DefaultHits("  \"upstream\": \"Basic " + basic + "\",\n") ==
        "http-basic-credentials-value/block");
  CHECK(DefaultHits("Authorization: Basic " + basic + "\n") ==
        "http-basic-authorization-header/block");
}

TEST_CASE(
    "held-out: Cloudflare's scannable tokens, account and ddApiKey names") {
  // cfut_/cfat_/cfk_ + 40 characters + a checksum (Cloudflare docs).
  for (const char* prefix : {"cfut_", "cfat_", "cfk_"}) {
    CAPTURE(prefix);
    CHECK(DefaultHits("token = \"" + std::string(prefix) + kRandom +
                      kRandom.substr(0, 15) + "9c2e1d\"\n") ==
          "cloudflare-scannable-token/block");
  }
  // "ACCOUNT" is not a counter: its token is judged like any other.
  CHECK(DefaultHits("CLOUDFLARE_ACCOUNT_TOKEN=" + kRandom + "\n") ==
        "generic-secret-assignment/block");
  CHECK(DefaultHits("token_count = " + kRandom + "\n") == "");
  // Datadog keys named in camel case.
  CHECK(DefaultHits("const ddApiKey = '7f0c2e9a4b1dfa5e8c3b6d0afa4e9c21';\n") ==
        "datadog-api-key/block");
  CHECK(DefaultHits(
            "const ddAppKey = 'c94e1b7f0a3d5e8f2b6c9a0d4e7f1a3b5c8d0e2f';\n") ==
        "datadog-app-key/block");
}

}  // namespace pushguard::match

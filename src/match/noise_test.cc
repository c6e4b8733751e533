#include "match/noise.h"

#include <doctest/doctest.h>

#include <string>

namespace pushguard::match {

TEST_CASE("references to secrets kept elsewhere are placeholders") {
  for (const char* s :
       {"${AWS_SECRET}", "$DB_PASSWORD", "{{ .Values.db.password }}",
        "${{ secrets.GITHUB_TOKEN }}", "os.environ[\"KEY\"]", "var.db_password",
        "<your-api-key>", "%API_KEY%", "process.env.TOKEN",
        "settings.SECRET_KEY"}) {
    CHECK_MESSAGE(LooksLikePlaceholder(s), s);
  }
}

TEST_CASE("placeholder words, masks and runs are placeholders") {
  for (const char* s :
       {"changeme123", "EXAMPLEKEY0123", "xxxxxxxxxxxx", "REDACTED",
        "AKIA****************", "your_token_here", "aaaaaaaaaaaa",
        "sk_live_123456789", "abcdefghijkl", "ababababab"}) {
    CHECK_MESSAGE(LooksLikePlaceholder(s), s);
  }
}

TEST_CASE("random tokens are not placeholders") {
  for (const char* s :
       {"q8Zr4Lm2Xw9Pk3Ty", "ghp_Xk29LmQ7rT4vB8nW1zY6cF3hJ0pD5sG2aE9u",
        "7f3a9c1e5b2d8f4a6c0e1b3d5f7a9c2e"}) {
    CHECK_MESSAGE(!LooksLikePlaceholder(s), s);
  }
}

TEST_CASE("a run of 'A's that starts an X bearer token is its format") {
  // X (Twitter) app-only bearer tokens start with ~21 'A's (docs.x.com's
  // example); the rest is URL-encoded base64, generated here.
  const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  uint32_t state = 12345;
  std::string tail = "MLhe" + std::string(7, 'A') + "0%2B";
  while (tail.size() < 90) {
    state = state * 1103515245 + 12345;
    tail += kAlphabet[(state >> 16) % 62];
  }
  CHECK_FALSE(LooksLikePlaceholder(std::string(21, 'A') + tail));
  CHECK_FALSE(LooksLikePlaceholder(std::string(24, 'A') + tail));
  // The run alone, a run too long for the format, a filler tail: made up.
  CHECK(LooksLikePlaceholder(std::string(40, 'A')));
  CHECK(LooksLikePlaceholder(std::string(30, 'A') + tail));
  CHECK(LooksLikePlaceholder(std::string(21, 'A') + std::string(90, 'x')));
  CHECK(LooksLikePlaceholder(std::string(21, 'A') + "your_token_here" + tail));
}

TEST_CASE("a digest prefix right before the value marks a checksum") {
  std::string line = "integrity sha512-Q8Zr4Lm2Xw9Pk3Ty";
  CHECK(FollowsDigestPrefix(line, line.find("Q8Z")));
  std::string go = "mod v1.0.0 h1:Q8Zr4Lm2Xw9Pk3Ty=";
  CHECK(FollowsDigestPrefix(go, go.find("Q8Z")));
  std::string auth = "oauth1:Q8Zr4Lm2Xw9Pk3Ty";
  CHECK_FALSE(FollowsDigestPrefix(auth, auth.find("Q8Z")));
  std::string next_line = "sha256:\nQ8Zr4Lm2Xw9Pk3Ty";
  CHECK_FALSE(FollowsDigestPrefix(next_line, next_line.find("Q8Z")));
}

TEST_CASE("generic values: words, identifiers and paths are no evidence") {
  for (const char* s :
       {"Summer2024!", "my_db_password", "getPasswordFromVault",
        "PROD-DB-CREDS", "v1:users:list", "/etc/secrets/db.txt",
        "https://vault.acme.net/v1", "config.database.password",
        "production-database-credentials", "cGFzc3dvcmQ=", "short"}) {
    CHECK_MESSAGE(GenericEvidence(s) == Evidence::kNone, s);
  }
}

TEST_CASE(
    "generic values: kebab-case phrases and short camel words are words") {
  // Found blocking on real code (docs/detection.md): test settings, header
  // names, identifiers with "Id", "By", "To", "No" in them.
  for (const char* s :
       {"a-secret-key", "a-test-token", "X-Davinci-Secret",
        "replace-with-a-random-key-min-32-chars", "mockApiKeyId",
        "logoutTokenNoSub", "GetDocumentAndSenderByTokenOptions",
        "getEnvelopeItemsByTokenRoute", "defaultToConfig2",
        "mockDecodeIdToken"}) {
    CHECK_MESSAGE(GenericEvidence(s) == Evidence::kNone, s);
  }
  // Random text with a dash or a two-letter capital pair stays random.
  for (const char* s :
       {"q-8Zr4Lm2Xw9Pk3Ty", "kTqXzIdWpBy7mNcR", "a-Xk29LmQ7rT4vB8"}) {
    CHECK_MESSAGE(GenericEvidence(s) == Evidence::kStrong, s);
  }
}

TEST_CASE(
    "generic values: code (minified JavaScript, format strings) is no "
    "evidence") {
  // Values the generic rules took from minified bundles (pdf.worker.min.js,
  // CodeMirror, leaflet) and a Python format string.
  for (const char* s :
       {"t.PasswordResponses=t.", "e.accessKey||", "e.passwordChar||",
        "n.crossOrigin===", "=null?S.baseCur+",
        "=null||R.prevToken==", "=O||x.tokenize==G",
        ")&&(n.urlTemplate+=", "t.CodeBlock=void", "%s&redirect_uri=%s",
        "t.PasswordResponses=t.MissingPDFException=t.CMapCompressionType=t.",
        "breakOnTokenText\\n", "code-foo\\n\\n"}) {
    CHECK_MESSAGE(GenericEvidence(s) == Evidence::kNone, s);
  }
  // Random passwords with operator characters are not code.
  for (const char* s :
       {"aX=9k!Qz&7pLw", "K9#m=Qz!p2Lr", "q8Zr4Lm2||Xw9Pk3Ty",
        "Tq7=x.Wz9&&pL2r", "a=x.Q8zR4Lm2Xw9", "q8Zr4Lm2Xw9Pk3Ty\\n"}) {
    CHECK_MESSAGE(GenericEvidence(s) == Evidence::kStrong, s);
  }
}

TEST_CASE("an ARN names a secret, it is not one") {
  CHECK(LooksLikePlaceholder(
      "arn:aws:secretsmanager:ap-southeast-2:402918375561:secret:app/"
      "cert.b64-Qx7k2P"));
  CHECK(
      LooksLikePlaceholder("arn:aws-us-gov:ssm:us-gov-west-1:123456789012:"
                           "parameter/db-pass"));
  // The part after `arn:aws:secretsmanager:` that a generic rule took.
  CHECK(LooksLikePlaceholder(
      "ap-southeast-2:402918375561:secret:app/cert.b64-Qx7k2P"));
  CHECK_FALSE(LooksLikePlaceholder("ap-Qx7k2PzR4:402918375561:Lm2Xw9"));
}

TEST_CASE("generic values: digests and UUIDs are weak, random text is strong") {
  CHECK(GenericEvidence("7f3a9c1e5b2d8f4a6c0e1b3d5f7a9c2e") == Evidence::kWeak);
  CHECK(GenericEvidence("3f2b8c1a-9d4e-4f6a-8b2c-1d3e5f7a9b0c") ==
        Evidence::kWeak);
  for (const char* s :
       {"q8Zr4Lm2Xw9Pk3Ty", "FAKEtOFUABaYafz!", "OW%ApmMSD%SFAKEK",
        "Xk29LmQ7rT4vB8nW1zY6cF3hJ0pD5sG2"}) {
    CHECK_MESSAGE(GenericEvidence(s) == Evidence::kStrong, s);
  }
}

TEST_CASE("base64 of a user:password pair is judged by the password") {
  CHECK(GenericEvidence("Y2ktYm90OnE4WnI0TG0yWHc5UGszVHk=") ==
        Evidence::kStrong);
  CHECK(GenericEvidence("dXNlcjpwYXNzd29yZA==") ==
        Evidence::kNone);  // user:password
}

}  // namespace pushguard::match

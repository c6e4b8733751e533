// Noise on real code, with the embedded rule pack: published example
// credentials, code identifiers, password hashes, binary content and
// vendored trees do not block; a real-looking secret next to them still does.
#include <doctest/doctest.h>

#include <string>

#include "match/matcher.h"
#include "match/noise.h"
#include "match/rules_for_test.h"

namespace pushguard::match {
namespace {

using namespace std::string_literals;

const Compiled& Embedded() { return DefaultRules(); }

// A value the generic rules take for random (built at run time).
const std::string kRandom = "Qm7"s + "xZ2pL9vR4kT8wN";

}  // namespace

TEST_CASE("published example credentials are not findings") {
  const char* lines[] = {
      // RFC 7617
      "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\n",
      "authorization: basic dGVzdDoxMjPCow==\n",
      // RFC 6749
      "Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW\n",
      "client_secret = \"7Fjfp0ZBr1KtDRbnfVdmIw\"\n",
      "access_token = \"2YotnFZFEjr1zCsicMWpAA\"\n",
      "refresh_token: tGzv3JOkF0XG5Qx2TlKWIA\n",
      // AWS, Firebase, Stripe, Kubernetes, Mailgun documentation
      "aws_access_key_id = AKIAI44QH8DHBEXAMPLE\n",
      "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
      "apiKey: \"AIzaSyDOCAbC123dEf456GhI789jKl012-MnO\",\n",
      "STRIPE_PUBLISHABLE_KEY=pk_test_TYooMQauvdEDq54NiTphI7jx\n",
      "STRIPE_SECRET_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc\n",
      "kubeadm join --token 07401b.f395accd246ae52d 10.0.0.1:6443\n",
      "MAILGUN_API_KEY=key-3ax6xnjp29jd6fds4gc373sgvjxteol0\n",
      // Azurite's development account key, Documenso's sample payloads
      "AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDX"
      "J1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;\n",
      "AZURE_STORAGE_ACCOUNT_KEY=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6"
      "IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==\n",
      "        \"token\": \"vbT8hi3jKQmrFP_LN1WcS\",\n",
      "        token: 'HkrptwS42ZBXdRKj1TyUo',\n",
      "      \"token\": \"cxH2Ss79Hj94M1U3PxRAG\",\n",
      // Percent-encoded placeholder credentials of URL test suites.
      "check(\"http://us%65r:p%61ssword@example.org/\")\n",
      "https://user:secret%20password@host.test/path\n",
  };
  for (const char* line : lines) {
    CAPTURE(line);
    CHECK(DefaultHits(line) == "");
  }
  // Next to them, a real-looking secret still blocks.
  CHECK(DefaultHits("client_secret = \"" + kRandom + "\"\n") ==
        "generic-secret-assignment/block");
}

TEST_CASE("code identifiers, type names and calls are not secret values") {
  const char* lines[] = {
      "\ttoken := yaml_token_t{\n",
      "\tvar token yaml_token_t\n",
      "password = new_password_t\n",
      "secret = secret_key_base\n",
      "token = tokens[index]\n",
      "apiKey := config.APIKey\n",
      "password = DEFAULT_ADMIN_PASSWORD\n",
      "token = kDefaultTokenValue;\n",
      "secret_key = SecretKey{Value: v}\n",
      "token = Token::kEndOfFile;\n",
  };
  for (const char* line : lines) {
    CAPTURE(line);
    CHECK(DefaultHits(line) == "");
  }
}

TEST_CASE("password hashes warn, never block") {
  const char* lines[] = {
      "admin_password: "
      "$2b$12$KIX0.6c7Yd3qzPq9VhF6o.5fH2mWnEa6vV3dXGm7uQkR1yB8tS2pO\n",
      "password = "
      "\"$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$9fHx0q2Zk3Vb\"\n",
      "root_password: "
      "$6$rounds=5000$saltsalt$Kq8mZr2xV7pN4wT1yB6cD9fG3hJ5kL0\n",
      "htpasswd_secret=$apr1$r31.....$HqJZimcKQFAMYayBlzkrA/\n",
      "PASSWORD={SSHA}Xk29LmQ7rT4vB8nW1zY6cF3hJ0pD5sG2\n",
  };
  for (const char* line : lines) {
    CAPTURE(line);
    std::string hits = DefaultHits(line);
    CHECK(hits.find("/block") == std::string::npos);
  }
  CHECK(IsPasswordHash("$2y$10$abcdefghijklmnopqrstuv"));
  CHECK(IsPasswordHash("pbkdf2_sha256$260000$salt$hash1234"));
  CHECK_FALSE(IsPasswordHash("$2y$"));
  CHECK_FALSE(IsPasswordHash(kRandom));
}

TEST_CASE("in binary content generic rules take only clean-text matches") {
  std::string chance = "\x13token=\x9C\x8FQz\xE1\x07kP\xA0\x11\xFE\x81Gm\n"s;
  CHECK(DefaultHits(chance, ContentKind::kBinary) == "");
  std::string clean = "\x01\x02\ntoken = \"" + kRandom + "\"\n\x03";
  CHECK(DefaultHits(clean, ContentKind::kBinary) ==
        "generic-secret-assignment/block");
  // Provider rules read binary content as any other.
  std::string aws = "\x01\x9C" + std::string("AKIA") + "Q7X2LMRT4VB6NW5Z\x02";
  CHECK(DefaultHits(aws, ContentKind::kBinary) == "aws-access-key-id/block");
}

TEST_CASE("vendored trees turn generic findings into warnings") {
  const RuleSet& rules = *Embedded().rules;
  size_t generic = rules.size(), provider = rules.size();
  for (size_t r = 0; r < rules.size(); ++r) {
    if (rules.rule(r).id == "generic-secret-assignment") generic = r;
    if (rules.rule(r).id == "aws-access-key-id") provider = r;
  }
  REQUIRE(generic < rules.size());
  REQUIRE(provider < rules.size());
  for (const char* path :
       {"vendor/gopkg.in/yaml.v3/scannerc.go", "web/node_modules/x/index.js",
        "lib/python3.11/site-packages/requests/auth.py",
        "third_party/zlib/zconf.h", "src/third-party/lib.c"}) {
    CAPTURE(path);
    CHECK(rules.rule(rules.ForPath(generic, path)).mode == rules::Mode::kWarn);
    CHECK(rules.ForPath(provider, path) == provider);
  }
  for (const char* path : {"src/vendors.go", "app/config.py", "vendored.txt"}) {
    CAPTURE(path);
    CHECK(rules.ForPath(generic, path) == generic);
  }
}

}  // namespace pushguard::match

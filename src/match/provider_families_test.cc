// The SaaS provider families of the embedded pack (communication, payments,
// crypto, e-commerce, maps, CRM, productivity, AI, social, business): one
// token per family is found and named after its provider, ordinary code that
// names those providers is not a finding, and every rule of these families
// carries what a developer needs (remediation, examples, negative examples).
// Tokens are generated at run time from a fixed seed: none is real.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "match/matcher.h"
#include "match/rules_for_test.h"
#include "rules/loader.h"

namespace pushguard::match {
namespace {

constexpr const char* kFamilies[] = {
    "communication.yaml", "payments.yaml", "crypto.yaml",
    "ecommerce.yaml",     "maps.yaml",     "crm.yaml",
    "productivity.yaml",  "social.yaml",   "business.yaml"};

using Pack = Compiled;
const Pack& Load() { return DefaultRules(); }

std::vector<std::string> RuleIds(const Pack& p, const std::string& text) {
  Scanner scanner(*p.rules);
  std::vector<SecretMatch> found;
  REQUIRE(scanner.Scan(text, &found).ok());
  std::vector<std::string> ids;
  for (const SecretMatch& m : found) ids.push_back(p.rules->rule(m.rule).id);
  return ids;
}

// `n` characters of `alphabet`, pseudo-random from `seed` (no long runs).
std::string Random(const std::string& alphabet, size_t n, uint32_t seed) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    seed = seed * 1664525u + 1013904223u;
    out += alphabet[(seed >> 8) % alphabet.size()];
  }
  return out;
}

const std::string kHex = "0123456789abcdef";
const std::string kAlnum =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

bool InFamilies(const rules::SecretRule& rule) {
  for (const char* file : kFamilies) {
    const std::string& at = rule.origin.file;
    if (at.size() >= std::string(file).size() &&
        at.compare(at.size() - std::string(file).size(), std::string::npos,
                   file) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE(
    "one token of each SaaS family is found and named after its provider") {
  const Pack& p = Load();
  struct Case {
    std::string line;
    std::string rule;
  };
  const std::vector<Case> cases = {
      {"BREVO_API_KEY=xkeysib-" + Random(kHex, 64, 1) + "-" +
           Random(kAlnum, 16, 2),
       "brevo-api-key"},
      {"PAYSTACK_SECRET_KEY=sk_live_" + Random(kHex, 40, 3),
       "paystack-secret-key"},
      {"token = \"access-production-" + Random(kHex, 8, 4) + "-" +
           Random(kHex, 4, 5) + "-" + Random(kHex, 4, 6) + "-" +
           Random(kHex, 4, 7) + "-" + Random(kHex, 12, 8) + "\"",
       "plaid-access-token"},
      {"BINANCE_API_SECRET=" + Random(kAlnum, 64, 9), "binance-api-secret"},
      {"SHIPPO_TOKEN=shippo_live_" + Random(kHex, 40, 10), "shippo-api-token"},
      {"MAPBOX_TOKEN=sk.eyJ1IjoiZmFrZSIsImEiOiJ" + Random(kAlnum, 30, 11) +
           "." + Random(kAlnum, 22, 12),
       "mapbox-secret-token"},
      {"HUBSPOT_TOKEN=pat-na1-" + Random(kHex, 8, 13) + "-" +
           Random(kHex, 4, 14) + "-" + Random(kHex, 4, 15) + "-" +
           Random(kHex, 4, 16) + "-" + Random(kHex, 12, 17),
       "hubspot-private-app-token"},
      {"AIRTABLE_TOKEN=pat" + Random(kAlnum, 14, 18) + "." +
           Random(kHex, 64, 19),
       "airtable-personal-access-token"},
      {"XAI_API_KEY=xai-" + Random(kAlnum, 80, 20), "xai-api-key"},
      {"riot_key: RGAPI-" + Random(kHex, 8, 21) + "-" + Random(kHex, 4, 22) +
           "-" + Random(kHex, 4, 23) + "-" + Random(kHex, 4, 24) + "-" +
           Random(kHex, 12, 25),
       "riot-games-api-key"},
      {"APIFY_TOKEN=apify_api_" + Random(kAlnum, 36, 26), "apify-api-token"},
      {"ZENDESK_API_TOKEN=" + Random(kAlnum, 40, 27), "zendesk-api-token"},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    std::vector<std::string> ids = RuleIds(p, c.line + "\n");
    REQUIRE(ids.size() == 1);
    CHECK(ids[0] == c.rule);
  }
}

TEST_CASE("code that only names a SaaS provider is not a provider finding") {
  const Pack& p = Load();
  const std::vector<std::string> lines = {
      "ZOOM_CLIENT_SECRET = os.environ[\"ZOOM_CLIENT_SECRET\"]",
      "zendesk_api_token: ${ZENDESK_API_TOKEN}",
      "const stripeKey = process.env.PAYSTACK_SECRET_KEY;",
      "HUBSPOT_CLIENT_SECRET=your_hubspot_client_secret_here",
      "line_channel_secret = settings.LINE_CHANNEL_SECRET",
      "pipeline_channel_secret = \"" + Random(kHex, 32, 40) + "\"",
      "bob_public_key = \"" + Random(kAlnum, 43, 41) + "=\"",
      "sandbox_secret = \"" + Random(kAlnum, 32, 42) + "\"",
      "BINANCE_API_SECRET=<your binance secret>",
      "mailjet_api_key = \"" + Random(kHex, 32, 43) + "\"",
      "PK_8c82d7f526340ab734260ea46be PRIMARY KEY (id)",
      "re_compile_pattern_for_the_input_string(text)",
      "servicenow_password = settings.SERVICENOW_PASSWORD",
      "bandwidth_api_password: config_manager_instance",
      "toggle_key = \"" + Random(kHex, 32, 44) + "\"",
  };
  for (const std::string& line : lines) {
    INFO(line);
    for (const std::string& id : RuleIds(p, line + "\n")) {
      for (size_t r = 0; r < p.rules->size(); ++r) {
        if (p.rules->rule(r).id == id)
          CHECK_FALSE(InFamilies(p.rules->rule(r)));
      }
    }
  }
}

TEST_CASE("every SaaS family rule has remediation, examples and negatives") {
  const Pack& p = Load();
  size_t count = 0;
  for (size_t r = 0; r < p.rules->size(); ++r) {
    const rules::SecretRule& rule = p.rules->rule(r);
    if (!InFamilies(rule)) continue;
    ++count;
    INFO(rule.id);
    CHECK_FALSE(rule.generic);
    CHECK_FALSE(rule.remediation.empty());
    CHECK_FALSE(rule.examples.empty());
    CHECK_FALSE(rule.negative_examples.empty());
    CHECK_FALSE(rule.keywords.empty());
  }
  CHECK(count >= 300);
}

}  // namespace pushguard::match

// Single-line secret formats of the providers pushguard knows, made from
// their documented shapes (prefix, alphabet, length) with random characters.
#include "corpus.h"

namespace pushguard::corpus {
namespace {

using R = Random;
std::string Hex(R& r, size_t n) { return r.Chars(kHex, n); }
std::string Aln(R& r, size_t n) { return r.Chars(kAlnum, n); }
std::string Url(R& r, size_t n) { return r.Chars(kUrlSafe, n); }
std::string B64(R& r, size_t n) { return r.Chars(kBase64, n); }
std::string Password(R& r) {
  return r.Chars(std::string(kAlnum) + "!%^*_-+=@", 16 + r.Below(17));
}

}  // namespace

std::string Uuid(Random& r) {
  std::string h = r.Chars(kHex, 32);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
         h.substr(16, 4) + "-" + h.substr(20);
}

const std::vector<TokenFormat>& TokenFormats() {
  static const std::vector<TokenFormat> kFormats = {
      {"aws", "AWS_ACCESS_KEY_ID",
       +[](R& r) { return "AKIA" + r.Chars(kUpperDigits, 16); }},
      {"aws", "AWS_ACCESS_KEY_ID",
       +[](R& r) { return "ASIA" + r.Chars(kUpperDigits, 16); }},
      {"aws", "AWS_SECRET_ACCESS_KEY", +[](R& r) { return B64(r, 40); }},
      {"aws", "AWS_SESSION_TOKEN",
       +[](R& r) { return "IQoJb3JpZ2luX2Vj" + B64(r, 320) + "=="; }},
      {"gcp", "GOOGLE_API_KEY", +[](R& r) { return "AIza" + Url(r, 35); }},
      {"gcp", "GOOGLE_CLIENT_SECRET",
       +[](R& r) { return "GOCSPX-" + Url(r, 28); }},
      {"firebase", "FCM_SERVER_KEY",
       +[](R& r) { return "AAAA" + Url(r, 7) + ":APA91b" + Url(r, 134); }},
      {"azure", "AZURE_STORAGE_ACCOUNT_KEY",
       +[](R& r) { return B64(r, 86) + "=="; }},
      {"azure", "AZURE_CLIENT_SECRET",
       +[](R& r) {
         return Aln(r, 3) + r.Chars(kDigits, 1) + "Q~" +
                r.Chars(std::string(kAlnum) + "_~.-", 34);
       }},
      {"github", "GITHUB_TOKEN", +[](R& r) { return "ghp_" + Aln(r, 36); }},
      {"github", "GH_OAUTH_TOKEN", +[](R& r) { return "gho_" + Aln(r, 36); }},
      {"github", "GITHUB_APP_TOKEN", +[](R& r) { return "ghs_" + Aln(r, 36); }},
      {"github", "GITHUB_USER_TOKEN",
       +[](R& r) { return "ghu_" + Aln(r, 36); }},
      {"github", "GITHUB_REFRESH_TOKEN",
       +[](R& r) { return "ghr_" + Aln(r, 36); }},
      {"github", "GITHUB_PAT",
       +[](R& r) { return "github_pat_" + Aln(r, 22) + "_" + Aln(r, 59); }},
      {"gitlab", "GITLAB_TOKEN", +[](R& r) { return "glpat-" + Url(r, 20); }},
      {"gitlab", "GITLAB_DEPLOY_TOKEN",
       +[](R& r) { return "gldt-" + Url(r, 20); }},
      {"gitlab", "RUNNER_TOKEN", +[](R& r) { return "glrt-" + Url(r, 20); }},
      {"gitlab", "TRIGGER_TOKEN", +[](R& r) { return "glptt-" + Hex(r, 40); }},
      {"gitlab", "REGISTRATION_TOKEN",
       +[](R& r) { return "GR1348941" + Url(r, 20); }},
      {"bitbucket", "BITBUCKET_APP_PASSWORD",
       +[](R& r) { return "ATBB" + Aln(r, 32); }},
      {"atlassian", "JIRA_API_TOKEN",
       +[](R& r) {
         return "ATATT3xFfGF0" + Url(r, 170) + "=" +
                r.Chars("0123456789ABCDEF", 8);
       }},
      {"slack", "SLACK_BOT_TOKEN",
       +[](R& r) {
         return "xoxb-" + r.Chars(kDigits, 12) + "-" + r.Chars(kDigits, 13) +
                "-" + Aln(r, 24);
       }},
      {"slack", "SLACK_USER_TOKEN",
       +[](R& r) {
         return "xoxp-" + r.Chars(kDigits, 12) + "-" + r.Chars(kDigits, 12) +
                "-" + r.Chars(kDigits, 13) + "-" + Hex(r, 32);
       }},
      {"slack", "SLACK_WEBHOOK_URL",
       +[](R& r) {
         return "https://hooks.slack.com/services/T" +
                r.Chars(kUpperDigits, 10) + "/B" + r.Chars(kUpperDigits, 10) +
                "/" + Aln(r, 24);
       }},
      {"slack", "SLACK_APP_TOKEN",
       +[](R& r) {
         return "xapp-1-A" + r.Chars(kUpperDigits, 10) + "-" +
                r.Chars(kDigits, 13) + "-" + Hex(r, 64);
       }},
      {"discord", "DISCORD_BOT_TOKEN",
       +[](R& r) {
         return "MT" + Aln(r, 24) + "." + Url(r, 6) + "." + Url(r, 38);
       }},
      {"discord", "DISCORD_WEBHOOK",
       +[](R& r) {
         return "https://discord.com/api/webhooks/" + r.Chars(kDigits, 19) +
                "/" + Url(r, 68);
       }},
      {"telegram", "TELEGRAM_BOT_TOKEN",
       +[](R& r) { return r.Chars(kDigits, 10) + ":AA" + Url(r, 33); }},
      {"twilio", "TWILIO_API_KEY", +[](R& r) { return "SK" + Hex(r, 32); }},
      {"twilio", "TWILIO_AUTH_TOKEN", +[](R& r) { return Hex(r, 32); }},
      {"sendgrid", "SENDGRID_API_KEY",
       +[](R& r) { return "SG." + Url(r, 22) + "." + Url(r, 43); }},
      {"mailgun", "MAILGUN_API_KEY", +[](R& r) { return "key-" + Hex(r, 32); }},
      {"mailchimp", "MAILCHIMP_API_KEY",
       +[](R& r) {
         return Hex(r, 32) + "-us" + std::to_string(1 + r.Below(20));
       }},
      {"stripe", "STRIPE_SECRET_KEY",
       +[](R& r) { return "sk_live_" + Aln(r, 24 + r.Below(76)); }},
      {"stripe", "STRIPE_RESTRICTED_KEY",
       +[](R& r) { return "rk_live_" + Aln(r, 99); }},
      {"stripe", "STRIPE_WEBHOOK_SECRET",
       +[](R& r) { return "whsec_" + Aln(r, 32); }},
      {"square", "SQUARE_ACCESS_TOKEN",
       +[](R& r) { return "EAAA" + Url(r, 60); }},
      {"square", "SQUARE_APP_SECRET",
       +[](R& r) { return "sq0csp-" + Url(r, 43); }},
      {"paypal", "BRAINTREE_ACCESS_TOKEN",
       +[](R& r) {
         return "access_token$production$" + r.Chars(kLowerDigits, 16) + "$" +
                Hex(r, 32);
       }},
      {"shopify", "SHOPIFY_ACCESS_TOKEN",
       +[](R& r) { return "shpat_" + Hex(r, 32); }},
      {"shopify", "SHOPIFY_SHARED_SECRET",
       +[](R& r) { return "shpss_" + Hex(r, 32); }},
      {"npm", "NPM_TOKEN", +[](R& r) { return "npm_" + Aln(r, 36); }},
      {"pypi", "PYPI_API_TOKEN",
       +[](R& r) { return "pypi-AgEIcHlwaS5vcmc" + Url(r, 150); }},
      {"rubygems", "GEM_HOST_API_KEY",
       +[](R& r) { return "rubygems_" + Hex(r, 48); }},
      {"nuget", "NUGET_API_KEY",
       +[](R& r) { return "oy2" + r.Chars(kLowerDigits, 43); }},
      {"dockerhub", "DOCKERHUB_TOKEN",
       +[](R& r) { return "dckr_pat_" + Url(r, 27); }},
      {"artifactory", "ARTIFACTORY_API_KEY",
       +[](R& r) { return "AKCp" + Aln(r, 69); }},
      {"openai", "OPENAI_API_KEY",
       +[](R& r) { return "sk-proj-" + Url(r, 74) + "T3BlbkFJ" + Url(r, 74); }},
      {"openai", "OPENAI_API_KEY",
       +[](R& r) { return "sk-" + Aln(r, 20) + "T3BlbkFJ" + Aln(r, 20); }},
      {"anthropic", "ANTHROPIC_API_KEY",
       +[](R& r) { return "sk-ant-api03-" + Url(r, 93) + "AA"; }},
      {"huggingface", "HF_TOKEN",
       +[](R& r) {
         return "hf_" +
                r.Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                        34);
       }},
      {"databricks", "DATABRICKS_TOKEN",
       +[](R& r) { return "dapi" + Hex(r, 32); }},
      {"snowflake", "SNOWFLAKE_PASSWORD", +[](R& r) { return Password(r); }},
      {"digitalocean", "DIGITALOCEAN_TOKEN",
       +[](R& r) { return "dop_v1_" + Hex(r, 64); }},
      {"heroku", "HEROKU_API_KEY",
       +[](R& r) { return "HRKU-AA" + Url(r, 58); }},
      {"heroku", "HEROKU_API_KEY", +[](R& r) { return Uuid(r); }},
      {"cloudflare", "CLOUDFLARE_API_TOKEN", +[](R& r) { return Url(r, 40); }},
      {"fastly", "FASTLY_API_TOKEN", +[](R& r) { return Url(r, 32); }},
      {"netlify", "NETLIFY_AUTH_TOKEN",
       +[](R& r) { return "nfp_" + Aln(r, 36); }},
      {"vercel", "VERCEL_TOKEN", +[](R& r) { return Aln(r, 24); }},
      {"supabase", "SUPABASE_ACCESS_TOKEN",
       +[](R& r) { return "sbp_" + Hex(r, 40); }},
      {"vault", "VAULT_TOKEN", +[](R& r) { return "hvs." + Url(r, 91); }},
      {"terraform", "TFE_TOKEN",
       +[](R& r) { return Aln(r, 14) + ".atlasv1." + Url(r, 67); }},
      {"doppler", "DOPPLER_TOKEN",
       +[](R& r) { return "dp.st.prd." + Aln(r, 43); }},
      {"doppler", "DOPPLER_TOKEN", +[](R& r) { return "dp.pt." + Aln(r, 43); }},
      {"age", "SOPS_AGE_KEY",
       +[](R& r) {
         return "AGE-SECRET-KEY-1" +
                r.Chars("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58);
       }},
      {"1password", "OP_SERVICE_ACCOUNT_TOKEN",
       +[](R& r) { return "ops_eyJ" + Url(r, 300); }},
      {"okta", "OKTA_API_TOKEN", +[](R& r) { return "00" + Url(r, 40); }},
      {"auth0", "AUTH0_CLIENT_SECRET", +[](R& r) { return Url(r, 64); }},
      {"sentry", "SENTRY_AUTH_TOKEN",
       +[](R& r) { return "sntryu_" + Hex(r, 64); }},
      {"datadog", "DD_API_KEY", +[](R& r) { return Hex(r, 32); }},
      {"datadog", "DATADOG_APP_KEY", +[](R& r) { return Hex(r, 40); }},
      {"newrelic", "NEW_RELIC_API_KEY",
       +[](R& r) { return "NRAK-" + r.Chars(kUpperDigits, 27); }},
      {"grafana", "GRAFANA_TOKEN",
       +[](R& r) { return "glsa_" + Aln(r, 32) + "_" + Hex(r, 8); }},
      {"linear", "LINEAR_API_KEY",
       +[](R& r) { return "lin_api_" + Aln(r, 40); }},
      {"notion", "NOTION_TOKEN",
       +[](R& r) { return "ntn_" + r.Chars(kDigits, 11) + Aln(r, 35); }},
      {"notion", "NOTION_TOKEN", +[](R& r) { return "secret_" + Aln(r, 43); }},
      {"postman", "POSTMAN_API_KEY",
       +[](R& r) { return "PMAK-" + Hex(r, 24) + "-" + Hex(r, 34); }},
      {"planetscale", "PLANETSCALE_TOKEN",
       +[](R& r) { return "pscale_tkn_" + Url(r, 43); }},
      {"pulumi", "PULUMI_ACCESS_TOKEN",
       +[](R& r) { return "pul-" + Hex(r, 40); }},
      {"generic", "DB_PASSWORD", +[](R& r) { return Password(r); }},
      {"generic", "API_SECRET", +[](R& r) { return Aln(r, 24 + r.Below(17)); }},
      {"generic", "SERVICE_TOKEN", +[](R& r) { return Url(r, 32); }},
      {"generic", "PAYMENTS_API_KEY", +[](R& r) { return Aln(r, 32); }},
  };
  return kFormats;
}

}  // namespace pushguard::corpus

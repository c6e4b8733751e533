// Multi-line and file-specific secret formats: private keys, service-account
// JSON, Docker and kube configs, .npmrc / .pypirc / .netrc / .git-credentials,
// connection strings and URLs, JWTs.
#include "corpus.h"

namespace pushguard::corpus {
namespace {

using R = Random;

std::vector<std::string> Wrap(const std::string& body, size_t width) {
  std::vector<std::string> out;
  for (size_t i = 0; i < body.size(); i += width)
    out.push_back(body.substr(i, width));
  return out;
}

// A PEM block; the whole block is the planted secret.
Snippet Pem(R& r, const std::string& family, const std::string& label,
            size_t bytes, std::vector<std::string> headers = {}) {
  Snippet s;
  s.lines.push_back("-----BEGIN " + label + "-----");
  for (const std::string& h : headers) s.lines.push_back(h);
  if (!headers.empty()) s.lines.push_back("");
  for (const std::string& l : Wrap(r.Chars(kBase64, bytes), 64))
    s.lines.push_back(l);
  s.lines.push_back("-----END " + label + "-----");
  s.marks.push_back({family, s.lines[1], 0, s.lines.size() - 1});
  return s;
}

Snippet OneLine(const std::string& family, const std::string& line,
                const std::string& secret) {
  return Snippet{{line}, {{family, secret, 0, 0}}};
}

std::string Host(R& r) {
  return r.Pick<std::string>({"db", "primary", "orders-db", "cache", "mq"}) +
         "." + r.Pick<std::string>({"prod", "staging", "internal"}) +
         ".acme-corp.net";
}

std::string UrlPassword(R& r) { return r.Chars(kAlnum, 14 + r.Below(18)); }

Snippet UrlSnippet(R& r, const std::string& family, const std::string& scheme,
                   const std::string& var, const std::string& tail) {
  std::string pw = UrlPassword(r);
  std::string url = scheme + "://svc_" +
                    r.Chars("abcdefghijklmnopqrstuvwxyz", 5) + ":" + pw + "@" +
                    Host(r) + tail;
  std::vector<std::string> forms = {var + "=" + url, var + ": \"" + url + "\"",
                                    "  url: " + url,
                                    var.substr(0, 2) + "_URL = '" + url + "'"};
  return OneLine(family, r.Pick(forms), pw);
}

}  // namespace

const std::vector<FileFormat>& FileFormats() {
  static const std::vector<FileFormat> kFormats = {
      {"private-key",
       +[](R& r) { return "deploy/keys/id_rsa_" + r.Chars(kLowerDigits, 4); },
       +[](R& r) { return Pem(r, "private-key", "RSA PRIVATE KEY", 1600); }},
      {"private-key",
       +[](R& r) {
         return "certs/server-" + r.Chars(kLowerDigits, 4) + ".key";
       },
       +[](R& r) { return Pem(r, "private-key", "PRIVATE KEY", 1200); }},
      {"private-key",
       +[](R& r) { return "certs/ec-" + r.Chars(kLowerDigits, 4) + ".pem"; },
       +[](R& r) { return Pem(r, "private-key", "EC PRIVATE KEY", 160); }},
      {"private-key",
       +[](R& r) { return ".ssh/id_ed25519_" + r.Chars(kLowerDigits, 4); },
       +[](R& r) { return Pem(r, "private-key", "OPENSSH PRIVATE KEY", 380); }},
      {"private-key",
       +[](R& r) { return "certs/enc-" + r.Chars(kLowerDigits, 4) + ".pem"; },
       +[](R& r) {
         return Pem(r, "private-key", "ENCRYPTED PRIVATE KEY", 1700);
       }},
      {"private-key",
       +[](R& r) {
         return "keys/release-" + r.Chars(kLowerDigits, 4) + ".asc";
       },
       +[](R& r) {
         return Pem(r, "private-key", "PGP PRIVATE KEY BLOCK", 2000,
                    {"Version: GnuPG v2"});
       }},
      {"private-key",
       +[](R& r) { return "keys/putty-" + r.Chars(kLowerDigits, 4) + ".ppk"; },
       +[](R& r) {
         Snippet s;
         s.lines = {"PuTTY-User-Key-File-3: ssh-ed25519",
                    "Encryption: none",
                    "Comment: deploy@acme",
                    "Public-Lines: 2",
                    r.Chars(kBase64, 64),
                    r.Chars(kBase64, 16) + "=",
                    "Private-Lines: 1",
                    r.Chars(kBase64, 44),
                    "Private-MAC: " + r.Chars(kHex, 64)};
         s.marks.push_back({"private-key", s.lines[7], 0, 8});
         return s;
       }},
      {"gcp",
       +[](R& r) {
         return "infra/gcp/sa-" + r.Chars(kLowerDigits, 5) + ".json";
       },
       +[](R& r) {
         std::string pem = "-----BEGIN PRIVATE KEY-----\\n";
         for (const std::string& l : Wrap(r.Chars(kBase64, 1600), 64))
           pem += l + "\\n";
         pem += "-----END PRIVATE KEY-----\\n";
         Snippet s;
         s.lines = {"{",
                    "  \"type\": \"service_account\",",
                    "  \"project_id\": \"acme-prod-123\",",
                    "  \"private_key_id\": \"" + r.Chars(kHex, 40) + "\",",
                    "  \"private_key\": \"" + pem + "\",",
                    "  \"client_email\": "
                    "\"ci@acme-prod-123.iam.gserviceaccount.com\",",
                    "  \"client_id\": \"" + r.Chars(kDigits, 21) + "\"",
                    "}"};
         s.marks.push_back({"gcp", pem.substr(30, 40), 4, 4});
         return s;
       }},
      {"docker-config",
       +[](R& r) {
         return "ci/docker-" + r.Chars(kLowerDigits, 4) + "/config.json";
       },
       +[](R& r) {
         std::string auth = Base64("ci-bot:" + r.Chars(kAlnum, 24));
         Snippet s;
         s.lines = {"{",
                    "  \"auths\": {",
                    "    \"registry.acme-corp.net\": {",
                    "      \"auth\": \"" + auth + "\"",
                    "    }",
                    "  }",
                    "}"};
         s.marks.push_back({"docker-config", auth, 3, 3});
         return s;
       }},
      {"kubeconfig",
       +[](R& r) {
         return "deploy/kubeconfig-" + r.Chars(kLowerDigits, 4) + ".yaml";
       },
       +[](R& r) {
         std::string pem = "-----BEGIN RSA PRIVATE KEY-----\n" +
                           r.Chars(kBase64, 900) +
                           "\n-----END RSA PRIVATE KEY-----\n";
         std::string key = Base64(pem);
         std::string token =
             r.Chars(kAlnum, 6) + "." + r.Chars(kLowerDigits, 16);
         Snippet s;
         s.lines = {"apiVersion: v1",
                    "kind: Config",
                    "clusters:",
                    "- cluster:",
                    "    server: https://k8s.acme-corp.net:6443",
                    "  name: prod",
                    "users:",
                    "- name: admin",
                    "  user:",
                    "    client-key-data: " + key,
                    "- name: ci",
                    "  user:",
                    "    token: " + token + r.Chars(kAlnum, 20)};
         s.marks.push_back({"kubeconfig", key, 9, 9});
         s.marks.push_back({"kubeconfig", token, 12, 12});
         return s;
       }},
      {"npmrc",
       +[](R& r) { return "web-" + r.Chars(kLowerDigits, 4) + "/.npmrc"; },
       +[](R& r) {
         std::string t = Uuid(r);
         Snippet s;
         s.lines = {"registry=https://registry.npmjs.org/",
                    "//registry.npmjs.org/:_authToken=" + t,
                    "always-auth=true"};
         s.marks.push_back({"npmrc", t, 1, 1});
         return s;
       }},
      {"pypirc",
       +[](R& r) { return "pkg-" + r.Chars(kLowerDigits, 4) + "/.pypirc"; },
       +[](R& r) {
         std::string pw = r.Chars(kAlnum, 20 + r.Below(10));
         Snippet s;
         s.lines = {"[distutils]",
                    "index-servers = internal",
                    "",
                    "[internal]",
                    "repository = https://pypi.acme-corp.net/",
                    "username = deploy",
                    "password = " + pw};
         s.marks.push_back({"pypirc", pw, 6, 6});
         return s;
       }},
      {"netrc",
       +[](R& r) { return "home-" + r.Chars(kLowerDigits, 4) + "/.netrc"; },
       +[](R& r) {
         std::string pw = r.Chars(kAlnum, 24 + r.Below(16));
         Snippet s;
         s.lines = {"machine api.acme-corp.net", "  login deploy",
                    "  password " + pw};
         s.marks.push_back({"netrc", pw, 0, 2});
         return s;
       }},
      {"git-credentials",
       +[](R& r) {
         return "ci-" + r.Chars(kLowerDigits, 4) + "/.git-credentials";
       },
       +[](R& r) {
         std::string t = "ghp_" + r.Chars(kAlnum, 36);
         if (r.Below(2) == 0) t = r.Chars(kAlnum, 32);
         return OneLine("git-credentials",
                        "https://deploy:" + t + "@git.acme-corp.net", t);
       }},
  };
  return kFormats;
}

// Connection strings and URLs, placed like token lines by the generator.
std::vector<Snippet> ConnectionSnippets(Random& r) {
  std::vector<Snippet> out = {
      UrlSnippet(r, "url-postgres", "postgresql", "DATABASE_URL",
                 ":5432/orders"),
      UrlSnippet(r, "url-mysql", "mysql", "MYSQL_URL", ":3306/shop"),
      UrlSnippet(r, "url-mongodb", "mongodb+srv", "MONGO_URI",
                 "/app?retryWrites=true"),
      UrlSnippet(r, "url-redis", "rediss", "REDIS_URL", ":6380/0"),
      UrlSnippet(r, "url-amqp", "amqps", "AMQP_URL", ":5671/vhost"),
      UrlSnippet(r, "url-ftp", "ftp", "FTP_URL", "/uploads"),
      UrlSnippet(r, "url-https", "https", "ARTIFACT_URL", "/repo/releases"),
  };
  std::string key = r.Chars(kBase64, 86) + "==";
  out.push_back(
      OneLine("azure",
              "AZURE_STORAGE_CONNECTION_STRING=\"DefaultEndpointsProtocol="
              "https;AccountName=acmeprod;AccountKey=" +
                  key + ";EndpointSuffix=core.windows.net\"",
              key));
  std::string sig = r.Chars(kBase64, 43) + "%3D";
  out.push_back(OneLine("azure",
                        "  blob_url: "
                        "https://acmeprod.blob.core.windows.net/exports/"
                        "data.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2031-01-"
                        "01T00:00:00Z&spr=https&sig=" +
                            sig,
                        sig));
  std::string jwt = Base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." +
                    Base64Url("{\"sub\":\"svc-" + r.Chars(kLowerDigits, 8) +
                              "\",\"iat\":1700000000}") +
                    "." + r.Chars(kUrlSafe, 86);
  out.push_back(OneLine(
      "jwt", "    headers = {\"Authorization\": \"Bearer " + jwt + "\"}", jwt));
  std::string pw = r.Chars(kAlnum, 20);
  out.push_back(OneLine("generic",
                        "Server=tcp:" + Host(r) +
                            ",1433;Database=app;User ID=app;Password=" + pw +
                            ";Encrypt=True;",
                        pw));
  return out;
}

}  // namespace pushguard::corpus

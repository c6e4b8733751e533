// The generic families that need their own rules (driver-specific connection
// forms, passwords on command lines, tokens in URLs and calls, secrets in Go
// const blocks and Terraform variables), and the noise of real code: binary
// files, vendored trees, identifiers, published example credentials and
// password hashes.
#include <random>

#include "corpus.h"

namespace pushguard::corpus {
namespace {

using R = Random;

Snippet Line(const std::string& family, const std::string& line,
             const std::string& secret) {
  return Snippet{{line}, {{family, secret, 0, 0}}};
}

std::string Password(R& r) { return r.Chars(kAlnum, 16 + r.Below(12)); }

std::string Bytes(R& r, size_t n) {
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>(r.Below(256));
  return out;
}

// What random bytes hold by chance: a secret-like name, `=` and binary bytes.
std::string ChanceAssignment(R& r) {
  std::string value;
  for (int i = 0; i < 24; ++i) {
    value += static_cast<char>(i % 5 == 0 ? 0x01 + r.Below(8)
                                          : 0x80 + r.Below(0x7F));
  }
  return r.Pick<std::string>({"token=", "password=", "secret: ", "pw="}) +
         value + "\n";
}

}  // namespace

std::vector<Snippet> GenericFamilySnippets(Random& r) {
  std::string pw[12];
  for (std::string& p : pw) p = Password(r);
  std::string user = "svc_" + r.Chars("abcdefghijklmnopqrstuvwxyz", 4);
  std::string tg = std::to_string(1000000000 + r.Below(999999999)) + ":AA" +
                   r.Chars(kUrlSafe, 33);
  std::string discord = r.Pick<std::string>({"M", "N", "O"}) +
                        r.Chars(kUrlSafe, 25) + "." + r.Chars(kUrlSafe, 6) +
                        "." + r.Chars(kUrlSafe, 38);
  return {
      Line("go-mysql-dsn",
           "\tdb, err := sql.Open(\"mysql\", \"" + user + ":" + pw[0] +
               "@tcp(db.internal:3306)/orders?parseTime=true\")",
           pw[0]),
      Line("jdbc-positional",
           "    Connection c = DriverManager.getConnection(url, \"" + user +
               "\", \"" + pw[1] + "\");",
           pw[1]),
      Line("ado-net",
           "  \"Orders\": \"Data Source=sql01;User ID=" + user +
               ";Password=" + pw[2] + ";Initial Catalog=Orders\",",
           pw[2]),
      Line("cli-mysql",
           "mysql -u root -p'" + pw[3] + "' -h db.internal orders < seed.sql",
           pw[3]),
      Line("cli-mysql", "mysqldump -uroot -p" + pw[4] + " orders > dump.sql",
           pw[4]),
      Line("cli-pgpassword",
           "PGPASSWORD=" + pw[5] + " psql -h db -U app -c 'select 1'", pw[5]),
      Line("cli-sshpass", "sshpass -p '" + pw[6] + "' ssh deploy@10.0.0.5",
           pw[6]),
      Line("cli-curl",
           "curl -sf -u " + user + ":" + pw[7] +
               " https://ci.acme-corp.net/api/json",
           pw[7]),
      Line("cli-htpasswd", "htpasswd -bc /etc/nginx/.htpasswd admin " + pw[8],
           pw[8]),
      Line("telegram-url",
           "requests.post(\"https://api.telegram.org/bot" + tg +
               "/sendMessage\", data=payload)",
           tg),
      Line("discord-call", "client.run(\"" + discord + "\")", discord),
      Snippet{{"const (", "\tdefaultUser     = \"svc\"",
               "\tdefaultPassword = \"" + pw[9] + "\"", ")"},
              {{"go-const-block", pw[9], 2, 2}}},
      Snippet{{"variable \"db_password\" {", "  type      = string",
               "  default   = \"" + pw[10] + "\"", "}"},
              {{"terraform-variable", pw[10], 0, 2}}},
  };
}

std::vector<std::string> NoiseLines(Random& r) {
  return {
      // Identifiers, type names, calls and constant references.
      "\ttoken := yaml_token_t{",
      "\tvar token yaml_token_t",
      "password = DEFAULT_ADMIN_PASSWORD",
      "token = kDefaultTokenValue;",
      "apiKey := config.APIKey",
      "secret_key = SecretKey{Value: v}",
      // Published example credentials.
      "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
      "client_secret = \"7Fjfp0ZBr1KtDRbnfVdmIw\"",
      "apiKey: \"AIzaSyDOCAbC123dEf456GhI789jKl012-MnO\",",
      "STRIPE_PUBLISHABLE_KEY=pk_test_TYooMQauvdEDq54NiTphI7jx",
      "kubeadm join --token 07401b.f395accd246ae52d 10.0.0.1:6443",
      "check(\"http://us%65r:p%61ssword@example.org/\")",
      // Short or malformed tokens, ids.
      "SLACK_TOKEN=xoxb-123-456",
      "VAULT_TOKEN=hvs.short",
      "role_arn = \"arn:aws:iam::123456789012:role/deploy\"",
      "credential_id = \"" + Uuid(r) + "\"",
      "client_id = \"" + Uuid(r) + "\"",
  };
}

// Files that must not block: binary files, and vendored trees whose generic
// findings are only warnings (`warn_paths`), password hashes likewise.
std::map<std::string, std::string> NoiseFiles(
    Random& r, std::set<std::string>* warn_paths) {
  std::map<std::string, std::string> files;
  files["assets/logo.png"] = std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16) +
                             Bytes(r, 2000) + ChanceAssignment(r) +
                             Bytes(r, 2000);
  files["assets/fonts/inter.woff2"] = std::string("wOF2\0\x01\0\0", 8) +
                                      Bytes(r, 3000) + ChanceAssignment(r) +
                                      Bytes(r, 1000);
  files["data/sample.bin"] =
      Bytes(r, 200000) + ChanceAssignment(r) + Bytes(r, 200000);
  std::string vendored = "package yaml\n\nfunc parse() {\n";
  vendored += "\ttoken := yaml_token_t{\n\t}\n";
  vendored += "\ttestPassword := \"" + Password(r) + "\"\n}\n";
  files["vendor/gopkg.in/yaml.v3/parserc.go"] = vendored;
  warn_paths->insert("vendor/gopkg.in/yaml.v3/parserc.go");
  files["web/node_modules/pg/test/config.js"] =
      "module.exports = { password: '" + Password(r) + "' };\n";
  warn_paths->insert("web/node_modules/pg/test/config.js");
  std::string hashes = "users:\n";
  hashes += "  admin_password: $2b$12$" + r.Chars(kAlnum, 53) + "\n";
  hashes += "  root_password: $6$rounds=5000$" + r.Chars(kAlnum, 8) + "$" +
            r.Chars(kAlnum, 86) + "\n";
  hashes += "  ops_password: \"$argon2id$v=19$m=65536,t=3,p=4$" +
            r.Chars(kAlnum, 22) + "$" + r.Chars(kAlnum, 43) + "\"\n";
  files["config/users.yaml"] = hashes;
  warn_paths->insert("config/users.yaml");
  return files;
}

}  // namespace pushguard::corpus

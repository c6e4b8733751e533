// Hard negatives: lines that name or resemble secrets without being one.
#include "corpus.h"

namespace pushguard::corpus {

std::vector<std::string> HardNegatives(Random& r) {
  auto hex = [&](size_t n) { return r.Chars(kHex, n); };
  auto b64 = [&](size_t n) { return r.Chars(kBase64, n); };
  return {
      // References to secrets kept elsewhere.
      "AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID}",
      "  password: \"{{ .Values.postgres.password }}\"",
      "      GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}",
      "api_key = os.environ[\"OPENAI_API_KEY\"]",
      "  password = var.db_password",
      "const token = process.env.SLACK_BOT_TOKEN;",
      "export STRIPE_SECRET_KEY=$STRIPE_SECRET_KEY",
      "String password = System.getenv(\"DB_PASSWORD\");",
      "password := os.Getenv(\"DB_PASSWORD\")",
      "  client_secret: !vault |",
      "    secretKeyRef:",
      "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app",
      // Placeholders, masked and documented example values.
      "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      "aws_access_key_id = AKIA****************",
      "OPENAI_API_KEY=<your-openai-api-key>",
      "DB_PASSWORD=changeme",
      "  password: REDACTED",
      "api_key: \"your_api_key_here\"",
      "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
      "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "STRIPE_KEY=sk_live_XXXXXXXXXXXXXXXXXXXXXXXX",
      "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/XXXXXXXXX/XXXXXXXXX/"
      "XXXXXXXXXXXXXXXXXXXXXXXX",
      "password: \"12345678\"",
      "token = \"abcdefghijklmnopqrstuvwxyz\"",
      "DATABASE_URL=postgres://user:password@localhost:5432/dev",
      "REDIS_URL=redis://localhost:6379/0",
      // Digests, checksums, ids.
      "sha256: " + hex(64),
      "commit " + hex(40),
      "  \"integrity\": \"sha512-" + b64(86) + "==\",",
      "checksum = \"" + hex(64) + "\"",
      "ETag: \"" + hex(32) + "\"",
      "image: nginx@sha256:" + hex(64),
      "git_sha = \"" + hex(40) + "\"",
      "token_hash = \"" + hex(64) + "\"",
      "request_id = \"" + Uuid(r) + "\"",
      "  \"id\": \"" + Uuid(r) + "\",",
      "correlationId: " + Uuid(r),
      "api_key_id = \"" + Uuid(r) + "\"",
      // Base64 data and public keys.
      "logo = \"data:image/png;base64," + b64(240) + "\"",
      "  icon: " + b64(120) + "==",
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + b64(340) + " deploy@acme",
      "public_key = \"" + r.Chars(kAlnum, 44) + "\"",
      "  k8s_secret_data: " + Base64("password"),
      // Code that only names secrets.
      "def get_secret(name):",
      "    token = request.headers.get(\"Authorization\")",
      "if password != confirm_password:",
      "    apiKey: process.env.API_KEY,",
      "secret_name = \"prod/db/credentials\"",
      "token_type = \"Bearer\"",
      "password_min_length = 12",
      "SECRET_KEY = get_random_secret_key()",
      "max_tokens = 4096",
      "    private_key_path = \"/etc/ssl/private/server.key\"",
      "  token_url: https://auth.acme-corp.net/oauth/token",
      "password = getpass.getpass(\"Password: \")",
      "const secretName = 'payments-api-credentials';",
      "tokenizer = AutoTokenizer.from_pretrained(\"bert-base-uncased\")",
  };
}

}  // namespace pushguard::corpus

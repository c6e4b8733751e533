#!/bin/sh
# Writes a synthetic audit log on stdout: N records (JSON Lines in the
# format src/audit/record.cc writes, about 960 bytes each), time-ordered,
# 10,000 pushes a day ending now, from 4 nodes, 500 repositories and 300
# users. About 5 % are rejections (1-3 blocking
# findings), 5 % carry warn-mode findings, 3 % evaluate-mode hits, 0.5 %
# bypasses, 0.2 % errors. Deterministic (fixed seed).
#   sh bench/gen_audit_log.sh N > audit.jsonl
set -eu
n=${1:-1000000}
end_s=$(date -u +%s)
exec awk -v n="$n" -v end_s="$end_s" '
function pad(x, w) { x = x ""; while (length(x) < w) x = "0" x; return x }
# days since 1970-01-01 -> "YYYY-MM-DD" (Howard Hinnant civil_from_days)
function civil(z,   era, doe, yoe, y, doy, mp, d, m) {
  z += 719468; era = int(z / 146097); doe = z - era * 146097
  yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
  y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
  mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
  m = mp < 10 ? mp + 3 : mp - 9; if (m <= 2) y++
  return y "-" pad(m, 2) "-" pad(d, 2)
}
function stamp(ms,   s, day, rest) {
  s = int(ms / 1000); day = int(s / 86400); rest = s - day * 86400
  return civil(day) "T" pad(int(rest / 3600), 2) ":" pad(int(rest % 3600 / 60), 2) ":" \
    pad(rest % 60, 2) "." pad(ms % 1000, 3) "Z"
}
function hex(k,   s, i) { s = ""; for (i = 0; i < k; i++) s = s substr("0123456789abcdef", int(rand() * 16) + 1, 1); return s }
function finding(kind, rule, mode, sev, wb, ref, commit, path, line) {
  return "{\"kind\":\"" kind "\",\"rule\":\"" rule "\",\"mode\":\"" mode "\",\"severity\":\"" sev \
    "\",\"would_block\":" wb ",\"ref\":\"" ref "\",\"commit\":\"" commit "\",\"path\":\"" path \
    "\",\"line\":" line ",\"column\":" int(rand() * 80 + 1) ",\"fingerprint\":\"" hex(32) "\"}"
}
BEGIN {
  srand(42)
  split("aws-access-key-id github-pat slack-webhook private-key gcp-service-account generic-api-key stripe-secret-key", secret)
  split("max-file-size forbidden-path protected-branch", policy)
  split("todo-credentials large-binary", warnrule)
  step = 8640  # ms between pushes: 10,000 a day
  t0 = end_s * 1000 - n * step
  for (i = 0; i < n; i++) {
    ms = t0 + i * step + int(rand() * 2000)
    repo = "platform-group-" int(rand() * 50) "/payments-service-" int(rand() * 10)
    user = "developer" int(rand() * 300) "-eu"
    node = "git" int(rand() * 4 + 1) ".prod.eu-west-1.example.com"
    branch = rand() < 0.6 ? "main" : "feature/PAY-" int(rand() * 5000) "-rework-settlement"
    ref = "refs/heads/" branch
    commit = hex(40)
    r = rand()
    verdict = "accept"; accepted = "true"; err = ""; findings = ""; nf = 0
    blocking = 0; warnings = 0; wb = 0; bypasses = ""
    if (r < 0.05) {
      verdict = "reject"; accepted = "false"; k = int(rand() * 3) + 1
      for (j = 0; j < k; j++) {
        rule = secret[int(rand() * 7) + 1]
        findings = findings (nf++ ? "," : "") finding("secret", rule, "enforce", "block", "false", ref, commit, "src/config/settings-" j ".yaml", int(rand() * 400 + 1))
        blocking++
      }
      if (rand() < 0.2) {
        findings = findings "," finding("policy", policy[int(rand() * 3) + 1], "enforce", "block", "false", ref, commit, "assets/big-" j ".bin", 0)
        nf++; blocking++
      }
    } else if (r < 0.10) {
      findings = finding("policy", warnrule[int(rand() * 2) + 1], "warn", "warn", "false", ref, commit, "docs/notes.md", int(rand() * 90 + 1))
      nf = 1; warnings = 1
    } else if (r < 0.13) {
      findings = finding("secret", "generic-password", "evaluate", "info", "true", ref, commit, "test/fixtures/login.txt", int(rand() * 50 + 1))
      nf = 1; wb = 1
    } else if (r < 0.135) {
      rule = secret[int(rand() * 7) + 1]
      findings = finding("secret", rule, "enforce", "block", "false", ref, commit, "deploy/key.pem", 1)
      nf = 1; blocking = 1
      bypasses = "{\"user\":\"" user "\",\"reason\":\"test fixture, revoked\",\"rules\":[\"" rule "\"],\"ref\":\"" ref "\",\"commits\":[\"" commit "\"]}"
    } else if (r < 0.137) {
      verdict = "error"; accepted = "false"; err = "cannot read object " hex(40)
    }
    old = hex(40)
    refs = "{\"ref\":\"" ref "\",\"old\":\"" old "\",\"new\":\"" commit "\",\"change\":\"update\"}"
    if (rand() < 0.95) {
      refs = refs ",{\"ref\":\"refs/tags/v" int(rand() * 90) "." int(rand() * 90) "." int(rand() * 900) "\",\"old\":\"0000000000000000000000000000000000000000\",\"new\":\"" hex(40) "\",\"change\":\"create\"}"
    }
    printf "{\"version\":1,\"time\":\"%s\",\"push_id\":\"%s-%s-%s-%s-%s\",\"node\":\"%s\",\"repository\":\"%s\",\"user\":\"%s\",\"user_source\":\"GL_USERNAME\",\"protocol\":\"ssh\",\"server\":\"gitlab\",\"refs\":[%s],\"verdict\":\"%s\",\"accepted\":%s,\"error\":\"%s\",\"findings\":[%s],\"findings_total\":%d,\"blocking\":%d,\"warnings\":%d,\"would_block\":%d,\"bypasses\":[%s],\"stats\":{\"commits\":%d,\"blobs\":%d,\"bytes\":%d},\"elapsed_ms\":%d,\"pushguard_version\":\"0.1.0\",\"policy_hash\":\"sha256:%s\"}\n", \
      stamp(ms), hex(8), hex(4), hex(4), hex(4), hex(12), node, repo, user, refs, verdict, accepted, err, findings, nf, blocking, warnings, wb, bypasses, \
      int(rand() * 20 + 1), int(rand() * 60 + 1), int(rand() * 900000), int(rand() * 400 + 20), \
      "5f1c0b7e9d2a4c3b8e6f1a0d9c7b5e3a2f1d0c9b8a7e6d5c4b3a2f1e0d9c8b7a"
  }
}'

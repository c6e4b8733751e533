#include "fuzz_targets.h"

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "base/finding.h"
#include "match/matcher.h"
#include "policy/push_policies.h"
#include "refs/ref_update.h"
#include "report/json.h"
#include "report/text.h"
#include "rules/embedded.h"
#include "rules/loader.h"

namespace pushguard::fuzz {
namespace {

std::string_view View(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

void Require(bool invariant) {
  if (!invariant) std::abort();
}

// Splits input into `n` fields at NUL bytes (missing fields are empty).
std::vector<std::string> Fields(std::string_view input, size_t n) {
  std::vector<std::string> fields(n);
  for (size_t i = 0; i < n; ++i) {
    size_t end = input.find('\0');
    fields[i] = std::string(input.substr(0, end));
    if (end == std::string_view::npos) break;
    input.remove_prefix(end + 1);
  }
  return fields;
}

}  // namespace

void RefUpdates(const uint8_t* data, size_t size) {
  for (size_t hex : {40, 64}) {
    Result<std::vector<refs::RefUpdate>> r =
        refs::ParseRefUpdates(View(data, size), hex);
    if (!r.ok()) {
      Require(!r.status().message().empty());
      continue;
    }
    for (const refs::RefUpdate& u : *r) {
      Require(u.old_oid.size() == hex && u.new_oid.size() == hex);
      Require(refs::CheckRefName(u.ref).ok());
    }
  }
}

void PolicyLoader(const uint8_t* data, size_t size) {
  std::vector<rules::Diagnostic> problems;
  rules::Policy policy = rules::LoadPolicy(
      {{"fuzz.yaml", std::string(View(data, size))}}, &problems);
  auto compiled = match::RuleSet::Compile(policy, &problems);
  policy::PushPolicies::Compile(policy, &problems);
  for (const rules::Diagnostic& d : problems) Require(!d.ToString().empty());
  // The same file twice: every policy is then changed by a later layer,
  // which is where mandatory policies are kept from being weakened.
  std::string text(View(data, size));
  rules::Policy twice =
      rules::LoadPolicy({{"org.yaml", text}, {"repo.yaml", text}}, &problems);
  for (const rules::PushPolicy& p : twice.push_policies) {
    Require(static_cast<size_t>(p.type) < rules::kPolicyTypeCount);
    Require(rules::CheckParams(p, &problems));
  }
  match::Scanner scanner(*compiled);
  std::vector<match::SecretMatch> found;
  Status s = scanner.Scan(View(data, size), &found);
  (void)s;
}

void Matcher(const uint8_t* data, size_t size) {
  static const auto* rules = [] {
    std::vector<rules::Diagnostic> problems;
    static rules::Policy policy =
        rules::LoadPolicy(rules::EmbeddedPolicies(), &problems);
    return match::RuleSet::Compile(policy, &problems).release();
  }();
  match::Scanner scanner(*rules);
  std::vector<match::SecretMatch> found;
  Status s = scanner.Scan(View(data, size), &found);
  (void)s;
  for (const match::SecretMatch& m : found) {
    Require(m.start < m.end && m.end <= size);
    Require(m.line >= 1 && m.column >= 1);
    Require(m.first_line <= m.line && m.line <= m.last_line);
  }
}

void Reports(const uint8_t* data, size_t size) {
  std::vector<std::string> f = Fields(View(data, size), 6);
  Decision d;
  d.accepted = f[5].size() % 2 == 0;
  Finding finding;
  finding.path = f[0];
  finding.ref = f[1];
  finding.rule = f[2];
  finding.description = f[3];
  finding.message = f[3];
  finding.remediation = f[4];
  finding.commit = f[1];
  finding.secret = f[2];
  d.findings.push_back(finding);
  d.error = f[5];
  std::string text = report::RenderText(d, report::TextOptions{});
  for (char c : text) {
    Require(c == '\n' || static_cast<unsigned char>(c) >= 0x20);
    Require(c != 0x7F);
  }
  std::string json = report::RenderJson(d);
  Require(!json.empty() && json.back() == '\n');
  for (size_t i = 0; i + 1 < json.size(); ++i) {
    Require(static_cast<unsigned char>(json[i]) >= 0x20);
  }
}

}  // namespace pushguard::fuzz

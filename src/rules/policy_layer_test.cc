#include "rules/policy_layer.h"

#include <doctest/doctest.h>

#include "rules/loader.h"

namespace pushguard::rules {
namespace {

Policy Load(const std::vector<PolicySource>& layers,
            std::vector<std::string>* problems = nullptr) {
  std::vector<Diagnostic> found;
  Policy p = LoadPolicy(layers, &found);
  if (problems != nullptr) {
    *problems = ToStrings(found);
  } else {
    INFO(FormatDiagnostics(found));
    CHECK(found.empty());
  }
  return p;
}

// One string, so that a failing CHECK shows the problems themselves.
std::string Lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

const PushPolicy* Find(const Policy& p, const std::string& id) {
  for (const PushPolicy& x : p.push_policies) {
    if (x.id == id) return &x;
  }
  return nullptr;
}

const char kOrg[] = R"(
policies:
  - id: max-size
    type: max_blob_size
    max_size: 5 MiB
    require_lfs: ["*.psd"]
    mandatory: true
    scope: {refs: ["refs/heads/**"], exempt_users: [bot]}
    bypass: {bypassable: true, users: [alice]}
    remediation: Use Git LFS.
  - id: conventional
    type: commit_message
    mode: warn
    must_match: '^(feat|fix)(\(.+\))?: '
    modes: [{refs: [refs/heads/main], mode: enforce}]
)";

}  // namespace

TEST_CASE("a push policy is read with its type parameters, scope and bypass") {
  Policy p = Load({{"org.yaml", kOrg}});
  REQUIRE(p.push_policies.size() == 2);
  const PushPolicy& size = p.push_policies[0];
  CHECK(size.type == PolicyType::kMaxBlobSize);
  CHECK(size.Get(params::kMaxSize) == 5 * 1024 * 1024);
  CHECK(size.Get(params::kRequireLfs) == std::vector<std::string>{"*.psd"});
  CHECK(size.Get(params::kExemptPaths).empty());
  CHECK(size.mandatory);
  CHECK(size.mandatory_origin.line == 7);
  CHECK(size.scope.refs == std::vector<std::string>{"refs/heads/**"});
  CHECK(size.scope.exempt_users == std::vector<std::string>{"bot"});
  CHECK(size.bypass.bypassable);
  CHECK(size.bypass.users == std::vector<std::string>{"alice"});
  CHECK(size.origin.file == "org.yaml");
  CHECK(size.origin.line == 3);
  const PushPolicy& msg = p.push_policies[1];
  CHECK(msg.mode == Mode::kWarn);
  CHECK_FALSE(msg.Get(params::kCheckMerges));
  REQUIRE(msg.modes.size() == 1);
  CHECK(msg.modes[0].mode == Mode::kEnforce);
}

TEST_CASE("policy problems name file, line, policy and field, all at once") {
  std::vector<std::string> problems;
  Load({{"bad.yaml", R"(
policies:
  - id: a
    type: max_blob_sise
  - id: b
    type: forbidden_paths
    pathz: ["*.pem"]
  - id: c
    type: protected_refs
    forbid: [delete, rename]
  - id: d
    type: max_blob_size
    max_size: huge
  - id: e
    type: signatures
    openpgp_keyring: keys.gpg
    mode: block
)"}},
       &problems);
  CHECK(
      Lines(problems) ==
      Lines({"bad.yaml:4: rule 'a': type: unknown policy type 'max_blob_sise' "
             "(did you mean 'max_blob_size'?)",
             "bad.yaml:7: rule 'b': pathz: unknown key (did you mean 'paths'?)",
             "bad.yaml:10: rule 'c': forbid[1]: unknown value 'rename'",
             "bad.yaml:13: rule 'd': max_size: expected a size such as 10MiB, "
             "500KB or 1048576",
             "bad.yaml:17: rule 'e': mode: expected enforce, warn or evaluate, "
             "got 'block'",
             "bad.yaml:16: rule 'e': openpgp_keyring: must be an absolute path",
             "bad.yaml:5: rule 'b': a forbidden_paths policy needs at least "
             "one of: paths, regex, extensions",
             "bad.yaml:8: rule 'c': scope.refs: missing (name the refs to "
             "protect, e.g. [refs/heads/main, refs/heads/release/*])",
             "bad.yaml:11: rule 'd': a max_blob_size policy needs at least one "
             "of: max_size, require_lfs",
             "bad.yaml:14: rule 'e': a signatures policy needs at least one "
             "of: openpgp_keyring, ssh_allowed_signers"}));
}

TEST_CASE("a later layer changes single fields of a policy or disables it") {
  Policy p = Load({{"org.yaml", kOrg},
                   {"repo.yaml",
                    "policies:\n  - id: conventional\n    mode: evaluate\n"
                    "  - id: new-one\n    type: no_merge_commits\n"}});
  const PushPolicy* msg = Find(p, "conventional");
  REQUIRE(msg != nullptr);
  CHECK(msg->mode == Mode::kEvaluate);
  CHECK(msg->Get(params::kMustMatch) == "^(feat|fix)(\\(.+\\))?: ");
  CHECK(msg->changed_by == std::vector<std::string>{"repo.yaml"});
  CHECK(Find(p, "new-one") != nullptr);

  p = Load(
      {{"org.yaml", kOrg},
       {"repo.yaml", "policies:\n  - id: conventional\n    enabled: false\n"}});
  CHECK(Find(p, "conventional") == nullptr);
  CHECK(p.ignored.empty());
}

TEST_CASE(
    "a mandatory policy cannot be disabled or weakened by a later layer") {
  Policy p = Load({{"/etc/pushguard/org.yaml", kOrg},
                   {"/srv/git/app.git/pushguard.yaml", R"(
policies:
  - id: max-size
    mode: warn
    max_size: 50MiB
    require_lfs: []
    scope: {refs: [refs/heads/main], exempt_users: [bot, mallory]}
    bypass: {users: [alice, mallory]}
    mandatory: false
    remediation: Ask the platform team.
)"}});
  const PushPolicy* size = Find(p, "max-size");
  REQUIRE(size != nullptr);
  CHECK(size->mode == Mode::kEnforce);
  CHECK(size->Get(params::kMaxSize) == 5 * 1024 * 1024);
  CHECK(size->Get(params::kRequireLfs) == std::vector<std::string>{"*.psd"});
  CHECK(size->scope.refs == std::vector<std::string>{"refs/heads/**"});
  CHECK(size->scope.exempt_users == std::vector<std::string>{"bot"});
  CHECK(size->bypass.users == std::vector<std::string>{"alice"});
  CHECK(size->mandatory);
  CHECK(size->remediation == "Ask the platform team.");  // not a weakening
  const std::string why =
      "ignored: the policy is mandatory (/etc/pushguard/org.yaml:7) and this "
      "would weaken it";
  const std::string file = "/srv/git/app.git/pushguard.yaml";
  CHECK(Lines(ToStrings(p.ignored)) ==
        Lines({file + ":9: rule 'max-size': mandatory: " + why,
               file + ":4: rule 'max-size': mode: " + why,
               file + ":7: rule 'max-size': scope: " + why,
               file + ":8: rule 'max-size': bypass: " + why,
               file + ":5: rule 'max-size': max_size: " + why,
               file + ":6: rule 'max-size': require_lfs: " + why}));

  p = Load({{"/etc/pushguard/org.yaml", kOrg},
            {file, "policies:\n  - id: max-size\n    enabled: false\n"}});
  CHECK(Find(p, "max-size") != nullptr);
  CHECK(Lines(ToStrings(p.ignored)) ==
        Lines({file + ":3: rule 'max-size': enabled: ignored: the policy is "
                      "mandatory (/etc/pushguard/org.yaml:7) and cannot be "
                      "disabled here"}));
}

TEST_CASE("a later layer may make a mandatory policy stricter") {
  Policy p = Load({{"org.yaml", kOrg}, {"repo.yaml", R"(
policies:
  - id: max-size
    max_size: 1MiB
    require_lfs: ["*.psd", "*.zip"]
    scope: {exempt_users: []}
)"}});
  const PushPolicy* size = Find(p, "max-size");
  REQUIRE(size != nullptr);
  CHECK(size->Get(params::kMaxSize) == 1024 * 1024);
  CHECK(size->Get(params::kRequireLfs).size() == 2);
  CHECK(size->scope.exempt_users.empty());
  CHECK(p.ignored.empty());
}

TEST_CASE("a new policy needs a known type; a type cannot change later") {
  std::vector<std::string> problems;
  Load({{"org.yaml", kOrg},
        {"repo.yaml",
         "policies:\n  - id: conventionl\n    mode: warn\n"
         "  - id: conventional\n    type: signed_off_by\n"}},
       &problems);
  CHECK(
      Lines(problems) ==
      Lines({"repo.yaml:2: rule 'conventionl': type: missing (a new policy "
             "needs a type; no earlier layer defines 'conventionl' (did you "
             "mean 'conventional'?))",
             "repo.yaml:5: rule 'conventional': type: cannot change the type "
             "of a policy defined in org.yaml:11 (was 'commit_message'); use a "
             "new id"}));
}

TEST_CASE("sizes take units; every type's defaults are valid values") {
  std::vector<std::string> problems;
  Policy p = Load({{"s.yaml",
                    "policies:\n"
                    "  - {id: a, type: max_blob_size, max_size: 1500}\n"
                    "  - {id: b, type: max_blob_size, max_size: 2KB}\n"
                    "  - {id: c, type: max_blob_size, max_size: 1gib}\n"}});
  CHECK(p.push_policies[0].Get(params::kMaxSize) == 1500);
  CHECK(p.push_policies[1].Get(params::kMaxSize) == 2000);
  CHECK(p.push_policies[2].Get(params::kMaxSize) == int64_t{1} << 30);
  CHECK(p.push_policies[0].Unit(params::kMaxSize) == "");
  CHECK(p.push_policies[1].Unit(params::kMaxSize) == "KB");
  CHECK(p.push_policies[2].Unit(params::kMaxSize) == "GiB");
  for (const PolicyTypeSpec& type : PolicyTypes()) {
    for (const ParamSpec& spec : type.params) {
      ParamValue v = DefaultValue(spec);
      CHECK_FALSE(v.set);
      CHECK_FALSE(FormatValue(spec, v).empty());
    }
  }
}

TEST_CASE("SI and binary size units mean what they say, and print as written") {
  Policy p = Load({{"s.yaml",
                    "policies:\n"
                    "  - {id: si, type: max_blob_size, max_size: 5MB}\n"
                    "  - {id: bin, type: max_blob_size, max_size: 5 MiB}\n"}});
  REQUIRE(p.push_policies.size() == 2);
  CHECK(p.push_policies[0].Get(params::kMaxSize) == 5000000);
  CHECK(p.push_policies[1].Get(params::kMaxSize) == 5242880);
  const ParamSpec& spec =
      *FindParam(SpecOf(PolicyType::kMaxBlobSize), "max_size");
  CHECK(FormatValue(spec, *p.push_policies[0].Find("max_size")) == "5MB");
  CHECK(FormatValue(spec, *p.push_policies[1].Find("max_size")) == "5MiB");
  struct Case {
    uint64_t bytes;
    const char* unit;
    const char* text;
  };
  for (const Case& c : std::vector<Case>{{5000000, "MB", "5 MB"},
                                         {5242880, "MB", "5.2 MB"},
                                         {5242880, "MiB", "5 MiB"},
                                         {5000000, "MiB", "4.8 MiB"},
                                         {1500, "KB", "1.5 KB"},
                                         {3 * 1000000000ull, "GB", "3 GB"},
                                         {1536, "KiB", "1.5 KiB"},
                                         {1500, "", "1500 bytes"}}) {
    CAPTURE(c.bytes);
    CAPTURE(c.unit);
    CHECK(FormatSize(c.bytes, c.unit) == c.text);
  }
}

}  // namespace pushguard::rules

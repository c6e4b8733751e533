// The push policy type registry (push_policy.h) and CheckParams().
#include "rules/push_policy.h"

#include <doctest/doctest.h>

#include <set>

#include "rules/loader.h"

namespace pushguard::rules {
namespace {

// A policy of `type` as the loader makes it: every parameter at its
// default.
PushPolicy Made(PolicyType type) {
  PushPolicy p;
  p.id = "p";
  p.type = type;
  p.origin = {"org.yaml", 3};
  for (const ParamSpec& spec : SpecOf(type).params) {
    p.params[spec.key] = DefaultValue(spec);
  }
  return p;
}

TEST_CASE(
    "every policy type has one registry entry, and its name round-trips") {
  REQUIRE(PolicyTypes().size() == kPolicyTypeCount);
  std::set<std::string> names;
  for (size_t i = 0; i < kPolicyTypeCount; ++i) {
    const PolicyType type = static_cast<PolicyType>(i);
    const PolicyTypeSpec& spec = SpecOf(type);
    CAPTURE(i);
    CHECK(spec.type == type);
    REQUIRE(spec.name != nullptr);
    CHECK(std::string(spec.name) != "");
    CHECK(std::string(spec.summary) != "");
    CHECK(names.insert(spec.name).second);  // no two types share a name
    CHECK(std::string(PolicyTypeName(type)) == spec.name);
    std::optional<PolicyType> back = ParsePolicyType(spec.name);
    REQUIRE(back.has_value());
    CHECK(*back == type);
    std::set<std::string> keys;
    for (const ParamSpec& param : spec.params) {
      CHECK(keys.insert(param.key).second);
      CHECK(FindParam(spec, param.key) == &param);
      CHECK((param.kind == ParamKind::kWordList) == !param.words.empty());
    }
    for (const std::string& key : spec.requires_one_of) {
      CAPTURE(key);
      CHECK(FindParam(spec, key) != nullptr);
    }
    // The loader's defaults are valid values.
    std::vector<Diagnostic> problems;
    CHECK(CheckParams(Made(type), &problems));
    CHECK(problems.empty());
  }
  CHECK(std::string(PolicyTypeName(PolicyType::kMaxBlobSize)) ==
        "max_blob_size");
  CHECK(std::string(PolicyTypeName(PolicyType::kImmutableTags)) ==
        "immutable_tags");
}

TEST_CASE(
    "an unknown policy type name is no type, and a problem at file:line") {
  CHECK_FALSE(ParsePolicyType("max_blob_sise").has_value());
  CHECK_FALSE(ParsePolicyType("").has_value());
  CHECK_FALSE(ParsePolicyType("Max_Blob_Size").has_value());
  std::vector<Diagnostic> problems;
  Policy p = LoadPolicy({{"org.yaml",
                          "policies:\n"
                          "  - id: a\n"
                          "    type: no_such_type\n"}},
                        &problems);
  CHECK(p.push_policies.empty());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].ToString() ==
        "org.yaml:3: rule 'a': type: unknown policy type 'no_such_type'");
}

TEST_CASE("parameters read through their typed constants, never throwing") {
  PushPolicy loaded = Made(PolicyType::kCommitMessage);
  CHECK_FALSE(loaded.Get(params::kCheckMerges));
  CHECK(loaded.Get(params::kSubjectMaxLength) == 0);
  // A key the type does not declare reads as unset instead of throwing.
  PushPolicy empty;
  CHECK(empty.Get(params::kMaxSize) == 0);
  CHECK(empty.Unit(params::kMaxSize).empty());
  CHECK_FALSE(empty.Get(params::kMatchAuthor));
  CHECK(empty.Get(params::kForbid).empty());
  CHECK(empty.Get(params::kOpenpgpKeyring).empty());
  CHECK(empty.Find("max_size") == nullptr);
}

TEST_CASE("CheckParams: every key declared, none missing, each of its kind") {
  std::vector<Diagnostic> problems;
  PushPolicy p = Made(PolicyType::kSignatures);
  p.params["max_size"] = {};                  // not a signatures parameter
  p.params.erase("tags");                     // missing
  p.params["commits"].list = {"x"};           // a list in a flag
  p.params["openpgp_keyring"].text = "keys";  // relative path
  p.params["ssh_allowed_signers"].origin = {"repo.yaml", 9};
  p.params["ssh_allowed_signers"].number = 3;  // a number in a path
  CHECK_FALSE(CheckParams(p, &problems));
  CHECK(ToStrings(problems) ==
        std::vector<std::string>{
            "org.yaml:3: rule 'p': tags: missing parameter",
            "org.yaml:3: rule 'p': commits: holds a value of another kind",
            "org.yaml:3: rule 'p': max_size: unknown parameter",
            "org.yaml:3: rule 'p': openpgp_keyring: must be an absolute path",
            "repo.yaml:9: rule 'p': ssh_allowed_signers: holds a value of "
            "another kind"});

  problems.clear();
  PushPolicy refs = Made(PolicyType::kProtectedRefs);
  refs.params["forbid"].list = {"delete", "rename"};
  PushPolicy path = Made(PolicyType::kMaxPathLength);
  path.params["max_length"].number = -1;
  PushPolicy size = Made(PolicyType::kMaxBlobSize);
  size.params["max_size"].number = -5;
  PushPolicy lfs = Made(PolicyType::kMaxBlobSize);
  lfs.params["require_lfs"].list = {""};
  CHECK_FALSE(CheckParams(refs, &problems));
  CHECK_FALSE(CheckParams(path, &problems));
  CHECK_FALSE(CheckParams(size, &problems));
  CHECK_FALSE(CheckParams(lfs, &problems));
  CHECK(ToStrings(problems) ==
        std::vector<std::string>{
            "org.yaml:3: rule 'p': forbid: unknown value 'rename'",
            "org.yaml:3: rule 'p': max_length: must be between 0 and 1000000",
            "org.yaml:3: rule 'p': max_size: must not be negative",
            "org.yaml:3: rule 'p': require_lfs: must not hold an empty entry"});

  problems.clear();
  PushPolicy odd = Made(PolicyType::kSymlinks);
  odd.type = static_cast<PolicyType>(kPolicyTypeCount);
  CHECK_FALSE(CheckParams(odd, &problems));
  CHECK(ToStrings(problems) ==
        std::vector<std::string>{
            "org.yaml:3: rule 'p': type: unknown policy type"});
}

}  // namespace
}  // namespace pushguard::rules

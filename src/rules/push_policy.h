// Push policies: organisation rules about what a push may contain and do,
// beside the secret rules. Each is a YAML entry of the top-level `policies:`
// list with an `id`, a `type` (the check), a mode, a scope, a remediation
// text, and the type's own parameters:
//
//   policies:
//     - id: no-key-files
//       type: forbidden_paths
//       mode: enforce                   # enforce | warn | evaluate
//       paths: ["*.pem", "id_rsa"]      # a parameter of forbidden_paths
//       scope: {repos: ["platform/*"], refs: ["refs/heads/**"],
//               exempt_users: [release-bot]}
//       modes: [{refs: ["refs/heads/main"], mode: enforce}]
//       mandatory: true                 # later layers cannot weaken it
//       bypass: {bypassable: true, users: [alice]}
//       remediation: Remove the file and rotate the key it held.
//
// The types are an enum (PolicyType) with one registry of their names,
// subjects and parameters (PolicyTypes()), so the loader, the weakening
// check for mandatory policies and `policy show` treat every parameter
// alike, and the checks read parameters through typed constants
// (params::kMaxSize). Plain data; immutable after loading.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/diagnostic.h"
#include "rules/mode.h"

namespace pushguard::rules {

enum class ParamKind {
  kSize,   // bytes, written with a unit: 10MiB
  kCount,  // a non-negative integer
  kBool,
  kRegex,       // PCRE2, compiled by policy/
  kStringList,  // globs, extensions, URLs, e-mail templates...
  kWordList,    // strings from a closed set (ParamSpec::words)
  kPath,        // an absolute file path on the server
};

// Which direction of change makes a parameter stricter: a later layer may
// change a mandatory policy's parameter only in that direction.
enum class Stricter {
  kLower,         // a limit: a lower value is stricter
  kTrue,          // a requirement: true is stricter
  kFalse,         // a permission: false is stricter
  kMoreEntries,   // a deny list: a superset is stricter
  kFewerEntries,  // an allow list: a subset is stricter
  kUnchanged,     // any change may weaken it (regexes, key files)
};

// A parameter of a policy type, typed by its kind: the checks read values
// through these (PushPolicy::Get), so reading a flag as a number does not
// compile, and the registry (push_policy.cc) declares each type's
// parameters with the same constants.
template <ParamKind K>
struct Param {
  const char* key;
};

namespace params {
inline constexpr Param<ParamKind::kSize> kMaxSize{"max_size"};
inline constexpr Param<ParamKind::kStringList> kRequireLfs{"require_lfs"};
inline constexpr Param<ParamKind::kStringList> kExemptPaths{"exempt_paths"};
inline constexpr Param<ParamKind::kStringList> kPaths{"paths"};
inline constexpr Param<ParamKind::kRegex> kRegex{"regex"};
inline constexpr Param<ParamKind::kStringList> kExtensions{"extensions"};
inline constexpr Param<ParamKind::kStringList> kAllow{"allow"};
inline constexpr Param<ParamKind::kCount> kMaxLength{"max_length"};
inline constexpr Param<ParamKind::kCount> kMaxComponentLength{
    "max_component_length"};
inline constexpr Param<ParamKind::kBool> kForbidAll{"forbid_all"};
inline constexpr Param<ParamKind::kStringList> kAllowedUrls{"allowed_urls"};
inline constexpr Param<ParamKind::kRegex> kMustMatch{"must_match"};
inline constexpr Param<ParamKind::kRegex> kMustNotMatch{"must_not_match"};
inline constexpr Param<ParamKind::kCount> kSubjectMaxLength{
    "subject_max_length"};
inline constexpr Param<ParamKind::kBool> kCheckMerges{"check_merges"};
inline constexpr Param<ParamKind::kBool> kCheckReverts{"check_reverts"};
inline constexpr Param<ParamKind::kBool> kMatchAuthor{"match_author"};
inline constexpr Param<ParamKind::kStringList> kAllowed{"allowed"};
inline constexpr Param<ParamKind::kStringList> kEmails{"emails"};
inline constexpr Param<ParamKind::kBool> kUseServerEmail{"use_server_email"};
inline constexpr Param<ParamKind::kBool> kCommits{"commits"};
inline constexpr Param<ParamKind::kBool> kTags{"tags"};
inline constexpr Param<ParamKind::kPath> kOpenpgpKeyring{"openpgp_keyring"};
inline constexpr Param<ParamKind::kPath> kSshAllowedSigners{
    "ssh_allowed_signers"};
inline constexpr Param<ParamKind::kRegex> kBranchRegex{"branch_regex"};
inline constexpr Param<ParamKind::kRegex> kTagRegex{"tag_regex"};
inline constexpr Param<ParamKind::kWordList> kForbid{"forbid"};
inline constexpr Param<ParamKind::kBool> kAllowDelete{"allow_delete"};
}  // namespace params

struct ParamSpec {
  const char* key;
  ParamKind kind;
  Stricter stricter;
  const char* default_value;  // as YAML would spell it; "" = unset
  const char* help;
  std::vector<std::string> words = {};  // kWordList: the allowed words
};

// Every push policy type. Adding one: a value here (before kLast, which
// names the last), then the compiler asks for its case in Describe()
// (push_policy.cc: name, subject, parameters) and in CheckOf()
// (policy/policy_checks.cc: its check). Both switches have no default and
// turn -Wswitch into an error.
enum class PolicyType : uint8_t {
  kMaxBlobSize,
  kForbiddenPaths,
  kMaxPathLength,
  kCaseConflicts,
  kSymlinks,
  kSubmodules,
  kCommitMessage,
  kSignedOffBy,
  kAuthorEmail,
  kCommitterEmail,
  kCommitterIsPusher,
  kNoMergeCommits,
  kSignatures,
  kRefNames,
  kProtectedRefs,
  kImmutableTags,
  kLast = kImmutableTags,
};
inline constexpr size_t kPolicyTypeCount =
    static_cast<size_t>(PolicyType::kLast) + 1;

// What a push is checked on.
enum class PolicySubject : uint8_t {
  kFile,    // each path the new commits change
  kCommit,  // each commit a ref update brings
  kRef,     // each ref update itself
};

struct PolicyTypeSpec {
  PolicyType type;
  const char* name;  // the YAML spelling: max_blob_size
  const char* summary;
  PolicySubject subject;
  std::vector<ParamSpec> params;
  // At least one of these parameters must be set (empty: no requirement).
  std::vector<std::string> requires_one_of;
  bool requires_scope_refs = false;  // e.g. protected_refs: which refs
};

// Every policy type, indexed by PolicyType (documentation order).
const std::vector<PolicyTypeSpec>& PolicyTypes();
// REQUIRES: `type` <= PolicyType::kLast (the codec and the loader make no
// other value).
const PolicyTypeSpec& SpecOf(PolicyType type);
// The YAML spelling of `type`.
const char* PolicyTypeName(PolicyType type);
// The type named `name` in YAML; nullopt when there is none.
std::optional<PolicyType> ParsePolicyType(std::string_view name);
const ParamSpec* FindParam(const PolicyTypeSpec& type, std::string_view key);

struct ParamValue {
  int64_t number = 0;             // kSize, kCount
  bool flag = false;              // kBool
  std::string text;               // kRegex, kPath
  std::vector<std::string> list;  // kStringList, kWordList
  bool set = false;  // given by a layer (false: the type's default)
  Origin origin;
  // kSize: the unit the layer wrote ("KB", "KiB", "MB", ...; "" for plain
  // bytes), so messages speak it. Not part of the value (5MB == 5000000).
  std::string unit;

  bool operator==(const ParamValue& o) const {
    return number == o.number && flag == o.flag && text == o.text &&
           list == o.list;
  }
};

// The value a parameter has when no layer sets it.
ParamValue DefaultValue(const ParamSpec& spec);
// The value as YAML would spell it, for `policy show`: 10485760 (or, with
// a unit, 10MiB), true, [a, b], '^feat'.
std::string FormatValue(const ParamSpec& spec, const ParamValue& value);

// `bytes` in `unit` as a policy writes it: "5 MB" (SI: 1 MB = 1,000,000
// bytes), "4.8 MiB" (1 MiB = 1,048,576 bytes), "512 bytes" for "" or "B".
// Whole values print without decimals, others with one.
std::string FormatSize(uint64_t bytes, const std::string& unit);

// Which pushes a policy applies to. Empty repos / refs: all of them.
struct Scope {
  std::vector<std::string> repos;  // globs over the repository name
  std::vector<std::string> refs;   // globs over full ref names
  std::vector<std::string> exempt_users;

  bool operator==(const Scope&) const = default;
};

// A mode for part of a policy's scope: the first entry whose repos and refs
// match wins over the policy's own mode.
struct ScopedMode {
  std::vector<std::string> repos;
  std::vector<std::string> refs;
  Mode mode = Mode::kEnforce;

  bool operator==(const ScopedMode&) const = default;
};

struct BypassRule {
  bool bypassable = false;         // push option pushguard.bypass may skip it
  std::vector<std::string> users;  // ... when pushed by one of these users

  bool operator==(const BypassRule&) const = default;
};

struct PushPolicy {
  std::string id;
  PolicyType type = PolicyType::kMaxBlobSize;
  std::string description;
  Mode mode = Mode::kEnforce;
  Scope scope;
  std::vector<ScopedMode> modes;
  std::string remediation;
  bool mandatory = false;
  Origin mandatory_origin;  // the layer that made it mandatory
  BypassRule bypass;
  std::map<std::string, ParamValue> params;  // every parameter of the type
  Origin origin;                             // where it was defined
  std::vector<std::string> changed_by;       // later layers that changed it

  // The value of parameter `key`, nullptr when the policy has none.
  const ParamValue* Find(std::string_view key) const;

  // Typed parameter accessors; they never throw. CheckParams() (run when a
  // configuration compiles) guarantees every parameter of the type is
  // present; a key the type does not declare reads as unset (0, false, "",
  // []).
  int64_t Get(Param<ParamKind::kSize> p) const { return Value(p.key).number; }
  int64_t Get(Param<ParamKind::kCount> p) const { return Value(p.key).number; }
  bool Get(Param<ParamKind::kBool> p) const { return Value(p.key).flag; }
  const std::string& Get(Param<ParamKind::kRegex> p) const {
    return Value(p.key).text;
  }
  const std::string& Get(Param<ParamKind::kPath> p) const {
    return Value(p.key).text;
  }
  const std::vector<std::string>& Get(Param<ParamKind::kStringList> p) const {
    return Value(p.key).list;
  }
  const std::vector<std::string>& Get(Param<ParamKind::kWordList> p) const {
    return Value(p.key).list;
  }
  // The unit a size was written in ("MB"; "" for bytes).
  const std::string& Unit(Param<ParamKind::kSize> p) const {
    return Value(p.key).unit;
  }

 private:
  const ParamValue& Value(std::string_view key) const;
};

// Appends a problem ("file:line: rule 'id': key: ...") for every parameter
// of `policy` that its type does not declare, every declared one that is
// missing, and every value its kind does not allow (a negative count, a
// relative path, a word outside the closed set, an empty list entry, a
// value in a field its kind does not use). True when there was none.
// Regexes are compiled by policy/ (PushPolicies::Compile).
bool CheckParams(const PushPolicy& policy, std::vector<Diagnostic>* problems);

}  // namespace pushguard::rules

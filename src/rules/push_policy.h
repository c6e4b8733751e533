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
// The types and their parameters are data (PolicyTypes()), so the loader,
// the weakening check for mandatory policies and `policy show` treat every
// parameter alike. Plain data; immutable after loading.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

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

struct ParamSpec {
  const char* key;
  ParamKind kind;
  Stricter stricter;
  const char* default_value;  // as YAML would spell it; "" = unset
  const char* help;
  std::vector<std::string> words = {};  // kWordList: the allowed words
};

struct PolicyType {
  const char* name;
  const char* summary;
  // What a push is checked on: "file", "commit" or "ref".
  const char* subject;
  std::vector<ParamSpec> params;
  // At least one of these parameters must be set (empty: no requirement).
  std::vector<std::string> requires_one_of;
  bool requires_scope_refs = false;  // e.g. protected_refs: which refs
};

// Every policy type, in documentation order.
const std::vector<PolicyType>& PolicyTypes();
// nullptr when unknown.
const PolicyType* FindPolicyType(std::string_view name);
const ParamSpec* FindParam(const PolicyType& type, std::string_view key);

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
  std::string type;  // a PolicyType name
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

  // Parameter accessors. REQUIRES: `key` is a parameter of the type.
  int64_t Number(const std::string& key) const { return params.at(key).number; }
  const std::string& Unit(const std::string& key) const {
    return params.at(key).unit;
  }
  bool Flag(const std::string& key) const { return params.at(key).flag; }
  const std::string& Text(const std::string& key) const {
    return params.at(key).text;
  }
  const std::vector<std::string>& List(const std::string& key) const {
    return params.at(key).list;
  }
};

}  // namespace pushguard::rules

#include "rules/policy_codec.h"

#include <concepts>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

namespace pushguard::rules {
namespace {

// Fields(o): a tuple of references to every data member of `o`, const or
// not, for one generic encoder and decoder. The structured binding fails to
// compile when the struct gains or loses a member.
#define PUSHGUARD_FIELDS(Type, ...)                   \
  template <typename T>                               \
  requires std::same_as<std::remove_const_t<T>, Type> \
  auto Fields(T& o) {                                 \
    auto& [__VA_ARGS__] = o;                          \
    return std::tie(__VA_ARGS__);                     \
  }

PUSHGUARD_FIELDS(Origin, file, line)
PUSHGUARD_FIELDS(Diagnostic, file, line, rule_id, field, message)
PUSHGUARD_FIELDS(Allowlist, paths, regexes, stopwords, fingerprints,
                 match_regexes, checksum_paths, origin)
PUSHGUARD_FIELDS(SecretRule, id, description, mode, regex, secret_group,
                 keywords, min_entropy, allowlist, remediation, examples,
                 negative_examples, origin, regex_origin, generic, priority,
                 keywords_anywhere, regex_definitions)
PUSHGUARD_FIELDS(AuditSettings, file, syslog, required)
PUSHGUARD_FIELDS(Limits, time_budget_seconds, on_timeout, threads)
PUSHGUARD_FIELDS(MarkerBypass, enabled, users, modes, origin)
PUSHGUARD_FIELDS(PolicyRepository, path, ref, origin)
PUSHGUARD_FIELDS(Settings, on_error, limits, max_findings_shown,
                 inline_allow_markers, marker_bypass, audit, policy_repository,
                 vendored_paths)
PUSHGUARD_FIELDS(Scope, repos, refs, exempt_users)
PUSHGUARD_FIELDS(ScopedMode, repos, refs, mode)
PUSHGUARD_FIELDS(BypassRule, bypassable, users)
PUSHGUARD_FIELDS(ParamValue, number, flag, text, list, set, origin, unit)
PUSHGUARD_FIELDS(PushPolicy, id, type, description, mode, scope, modes,
                 remediation, mandatory, mandatory_origin, bypass, params,
                 origin, changed_by)
PUSHGUARD_FIELDS(Policy, settings, secret_rules, push_policies, allowlist,
                 sources, ignored)
PUSHGUARD_FIELDS(MatchSpec, secret_rules, allowlist, inline_allow_markers,
                 vendored_paths)

#undef PUSHGUARD_FIELDS

template <typename T>
concept Record = requires(T& t) {
  Fields(t);
};

// The number of values of each enum (they are dense, from 0).
template <typename E>
constexpr uint64_t kEnumValues = 0;
template <>
constexpr uint64_t kEnumValues<Mode> = 3;
template <>
constexpr uint64_t kEnumValues<OnError> = 2;
template <>
constexpr uint64_t kEnumValues<PolicyType> = kPolicyTypeCount;

// --- Encoding -------------------------------------------------------------

void Put(ByteWriter* w, const std::string& v) { w->PutString(v); }
void Put(ByteWriter* w, bool v) { w->PutU8(v ? 1 : 0); }
void Put(ByteWriter* w, double v) { w->PutDouble(v); }
template <std::integral I>
void Put(ByteWriter* w, I v) {
  w->PutI64(static_cast<int64_t>(v));
}
template <typename E>
requires std::is_enum_v<E>
void Put(ByteWriter* w, E v) {
  static_assert(kEnumValues<E> > 0, "give the enum a kEnumValues entry");
  w->PutU64(static_cast<uint64_t>(v));
}
template <typename T>
void Put(ByteWriter* w, const std::vector<T>& v);
template <typename K, typename V>
void Put(ByteWriter* w, const std::map<K, V>& v);
template <Record R>
void Put(ByteWriter* w, const R& v);

template <typename T>
void Put(ByteWriter* w, const std::vector<T>& v) {
  w->PutU64(v.size());
  for (const T& item : v) Put(w, item);
}
template <typename K, typename V>
void Put(ByteWriter* w, const std::map<K, V>& v) {
  w->PutU64(v.size());
  for (const auto& [key, value] : v) {
    Put(w, key);
    Put(w, value);
  }
}
template <Record R>
void Put(ByteWriter* w, const R& v) {
  std::apply([w](const auto&... field) { (Put(w, field), ...); }, Fields(v));
}

// --- Decoding -------------------------------------------------------------

bool Get(ByteReader* r, std::string* v) { return r->GetString(v); }
bool Get(ByteReader* r, bool* v) {
  uint8_t b = 0;
  if (!r->GetU8(&b)) return false;
  if (b > 1) return r->Fail();
  *v = b == 1;
  return true;
}
bool Get(ByteReader* r, double* v) { return r->GetDouble(v); }
template <std::integral I>
bool Get(ByteReader* r, I* v) {
  int64_t x = 0;
  if (!r->GetI64(&x)) return false;
  if (x < static_cast<int64_t>(std::numeric_limits<I>::min()) ||
      (x > 0 && static_cast<uint64_t>(x) > std::numeric_limits<I>::max())) {
    return r->Fail();
  }
  *v = static_cast<I>(x);
  return true;
}
template <typename E>
requires std::is_enum_v<E>
bool Get(ByteReader* r, E* v) {
  uint64_t x = 0;
  if (!r->GetU64(&x)) return false;
  if (x >= kEnumValues<E>) return r->Fail();
  *v = static_cast<E>(x);
  return true;
}
template <typename T>
bool Get(ByteReader* r, std::vector<T>* v);
template <typename K, typename V>
bool Get(ByteReader* r, std::map<K, V>* v);
template <Record R>
bool Get(ByteReader* r, R* v);

template <typename T>
bool Get(ByteReader* r, std::vector<T>* v) {
  size_t n = 0;
  if (!r->GetCount(1, &n)) return false;
  v->clear();
  v->reserve(n);
  for (size_t i = 0; i < n; ++i) {
    v->emplace_back();
    if (!Get(r, &v->back())) return false;
  }
  return true;
}
template <typename K, typename V>
bool Get(ByteReader* r, std::map<K, V>* v) {
  size_t n = 0;
  if (!r->GetCount(1, &n)) return false;
  v->clear();
  for (size_t i = 0; i < n; ++i) {
    K key{};
    V value{};
    if (!Get(r, &key) || !Get(r, &value)) return false;
    v->emplace(std::move(key), std::move(value));
  }
  return true;
}
template <Record R>
bool Get(ByteReader* r, R* v) {
  return std::apply([r](auto&... field) { return (Get(r, &field) && ...); },
                    Fields(*v));
}

}  // namespace

void EncodePolicy(const Policy& policy, ByteWriter* out) { Put(out, policy); }

Result<Policy> DecodePolicy(ByteReader* in) {
  Policy policy;
  if (!Get(in, &policy)) {
    return Status::Corruption("compiled policy: damaged or truncated");
  }
  return policy;
}

void EncodeMatchSpec(const MatchSpec& spec, ByteWriter* out) { Put(out, spec); }

Result<MatchSpec> DecodeMatchSpec(ByteReader* in) {
  MatchSpec spec;
  if (!Get(in, &spec)) {
    return Status::Corruption("compiled rules: damaged or truncated");
  }
  return spec;
}

}  // namespace pushguard::rules

// Loads layered YAML policy files into a Policy.
//
//   std::vector<Diagnostic> problems;
//   Policy p = LoadPolicy({embedded..., org..., repo...}, &problems);
//   if (!problems.empty()) -> report FormatDiagnostics(problems), exit 2
//
// Layers are applied in order. A rule whose id already exists is updated
// field by field (a later layer can e.g. only change `mode`), `enabled: false`
// removes it, and `settings` are merged key by key. Push policies
// (`policies:`, push_policy.h) layer the same way, except that a policy a
// layer marked `mandatory: true` cannot be disabled or weakened by a later
// layer: such changes are ignored and listed in Policy::ignored. Every problem
// is collected: unknown keys (with a "did you mean" hint), wrong types, missing
// fields, invalid values. Regexes are not compiled here (that is match/'s job).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "rules/diagnostic.h"
#include "rules/policy.h"

namespace pushguard::rules {

struct PolicySource {
  std::string name;  // shown in errors: a path, or "policies/default.yaml"
  std::string text;
  // A file of the system directory (/etc/pushguard/*.yaml): the only layer
  // that may name the policy repository (`policy_repository:`).
  bool system = false;
  // The hex SHA-256 of `text` when known in advance (the embedded files:
  // computed at build time); "" otherwise. Read it through LayerDigest().
  std::string digest = "";
};

// The hex SHA-256 of `layer.text` (its precomputed `digest` when set): what
// identities of a configuration (the policy hash, cache keys) hash instead
// of the 1 MB of embedded text.
std::string LayerDigest(const PolicySource& layer);

// Never throws. Rules with problems are left out of the returned Policy and
// described in *problems.
Policy LoadPolicy(const std::vector<PolicySource>& layers,
                  std::vector<Diagnostic>* problems);

// The same, with `layers` applied on top of `base`: a policy LoadPolicy()
// returned with no problem for some earlier layers (the embedded default's
// compiled pack), which need not be parsed again. The result equals loading
// those earlier layers and `layers` together.
Policy LoadPolicy(const Policy& base, const std::vector<PolicySource>& layers,
                  std::vector<Diagnostic>* problems);

// Reads a file into a PolicySource. Errors name the path.
Result<PolicySource> ReadPolicyFile(const std::string& path);

// The policy repository that the system layers among `layers` name (the
// last one that sets it wins, key by key, as in LoadPolicy), without
// loading the rest of the policy: the hook needs it before it can read the
// policy repository's layers. Problems in the section are appended to
// *problems (LoadPolicy reports them again, with the rest).
PolicyRepository FindPolicyRepository(const std::vector<PolicySource>& layers,
                                      std::vector<Diagnostic>* problems);

// The layers to use: the embedded default, then every *.yaml in
// `system_dir` (sorted; a missing directory is fine; marked `system`), then
// `extra_files`.
Result<std::vector<PolicySource>> CollectLayers(
    const std::string& system_dir, const std::vector<std::string>& extra_files);

// The same, appended to *layers, stopping at the first file that cannot be
// read: its error is returned and the layers read before it stay in *layers.
Status AppendLayers(const std::string& system_dir,
                    const std::vector<std::string>& extra_files,
                    std::vector<PolicySource>* layers);

}  // namespace pushguard::rules

// `pushguard policy show [--repo DIR] [--config FILE]...`: the effective
// policy for a repository (the configured layers, then DIR/pushguard.yaml),
// with the layer every rule and policy came from and each policy's
// remediation. Exits 1 when a layer's change to a mandatory policy was
// ignored, 2 on an error.
#include <iostream>

#include "base/strings.h"
#include "cli/command_table.h"
#include "cli/commands.h"
#include "cli/configuration.h"
#include "cli/options.h"

namespace pushguard::cli {
namespace {

std::string List(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    out += (i ? ", " : "") + EscapeForDisplay(items[i]);
  }
  return out + "]";
}

std::string Where(const rules::Origin& o) {
  return EscapeForDisplay(o.file) +
         (o.line > 0 ? ":" + std::to_string(o.line) : "");
}

void ShowPolicy(const rules::PushPolicy& p) {
  std::cout << "  " << p.id << "  (" << rules::PolicyTypeName(p.type) << ", "
            << rules::ModeName(p.mode) << (p.mandatory ? ", mandatory" : "")
            << ")\n      " << EscapeForDisplay(p.description) << "\n      from "
            << Where(p.origin);
  for (const std::string& file : p.changed_by) {
    std::cout << ", changed by " << EscapeForDisplay(file);
  }
  if (p.mandatory)
    std::cout << "; mandatory since " << Where(p.mandatory_origin);
  std::cout << "\n";
  const rules::Scope& s = p.scope;
  std::cout << "      scope: repos "
            << (s.repos.empty() ? "(all)" : List(s.repos)) << ", refs "
            << (s.refs.empty() ? "(all)" : List(s.refs));
  if (!s.exempt_users.empty()) {
    std::cout << ", exempt users " << List(s.exempt_users);
  }
  std::cout << "\n";
  for (const rules::ScopedMode& m : p.modes) {
    std::cout << "      mode " << rules::ModeName(m.mode) << " for repos "
              << (m.repos.empty() ? "(all)" : List(m.repos)) << ", refs "
              << (m.refs.empty() ? "(all)" : List(m.refs)) << "\n";
  }
  if (!p.remediation.empty()) {
    std::cout << "      remediation: " << EscapeForDisplay(p.remediation)
              << "\n";
  }
  if (p.bypass.bypassable) {
    std::cout << "      bypass: by " << List(p.bypass.users)
              << " with -o pushguard.bypass=<reason>\n";
  }
  for (const rules::ParamSpec& spec : rules::SpecOf(p.type).params) {
    const rules::ParamValue* v = p.Find(spec.key);
    if (v == nullptr) continue;  // a compiled configuration has every one
    std::cout << "      " << spec.key << ": "
              << EscapeForDisplay(rules::FormatValue(spec, *v))
              << (v->set ? "  (" + Where(v->origin) + ")" : "  (default)")
              << "\n";
  }
}

// The repository's git dir (no trailing '/') for --repo, "" without.
Result<std::string> GitDirOption(const ParsedOptions& options) {
  if (!options.Has("repo")) return std::string();
  Result<std::unique_ptr<git::Repository>> repo =
      git::Repository::Open(options.Get("repo", ""));
  if (!repo.ok()) return repo.status();
  std::string git_dir = (*repo)->path();
  while (git_dir.size() > 1 && git_dir.back() == '/') git_dir.pop_back();
  return git_dir;
}

void ShowPolicyRepository(const PolicyRepositoryState& state) {
  if (state.config.path.empty()) return;
  std::cout << "policy repository: " << EscapeForDisplay(state.config.path)
            << " " << EscapeForDisplay(state.config.ref) << " at commit "
            << (state.commit.empty() ? "(none)" : state.commit) << " (tree "
            << (state.tree.empty() ? "(none)" : state.tree) << "), named in "
            << Where(state.config.origin) << "\n";
  for (const std::string& warning : state.warnings) {
    for (const std::string& line : Split(warning, '\n')) {
      std::cout << "  warning: " << EscapeForDisplay(line) << "\n";
    }
  }
}

int Show(const ParsedOptions& options) {
  Result<std::string> git_dir = GitDirOption(options);
  if (!git_dir.ok()) {
    std::cerr << "pushguard policy show: " << git_dir.status().message()
              << "\n";
    return kExitError;
  }
  PolicyRepositoryState policy_repo;
  Result<std::vector<rules::PolicySource>> layers =
      ConfiguredLayers(options.All("config"), *git_dir, &policy_repo);
  if (!layers.ok()) {
    std::cerr << "pushguard policy show: " << layers.status().message() << "\n";
    return kExitError;
  }
  std::string title = "the configured layers (no --repo)";
  if (!git_dir->empty()) {
    if (Status s = AddRepositoryLayer(*git_dir, &*layers); !s.ok()) {
      std::cerr << "pushguard policy show: " << s.message() << "\n";
      return kExitError;
    }
    title = *git_dir;
  }
  Result<CompiledConfig> config = CompileConfiguration(*layers);
  if (!config.ok()) {
    std::cerr << "pushguard policy show: invalid configuration:\n"
              << config.status().message() << "\n";
    return kExitError;
  }
  std::cout << "effective pushguard policy for " << EscapeForDisplay(title)
            << "\nlayers, in order:\n";
  for (const rules::PolicySource& layer : *layers) {
    std::cout << "  " << EscapeForDisplay(layer.name) << "\n";
  }
  ShowPolicyRepository(policy_repo);
  const rules::Settings& s = config->settings;
  std::cout << "settings: on_error "
            << (s.on_error == rules::OnError::kReject ? "reject" : "accept")
            << ", max_findings_shown " << s.max_findings_shown
            << ", audit file "
            << (s.audit.file.empty() ? "(none)"
                                     : EscapeForDisplay(s.audit.file))
            << "\npush policies (" << config->policies->all().size() << "):\n";
  for (const policy::CompiledPolicy& p : config->policies->all()) {
    ShowPolicy(*p.spec);
  }
  const std::vector<rules::SecretRule>& secret_rules =
      config->rules->spec().secret_rules;
  std::cout << "secret rules (" << secret_rules.size() << "):\n";
  for (const rules::SecretRule& r : secret_rules) {
    std::cout << "  " << r.id << "  " << rules::ModeName(r.mode) << "  "
              << Where(r.origin) << "\n";
  }
  if (!config->ignored.empty()) {
    std::cout << "ignored changes to mandatory policies:\n";
    for (const rules::Diagnostic& d : config->ignored) {
      std::cout << "  " << d.ToString() << "\n";
    }
    // The policy holds, but a layer says something that is not in force.
    std::cerr << "pushguard policy show: " << config->ignored.size()
              << " change(s) to mandatory policies ignored (listed above)\n";
    return kExitReject;
  }
  return kExitAccept;
}

}  // namespace

int PolicyCommand(const Args& args) {
  if (args.empty() || args[0] != "show") {
    std::cerr << "usage: pushguard policy show [--repo DIR] [--config FILE]\n";
    return kExitError;
  }
  Result<ParsedOptions> options =
      ParseOptions(Args(args.begin() + 1, args.end()), OptionsOf("policy"));
  if (!options.ok() || !options->positional.empty()) {
    std::cerr << "pushguard policy show: "
              << (options.ok() ? "unexpected argument"
                               : options.status().message())
              << "\n";
    return kExitError;
  }
  return Show(*options);
}

}  // namespace pushguard::cli

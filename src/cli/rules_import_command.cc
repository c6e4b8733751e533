// `pushguard rules import gitleaks FILE.toml [-o|--output OUT.yaml]`: a
// gitleaks configuration as a pushguard policy layer (rules/gitleaks_import.h
// says what maps to what). The layer goes to stdout, or atomically to OUT.
// What could not be imported as written is listed on stderr, one
// "FILE:LINE: rule 'id': field: problem" per line. Before writing, the layer
// is checked as `rules check` would check it on the embedded default.
// Exit: 0 everything imported, 1 the layer is written but something was
// left out (listed), 2 error (unreadable or malformed TOML, a write error).

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/atomic_file.h"
#include "cli/command_table.h"
#include "cli/commands.h"
#include "match/matcher.h"
#include "match/regex.h"
#include "policy/push_policies.h"
#include "rules/embedded.h"
#include "rules/gitleaks_import.h"
#include "rules/loader.h"

namespace pushguard::cli {
namespace {

constexpr char kUsage[] =
    "usage: pushguard rules import gitleaks FILE.toml [-o|--output "
    "OUT.yaml]\n";
constexpr size_t kMaxConfigBytes = 16 << 20;

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io(path + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::Io(path + ": read error");
  if (text.str().size() > kMaxConfigBytes) {
    return Status::InvalidArgument(path + ": larger than 16 MiB");
  }
  return text.str();
}

// The problems `rules check` would report for `yaml` layered on the
// embedded default (none for a correct import).
std::vector<rules::Diagnostic> CheckLayer(const std::string& name,
                                          const std::string& yaml) {
  std::vector<rules::PolicySource> layers = rules::EmbeddedPolicies();
  layers.push_back({name, yaml, true});
  std::vector<rules::Diagnostic> problems;
  rules::Policy policy = rules::LoadPolicy(layers, &problems);
  auto compiled = match::RuleSet::Compile(policy, &problems);
  compiled->CheckExamples(&problems);
  policy::PushPolicies::Compile(policy, &problems);
  return problems;
}

constexpr char kImportHelp[] = R"(
rules import gitleaks: each gitleaks rule is translated faithfully or left
out, never weakened; what is not imported as written is listed on stderr as
FILE:LINE: rule 'id': field: problem (exit 1; 0 when all was imported).
  id           -> gitleaks.<id> (lowercase; other characters become '-')
  regex        -> PCRE2: $ outside (?m) becomes \z, \s [\t\n\f\r ],
                  \v the vertical tab, non-ASCII characters their UTF-8
                  bytes, group names are dropped (numbers stay). Left out:
                  Unicode classes (\pL), non-ASCII in [...], and what Go
                  rejects too (lookaround, backreferences, \C, \Z), and
                  a translation PCRE2 does not compile (reason named).
  secretGroup  -> secret_group; unset with capture groups: 1 if group 1
                  always matches something, else left out
  keywords     -> keywords, lowercase, keyword_scope: file; none: the
                  longest literal every match holds, else left out
  entropy      -> entropy (pushguard keeps a secret whose entropy equals it)
  path, no regex -> a forbidden_paths policy; path with regex: left out
  allowlists   -> the rule's allowlist (global ones are copied into each
                  rule they target): regexes with regexTarget secret ->
                  regexes, match -> match_regexes, line: not imported;
                  paths -> globs where the regex has a glob form; stopwords;
                  commits and condition AND over several kinds: not imported
                  (the rule then reports more, never less)
  tags         -> dropped; [extend] useDefault: pushguard's own pack applies
)";

}  // namespace

std::string RulesImportHelp() { return kImportHelp; }

int RulesImportCommand(const Args& args) {
  Args rest;
  for (const std::string& a : args) rest.push_back(a == "-o" ? "--output" : a);
  Result<ParsedOptions> options = ParseOptions(
      rest, {{"output", true, false, "OUT", "where the YAML layer goes"}});
  if (!options.ok()) {
    std::cerr << "pushguard rules import: " << options.status().message()
              << "\n"
              << kUsage;
    return kExitError;
  }
  const std::vector<std::string>& positional = options->positional;
  if (positional.size() != 2 || positional[0] != "gitleaks") {
    std::cerr << kUsage;
    return kExitError;
  }
  const std::string& file = positional[1];
  Result<std::string> toml = ReadText(file);
  if (!toml.ok()) {
    std::cerr << "pushguard rules import: " << toml.status().message() << "\n";
    return kExitError;
  }
  rules::GitleaksImport imported =
      rules::ImportGitleaks(*toml, file, [](const std::string& pcre2) {
        match::Regex regex(pcre2);
        return regex.ok() ? std::string() : regex.error();
      });
  for (rules::Diagnostic note : imported.notes) {
    note.message = "note: " + note.message;
    std::cerr << note.ToString() << "\n";
  }
  if (!imported.problems.empty()) {
    std::cerr << rules::FormatDiagnostics(imported.problems) << "\n";
  }
  if (!imported.parsed) return kExitError;
  std::string output = options->Get("output", "");
  std::vector<rules::Diagnostic> check =
      CheckLayer(output.empty() ? "<imported>" : output, imported.yaml);
  if (!check.empty()) {
    std::cerr << rules::FormatDiagnostics(check)
              << "\npushguard rules import: the translated layer does not "
                 "pass `rules check` (a bug in the import); nothing written\n";
    return kExitError;
  }
  if (output.empty()) {
    std::cout << imported.yaml;
  } else if (Status s = WriteFileAtomically(output, imported.yaml, 0644, true);
             !s.ok()) {
    std::cerr << "pushguard rules import: " << s.message() << "\n";
    return kExitError;
  }
  std::cerr << "imported " << imported.rules_imported << " rule(s) and "
            << imported.path_policies << " path rule(s) from " << file;
  if (!output.empty()) std::cerr << " into " << output;
  std::cerr << "; " << imported.rules_left_out << " left out, "
            << imported.problems.size() << " problem(s) listed above\n";
  return imported.problems.empty() ? kExitAccept : kExitReject;
}

}  // namespace pushguard::cli

// Reading a gitleaks TOML configuration into an ImportedLayer. The only file
// that includes toml++, header-only.
#define TOML_HEADER_ONLY 1
#include "rules/gitleaks_import.h"

#include <toml++/toml.h>

#include <algorithm>
#include <set>

#include "base/strings.h"
#include "rules/gitleaks_model.h"
#include "rules/path_regex_glob.h"
#include "rules/re2_syntax.h"

namespace pushguard::rules {
namespace {

const std::set<std::string> kTopKeys = {
    "title", "description", "minVersion", "extend",
    "rules", "allowlist",   "allowlists"};
const std::set<std::string> kRuleKeys = {
    "id",        "description", "regex",    "secretGroup",
    "entropy",   "keywords",    "path",     "tags",
    "allowlist", "allowlists",  "required", "skipReport"};
const std::set<std::string> kAllowlistKeys = {
    "description", "condition", "regexTarget", "regexes",
    "paths",       "stopwords", "commits",     "targetRules"};

int LineOf(const toml::node* n) {
  return n == nullptr ? 0 : static_cast<int>(n->source().begin.line);
}

// A global allowlist and the gitleaks rule ids it is limited to.
struct GlobalAllowlist {
  ImportedAllowlist entries;
  std::set<std::string> target_rules;  // empty: every rule
};

class Importer {
 public:
  Importer(const std::string& file, const RegexCheck& check,
           GitleaksImport* out)
      : file_(file), check_(check), out_(out) {}

  void Run(const toml::table& root) {
    layer_.file = file_;
    CheckKeys(root, kTopKeys, "", "");
    if (auto t = root["title"].value<std::string>()) layer_.title = *t;
    if (const toml::node* e = root.get("extend")) Extend(*e);
    for (const char* key : {"allowlist", "allowlists"}) {
      ForEachTable(root.get(key), "", key,
                   [&](const toml::table& a, const std::string& field) {
                     GlobalAllowlist g;
                     g.entries = Allowlist(a, "", field);
                     if (const toml::node* t = a.get("targetRules")) {
                       for (const auto& [id, at] :
                            Strings(t, "", field + ".targetRules")) {
                         g.target_rules.insert(id);
                       }
                     }
                     globals_.push_back(std::move(g));
                   });
    }
    if (const toml::node* rules = root.get("rules"); rules != nullptr) {
      if (!rules->is_array_of_tables()) {
        Problem(rules, "", "rules", "expected [[rules]] tables");
      } else {
        for (const toml::node& r : *rules->as_array()) Rule(*r.as_table());
      }
    }
    out_->yaml = EmitLayerYaml(layer_);
    out_->rules_imported = static_cast<int>(layer_.rules.size());
    out_->path_policies = static_cast<int>(layer_.path_rules.size());
  }

 private:
  void Problem(const toml::node* at, const std::string& rule,
               const std::string& field, const std::string& message) {
    out_->problems.push_back(
        {file_, LineOf(at), EscapeForDisplay(rule), field, message});
  }
  void Note(const toml::node* at, const std::string& rule,
            const std::string& field, const std::string& message) {
    out_->notes.push_back(
        {file_, LineOf(at), EscapeForDisplay(rule), field, message});
  }

  void CheckKeys(const toml::table& t, const std::set<std::string>& known,
                 const std::string& rule, const std::string& where) {
    for (const auto& [key, value] : t) {
      std::string k(key.str());
      if (known.count(k) > 0) continue;
      std::vector<std::string> names(known.begin(), known.end());
      std::string hint = DidYouMean(k, names);
      Note(&value, rule,
           (where.empty() ? "" : where + ".") + EscapeForDisplay(k),
           "not a gitleaks field; ignored, as gitleaks ignores it" +
               (hint.empty() ? std::string()
                             : " (did you mean '" + hint + "'?)"));
    }
  }

  // Each string of array `n`, with its node; reports other values.
  std::vector<std::pair<std::string, const toml::node*>> Strings(
      const toml::node* n, const std::string& rule, const std::string& field) {
    std::vector<std::pair<std::string, const toml::node*>> out;
    const toml::array* a = n->as_array();
    if (a == nullptr) {
      Problem(n, rule, field, "expected an array of strings; not imported");
      return out;
    }
    for (size_t i = 0; i < a->size(); ++i) {
      const toml::node& v = *a->get(i);
      if (auto s = v.value<std::string>()) {
        out.emplace_back(*s, &v);
      } else {
        Problem(&v, rule, field + "[" + std::to_string(i) + "]",
                "expected a string; not imported");
      }
    }
    return out;
  }

  // Calls f on a table, or on each table of an array of tables.
  template <typename F>
  void ForEachTable(const toml::node* n, const std::string& rule,
                    const std::string& field, F f) {
    if (n == nullptr) return;
    if (const toml::table* t = n->as_table()) {
      f(*t, field);
    } else if (n->is_array_of_tables()) {
      const toml::array& a = *n->as_array();
      for (size_t i = 0; i < a.size(); ++i) {
        f(*a.get(i)->as_table(), field + "[" + std::to_string(i) + "]");
      }
    } else {
      Problem(n, rule, field, "expected a table; not imported");
    }
  }

  void Extend(const toml::node& e) {
    const toml::table* t = e.as_table();
    if (t == nullptr) {
      Problem(&e, "", "extend", "expected a table; ignored");
      return;
    }
    for (const auto& [key, value] : *t) {
      std::string k(key.str());
      if (k == "useDefault") {
        Note(&value, "", "extend.useDefault",
             "pushguard's own rule pack always applies (gitleaks' default "
             "rules are not imported)");
      } else if (k == "path" || k == "url") {
        Problem(&value, "", "extend." + k,
                "not followed; import that configuration separately");
      } else if (k == "disabledRules") {
        Problem(&value, "", "extend.disabledRules",
                "names gitleaks' default rules, which pushguard does not "
                "have; to switch off a pushguard rule, add `enabled: false` "
                "for its id by hand");
      } else {
        Note(&value, "", "extend." + k, "not a gitleaks field; ignored");
      }
    }
  }

  // Translates a regex; on failure reports it and returns nullopt.
  std::optional<Re2Translation> Regex(const toml::node* n,
                                      const std::string& rule,
                                      const std::string& field) {
    auto text = n->value<std::string>();
    if (!text) {
      Problem(n, rule, field, "expected a string; left out");
      return std::nullopt;
    }
    Result<Re2Translation> t = TranslateRe2(*text);
    if (!t.ok()) {
      Problem(n, rule, field, t.status().message() + "; left out");
      return std::nullopt;
    }
    if (t->pcre2.empty()) {
      Problem(n, rule, field, "empty; left out");
      return std::nullopt;
    }
    if (std::string why = Rejected(t->pcre2); !why.empty()) {
      Problem(n, rule, field, why + "; left out");
      return std::nullopt;
    }
    return *t;
  }

  ImportedAllowlist Allowlist(const toml::table& a, const std::string& rule,
                              const std::string& field);
  void Rule(const toml::table& r);
  bool RuleBody(const toml::table& r, const std::string& id, ImportedRule* out);
  void PathRule(const toml::table& r, const std::string& id,
                ImportedPathRule* out);
  std::string PushguardId(const toml::node* at, const std::string& id);

  // Why PCRE2 rejects a translated pattern, "" if it does not.
  std::string Rejected(const std::string& pcre2) const {
    std::string why = check_ ? check_(pcre2) : "";
    return why.empty() ? "" : "PCRE2 rejects the translation: " + why;
  }

  std::string file_;
  RegexCheck check_;
  GitleaksImport* out_;
  ImportedLayer layer_;
  std::vector<GlobalAllowlist> globals_;
  std::set<std::string> ids_;
};

ImportedAllowlist Importer::Allowlist(const toml::table& a,
                                      const std::string& rule,
                                      const std::string& field) {
  ImportedAllowlist out;
  CheckKeys(a, kAllowlistKeys, rule, field);
  auto non_empty = [&](const char* key) {
    const toml::array* v = a[key].as_array();
    return v != nullptr && !v->empty();
  };
  int kinds = non_empty("commits") + non_empty("paths") + non_empty("regexes") +
              non_empty("stopwords");
  std::string condition =
      AsciiLower(a["condition"].value_or(std::string("or")));
  if (condition != "or" && condition != "and") {
    Problem(a.get("condition"), rule, field + ".condition",
            "must be OR or AND; allowlist not imported (more findings, none "
            "lost)");
    return out;
  }
  if (condition == "and" && kinds > 1) {
    Problem(a.get("condition"), rule, field + ".condition",
            "AND over several kinds of entries (commits, paths, regexes, "
            "stopwords): in pushguard each entry allows on its own; "
            "allowlist not imported (more findings, none lost)");
    return out;
  }
  if (non_empty("commits")) {
    Problem(a.get("commits"), rule, field + ".commits",
            "pushguard has no allowlist by commit; not imported (findings "
            "in those commits are reported)");
  }
  if (const toml::node* paths = a.get("paths")) {
    for (const auto& [re, at] : Strings(paths, rule, field + ".paths")) {
      std::optional<std::vector<std::string>> globs = PathRegexToGlobs(re);
      if (!globs) {
        Problem(at, rule, field + ".paths",
                "'" + EscapeForDisplay(re) +
                    "' has no glob form; not imported (findings in those "
                    "files are reported)");
        continue;
      }
      out.paths.insert(out.paths.end(), globs->begin(), globs->end());
    }
  }
  if (const toml::node* regexes = a.get("regexes")) {
    std::string target = a["regexTarget"].value_or(std::string("secret"));
    std::vector<std::string>* to = target == "secret"  ? &out.regexes
                                   : target == "match" ? &out.match_regexes
                                                       : nullptr;
    if (to == nullptr) {
      Problem(a.get("regexTarget"), rule, field + ".regexTarget",
              "'" + EscapeForDisplay(target) +
                  "': pushguard matches allowlist regexes against the secret "
                  "or the match, not the line; regexes not imported (more "
                  "findings, none lost)");
    } else {
      for (const auto& [re, at] : Strings(regexes, rule, field + ".regexes")) {
        Result<Re2Translation> t = TranslateRe2(re);
        std::string why = !t.ok() ? t.status().message() : Rejected(t->pcre2);
        if (!why.empty()) {
          Problem(at, rule, field + ".regexes", why + "; not imported");
        } else {
          to->push_back(t->pcre2);
        }
      }
    }
  }
  if (const toml::node* words = a.get("stopwords")) {
    for (const auto& [word, at] : Strings(words, rule, field + ".stopwords")) {
      if (!word.empty()) out.stopwords.push_back(word);
    }
  }
  return out;
}

std::string Importer::PushguardId(const toml::node* at, const std::string& id) {
  std::string out = "gitleaks.";
  for (char c : AsciiLower(id)) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.';
    out += ok ? c : '-';
  }
  if (out.size() > 100) out.resize(100);
  if (!ids_.insert(out).second) {
    Problem(at, id, "id",
            "'" + EscapeForDisplay(out) +
                "' is already taken by another rule of this file; left out");
    return "";
  }
  return out;
}

void Importer::Rule(const toml::table& r) {
  const toml::node* id_node = r.get("id");
  auto id = r["id"].value<std::string>();
  if (!id || id->empty()) {
    Problem(id_node ? id_node : &r, "", "id",
            "missing (every gitleaks rule has one); left out");
    ++out_->rules_left_out;
    return;
  }
  CheckKeys(r, kRuleKeys, *id, "");
  for (const char* composite : {"required", "skipReport"}) {
    if (const toml::node* n = r.get(composite)) {
      Problem(n, *id, composite, "composite rules are not supported; left out");
      ++out_->rules_left_out;
      return;
    }
  }
  bool has_regex = r.get("regex") != nullptr;
  bool has_path = r.get("path") != nullptr;
  if (!has_regex && !has_path) {
    Problem(&r, *id, "regex", "missing, and no path either; left out");
    ++out_->rules_left_out;
    return;
  }
  if (has_regex && has_path) {
    Problem(r.get("path"), *id, "path",
            "pushguard rules apply to every path; left out (remove `path` "
            "to import it for all files)");
    ++out_->rules_left_out;
    return;
  }
  if (!has_regex) {
    ImportedPathRule p;
    std::optional<Re2Translation> t = Regex(r.get("path"), *id, "path");
    p.id = t ? PushguardId(id_node, *id) : "";
    if (p.id.empty()) {
      ++out_->rules_left_out;
      return;
    }
    p.regex = t->pcre2;
    PathRule(r, *id, &p);
    layer_.path_rules.push_back(std::move(p));
    return;
  }
  ImportedRule rule;
  if (!RuleBody(r, *id, &rule) ||
      (rule.id = PushguardId(id_node, *id)).empty()) {
    ++out_->rules_left_out;
    return;
  }
  layer_.rules.push_back(std::move(rule));
}

bool Importer::RuleBody(const toml::table& r, const std::string& id,
                        ImportedRule* out) {
  out->source_id = id;
  out->description = r["description"].value_or(id);
  std::optional<Re2Translation> t = Regex(r.get("regex"), id, "regex");
  if (!t) return false;
  out->regex = t->pcre2;
  if (const toml::node* g = r.get("secretGroup")) {
    std::optional<int64_t> v = g->value<int64_t>();
    if (!v || *v < 0 || *v > t->groups) {
      Problem(g, id, "secretGroup",
              "must be a group of the regex (it has " +
                  std::to_string(t->groups) + "); left out");
      return false;
    }
    out->secret_group = static_cast<int>(*v);
  }
  if (out->secret_group == 0 && t->groups > 0) {
    if (!t->first_group_always_nonempty) {
      Problem(r.get("regex"), id, "secretGroup",
              "unset, and the regex has capture groups: gitleaks then takes "
              "the first non-empty one, which pushguard cannot express when "
              "group 1 may be empty or absent; set secretGroup; left out");
      return false;
    }
    out->secret_group = 1;  // group 1 is always the first non-empty one
  }
  if (const toml::node* e = r.get("entropy")) {
    std::optional<double> v = e->value<double>();
    if (!v || *v < 0 || *v > 8) {
      Problem(e, id, "entropy",
              "must be a number from 0 to 8 bits per character; left out");
      return false;
    }
    out->entropy = *v;
  }
  if (const toml::node* k = r.get("keywords")) {
    for (const auto& [word, at] : Strings(k, id, "keywords")) {
      std::string lower = AsciiLower(word);
      if (!lower.empty() &&
          std::find(out->keywords.begin(), out->keywords.end(), lower) ==
              out->keywords.end()) {
        out->keywords.push_back(lower);
      }
    }
  }
  if (out->keywords.empty()) {
    if (t->required_literal.size() < 2) {
      Problem(r.get("regex"), id, "keywords",
              "none, and no literal of 2+ characters that every match "
              "contains; pushguard gates every rule on keywords: add some; "
              "left out");
      return false;
    }
    out->keywords.push_back(t->required_literal);
    Note(r.get("regex"), id, "keywords",
         "none given; using '" + EscapeForDisplay(t->required_literal) +
             "', which every match of the regex contains");
  }
  for (const char* key : {"allowlist", "allowlists"}) {
    ForEachTable(r.get(key), id, key,
                 [&](const toml::table& a, const std::string& field) {
                   out->allowlist.Append(Allowlist(a, id, field));
                 });
  }
  for (const GlobalAllowlist& g : globals_) {
    if (g.target_rules.empty() || g.target_rules.count(id) > 0) {
      out->allowlist.Append(g.entries);
    }
  }
  return true;
}

void Importer::PathRule(const toml::table& r, const std::string& id,
                        ImportedPathRule* out) {
  out->source_id = id;
  out->description = r["description"].value_or(id);
  auto add = [&](const ImportedAllowlist& a, const toml::node* at,
                 const std::string& field) {
    out->allow.insert(out->allow.end(), a.paths.begin(), a.paths.end());
    if (!a.regexes.empty() || !a.match_regexes.empty() ||
        !a.stopwords.empty()) {
      Note(at, id, field,
           "regexes and stopwords have no secret to test in a path-only "
           "rule; only the paths apply");
    }
  };
  for (const char* key : {"allowlist", "allowlists"}) {
    ForEachTable(r.get(key), id, key,
                 [&](const toml::table& a, const std::string& field) {
                   add(Allowlist(a, id, field), &a, field);
                 });
  }
  for (const GlobalAllowlist& g : globals_) {
    if (g.target_rules.empty() || g.target_rules.count(id) > 0) {
      out->allow.insert(out->allow.end(), g.entries.paths.begin(),
                        g.entries.paths.end());
    }
  }
}

}  // namespace

GitleaksImport ImportGitleaks(std::string_view toml, const std::string& file,
                              const RegexCheck& check) {
  GitleaksImport out;
  toml::table root;
  try {
    root = toml::parse(toml, std::string_view(file));
  } catch (const toml::parse_error& e) {
    out.problems.push_back({file, static_cast<int>(e.source().begin.line), "",
                            "",
                            "invalid TOML: " + std::string(e.description())});
    return out;
  }
  out.parsed = true;
  Importer(file, check, &out).Run(root);
  auto by_line = [](const Diagnostic& a, const Diagnostic& b) {
    return a.line < b.line;
  };
  std::stable_sort(out.problems.begin(), out.problems.end(), by_line);
  std::stable_sort(out.notes.begin(), out.notes.end(), by_line);
  return out;
}

}  // namespace pushguard::rules

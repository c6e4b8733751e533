#include "rules/gitleaks_import.h"

#include <doctest/doctest.h>

#include "rules/loader.h"

namespace pushguard::rules {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The layer loads as YAML with no problem and holds `rules` rules.
Policy Load(const GitleaksImport& imported) {
  std::vector<Diagnostic> problems;
  Policy p = LoadPolicy({{"out.yaml", imported.yaml}}, &problems);
  CHECK(ToStrings(problems) == std::vector<std::string>{});
  return p;
}

TEST_CASE("a gitleaks rule maps field by field") {
  GitleaksImport out = ImportGitleaks(R"(title = "t"
[[rules]]
id = "Acme_API Key"
description = "Acme key"
regex = '''(?i)\b(acme_[a-z0-9]{32})(?:\s|$)'''
secretGroup = 1
entropy = 3.5
keywords = ["ACME_", "acme_"]
tags = ["key"]
)",
                                      "g.toml");
  REQUIRE(out.parsed);
  CHECK(ToStrings(out.problems) == std::vector<std::string>{});
  Policy p = Load(out);
  REQUIRE(p.secret_rules.size() == 1);
  const SecretRule& r = p.secret_rules[0];
  CHECK(r.id == "gitleaks.acme_api-key");
  CHECK(r.description == "Acme key");
  CHECK(r.regex == "(?i)\\b(acme_[a-z0-9]{32})(?:[\\t\\n\\f\\r ]|\\z)");
  CHECK(r.secret_group == 1);
  CHECK(r.min_entropy == 3.5);
  CHECK(r.keywords == std::vector<std::string>{"acme_"});
  CHECK(r.keywords_anywhere);
  CHECK(out.rules_imported == 1);
  CHECK(Contains(out.yaml, "# Imported from g.toml"));
}

TEST_CASE("secretGroup and keywords are inferred only when that is exact") {
  GitleaksImport out = ImportGitleaks(R"([[rules]]
id = "one-group"
regex = '''wdg-(?P<t>[A-Z0-9]{24})'''

[[rules]]
id = "optional-group"
regex = '''(x-)?wdg[0-9]{8}'''
keywords = ["wdg"]

[[rules]]
id = "no-literal"
regex = '''[a-f0-9]{40}'''

[[rules]]
id = "bad-group"
regex = '''k(a)'''
secretGroup = 2
)",
                                      "g.toml");
  CHECK(ToStrings(out.problems) ==
        std::vector<std::string>{
            "g.toml:7: rule 'optional-group': secretGroup: unset, and the "
            "regex has capture groups: gitleaks then takes the first "
            "non-empty one, which pushguard cannot express when group 1 may "
            "be empty or absent; set secretGroup; left out",
            "g.toml:12: rule 'no-literal': keywords: none, and no literal of "
            "2+ characters that every match contains; pushguard gates every "
            "rule on keywords: add some; left out",
            "g.toml:17: rule 'bad-group': secretGroup: must be a group of the "
            "regex (it has 1); left out"});
  CHECK(ToStrings(out.notes) ==
        std::vector<std::string>{"g.toml:3: rule 'one-group': keywords: none "
                                 "given; using 'wdg-', which every match of "
                                 "the regex contains"});
  Policy p = Load(out);
  REQUIRE(p.secret_rules.size() == 1);
  CHECK(p.secret_rules[0].secret_group == 1);
  CHECK(p.secret_rules[0].keywords == std::vector<std::string>{"wdg-"});
  CHECK(out.rules_left_out == 3);
}

TEST_CASE("allowlists map by regexTarget; what cannot map is reported") {
  GitleaksImport out = ImportGitleaks(R"([[rules]]
id = "k"
regex = '''key_[a-z]{16}'''
keywords = ["key_"]
[[rules.allowlists]]
regexes = ['''^key_a+$''']
stopwords = ["example"]
paths = ['''(^|/)testdata/''', '''(?i)\.md$''']
commits = ["0123abc"]
[[rules.allowlists]]
regexTarget = "match"
regexes = ['''public_key''']
[[rules.allowlists]]
regexTarget = "line"
regexes = ['''# test''']
[[rules.allowlists]]
condition = "AND"
paths = ['''^fixtures/''']
stopwords = ["mock"]
[[rules.allowlists]]
condition = "AND"
stopwords = ["dummy"]

[[allowlists]]
targetRules = ["k"]
paths = ['''\.lock$''']
[[allowlists]]
targetRules = ["other"]
stopwords = ["never"]
)",
                                      "g.toml");
  CHECK(ToStrings(out.problems) ==
        std::vector<std::string>{
            "g.toml:8: rule 'k': allowlists[0].paths: '(?i)\\.md$' has no "
            "glob form; not imported (findings in those files are reported)",
            "g.toml:9: rule 'k': allowlists[0].commits: pushguard has no "
            "allowlist by commit; not imported (findings in those commits "
            "are reported)",
            "g.toml:14: rule 'k': allowlists[2].regexTarget: 'line': "
            "pushguard matches allowlist regexes against the secret or the "
            "match, not the line; regexes not imported (more findings, none "
            "lost)",
            "g.toml:17: rule 'k': allowlists[3].condition: AND over several "
            "kinds of entries (commits, paths, regexes, stopwords): in "
            "pushguard each entry allows on its own; allowlist not imported "
            "(more findings, none lost)"});
  Policy p = Load(out);
  REQUIRE(p.secret_rules.size() == 1);
  const Allowlist& a = p.secret_rules[0].allowlist;
  CHECK(a.regexes == std::vector<std::string>{"^key_a+\\z"});
  CHECK(a.match_regexes == std::vector<std::string>{"public_key"});
  CHECK(a.stopwords == std::vector<std::string>{"example", "dummy"});
  CHECK(a.paths == std::vector<std::string>{"**/testdata/**", "/**.lock"});
  CHECK(p.allowlist.stopwords.empty());  // pushguard's own rules unaffected
}

TEST_CASE("path rules: alone a forbidden path, with a regex left out") {
  GitleaksImport out = ImportGitleaks(R"([[rules]]
id = "pem"
description = "PEM files"
path = '''\.pem$'''
[rules.allowlist]
paths = ['''^test/''']

[[rules]]
id = "scoped"
regex = '''tok_[a-z]{10}'''
path = '''^config/'''

[[rules]]
id = "composite"
regex = '''tok_[a-z]{10}'''
[[rules.required]]
id = "pem"
)",
                                      "g.toml");
  CHECK(ToStrings(out.problems) ==
        std::vector<std::string>{
            "g.toml:11: rule 'scoped': path: pushguard rules apply to every "
            "path; left out (remove `path` to import it for all files)",
            "g.toml:16: rule 'composite': required: composite rules are not "
            "supported; left out"});
  Policy p = Load(out);
  CHECK(p.secret_rules.empty());
  REQUIRE(p.push_policies.size() == 1);
  CHECK(p.push_policies[0].id == "gitleaks.pem");
  CHECK(p.push_policies[0].type == PolicyType::kForbiddenPaths);
  CHECK(Contains(out.yaml, "regex: '\\.pem\\z'"));
  CHECK(Contains(out.yaml, "/test/**"));
  CHECK(out.path_policies == 1);
}

TEST_CASE("regexes that do not convert leave their rule out, at their line") {
  GitleaksImport out = ImportGitleaks(R"([[rules]]
id = "unicode"
keywords = ["tok"]
regex = '''tok\p{Greek}+'''
[[rules]]
id = "lookahead"
keywords = ["tok"]
regex = '''tok(?=x)'''
)",
                                      "g.toml");
  CHECK(ToStrings(out.problems) ==
        std::vector<std::string>{
            "g.toml:4: rule 'unicode': regex: \\p{Greek}: Unicode classes "
            "are not supported (pushguard matches bytes, not UTF-8 "
            "characters); left out",
            "g.toml:8: rule 'lookahead': regex: not RE2 syntax (gitleaks "
            "rejects it too): '(?=x)'; left out"});
  CHECK(Load(out).secret_rules.empty());
}

TEST_CASE("a translation the regex engine rejects is left out too") {
  RegexCheck rejects_x = [](const std::string& pcre2) {
    return std::string(pcre2 == "x+" ? "no" : "");
  };
  GitleaksImport out = ImportGitleaks(
      "[[rules]]\nid = 'a'\nregex = 'tok_[a-z]{8}'\n"
      "[[rules.allowlists]]\nregexes = ['x+', 'y']\n",
      "g.toml", rejects_x);
  CHECK(ToStrings(out.problems) ==
        std::vector<std::string>{"g.toml:5: rule 'a': allowlists[0].regexes: "
                                 "PCRE2 rejects the translation: no; not "
                                 "imported"});
  CHECK(Load(out).secret_rules[0].allowlist.regexes ==
        std::vector<std::string>{"y"});
  out =
      ImportGitleaks("[[rules]]\nid = 'a'\nregex = 'tok_[a-z]{8}'\n", "g.toml",
                     [](const std::string&) { return std::string("no"); });
  CHECK(ToStrings(out.problems) ==
        std::vector<std::string>{"g.toml:3: rule 'a': regex: PCRE2 rejects "
                                 "the translation: no; left out"});
}

TEST_CASE("[extend], unknown fields and duplicate ids") {
  GitleaksImport out = ImportGitleaks(R"([extend]
useDefault = true
disabledRules = ["generic-api-key"]
[[rules]]
id = "a.b"
regex = '''ab_[0-9]{9}'''
keyword = ["ab_"]
[[rules]]
id = "A.B"
regex = '''ab_[0-9]{9}'''
)",
                                      "g.toml");
  CHECK(ToStrings(out.problems) ==
        std::vector<std::string>{
            "g.toml:3: extend.disabledRules: names gitleaks' default rules, "
            "which pushguard does not have; to switch off a pushguard rule, "
            "add `enabled: false` for its id by hand",
            "g.toml:9: rule 'A.B': id: 'gitleaks.a.b' is already taken by "
            "another rule of this file; left out"});
  CHECK(ToStrings(out.notes) ==
        std::vector<std::string>{
            "g.toml:2: extend.useDefault: pushguard's own rule pack always "
            "applies (gitleaks' default rules are not imported)",
            "g.toml:6: rule 'a.b': keywords: none given; using 'ab_', which "
            "every match of the regex contains",
            "g.toml:7: rule 'a.b': keyword: not a gitleaks field; ignored, as "
            "gitleaks ignores it (did you mean 'keywords'?)",
            "g.toml:10: rule 'A.B': keywords: none given; using 'ab_', which "
            "every match of the regex contains"});
  CHECK(Load(out).secret_rules.size() == 1);
}

TEST_CASE("malformed TOML is one problem at its line, and no layer") {
  GitleaksImport out =
      ImportGitleaks("[[rules]]\nid = \"a\"\nregex = '''x\n", "bad.toml");
  CHECK_FALSE(out.parsed);
  REQUIRE(out.problems.size() == 1);
  CHECK(out.problems[0].line == 3);
  CHECK(Contains(out.problems[0].ToString(), "bad.toml:3: invalid TOML: "));
  CHECK(out.yaml.empty());
}

}  // namespace
}  // namespace pushguard::rules

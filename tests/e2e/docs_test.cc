// End-to-end: what an administrator reads. Every subcommand answers --help,
// the man pages document every option the parser accepts and every policy
// type and parameter, and the repository carries its licence and its
// design without pointing outside itself.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "push_checks.h"
#include "rules/push_policy.h"

namespace pushguard::e2e {
namespace {

namespace fs = std::filesystem;

fs::path SourceDir() {
  const char* dir = std::getenv("PUSHGUARD_SOURCE_DIR");
  REQUIRE_MESSAGE((dir != nullptr && dir[0] == '/'),
                  "set PUSHGUARD_SOURCE_DIR (make test does)");
  return dir;
}

std::string Source(const std::string& path) {
  std::ifstream in(SourceDir() / path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), path << " is missing");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// roff text with its escapes undone: "\-\-trust\-env" reads "--trust-env".
std::string Plain(std::string roff) {
  std::string out;
  for (size_t i = 0; i < roff.size(); ++i) {
    if (roff[i] == '\\' && i + 1 < roff.size() && roff[i + 1] == '-') {
      out += '-';
      ++i;
    } else {
      out += roff[i];
    }
  }
  return out;
}

const char* const kCommands[] = {
    "pre-receive", "scan",       "rules",    "policy",  "install",
    "log",         "pre-commit", "pre-push", "version", "help"};

TEST_CASE(
    "every subcommand answers --help with exit 0, and pushguard(1) "
    "documents every option") {
  GitFixture git;
  const std::string man = Plain(Source("packaging/man/pushguard.1"));
  const std::regex option("--[a-z][a-z-]*");
  for (const char* command : kCommands) {
    CAPTURE(command);
    CommandResult help = git.Pushguard({command, "--help"});
    INFO(help.Output());
    CHECK(help.exit_code == 0);
    CHECK_FALSE(help.out.empty());
    CHECK(Contains(man, std::string(".B ") + command));
    for (std::sregex_iterator it(help.out.begin(), help.out.end(), option), end;
         it != end; ++it) {
      const std::string name = it->str();
      if (name == "--help") continue;
      CAPTURE(name);
      CHECK(Contains(man, name));
    }
  }
  // -h too, and the subcommand with arguments before --help.
  CHECK(git.Pushguard({"scan", "-h"}).exit_code == 0);
  CHECK(git.Pushguard({"rules", "check", "--help"}).exit_code == 0);
  CommandResult install = git.Pushguard({"install", "--help"});
  CHECK(Contains(install.out, "--hooks-dir DIR"));
  CHECK(Contains(install.out, "--trust-env"));
}

TEST_CASE("pushguard.yaml(5) documents every policy type and parameter") {
  const std::string man = Plain(Source("packaging/man/pushguard.yaml.5"));
  for (const char* key :
       {"policies", "settings", "limits", "audit", "allowlist", "rules",
        "mandatory", "bypass", "bypassable", "scope", "exempt_users", "modes",
        "remediation", "on_error", "marker_bypass", "max_findings_shown",
        "pushguard.yaml", "MB", "MiB"}) {
    CAPTURE(key);
    CHECK(Contains(man, key));
  }
  for (const rules::PolicyTypeSpec& type : rules::PolicyTypes()) {
    CAPTURE(type.name);
    CHECK(Contains(man, std::string(".B ") + type.name));
    for (const rules::ParamSpec& spec : type.params) {
      CAPTURE(spec.key);
      CHECK(Contains(man, spec.key));
    }
  }
}

TEST_CASE("the licence is Apache-2.0, said in README and Debian copyright") {
  CHECK(Contains(Source("LICENSE"), "Apache License\n"));
  CHECK(Contains(Source("LICENSE"), "Version 2.0, January 2004"));
  CHECK(Contains(Source("README.md"), "[Apache-2.0](LICENSE)"));
  const std::string copyright = Source("packaging/deb/copyright");
  CHECK(Contains(copyright, "\nLicense: Apache-2.0\n"));
  CHECK(Contains(copyright, "/usr/share/common-licenses/Apache-2.0"));
}

TEST_CASE("README and docs link only to files inside the repository") {
  const std::regex link(R"(\]\(([^)#]+)[^)]*\))");
  for (const char* doc : {"README.md", "docs/design.md"}) {
    CAPTURE(doc);
    const std::string text = Source(doc);
    CHECK_FALSE(Contains(text, std::string("..") + "/shared/"));
    CHECK_FALSE(Contains(text, "shared/DESIGN.md"));
    fs::path base = (SourceDir() / doc).parent_path();
    for (std::sregex_iterator it(text.begin(), text.end(), link), end;
         it != end; ++it) {
      std::string target = (*it)[1].str();
      if (target.rfind("http", 0) == 0) continue;
      CAPTURE(target);
      fs::path resolved = fs::weakly_canonical(base / target);
      CHECK(fs::exists(resolved));
      CHECK(resolved.string().rfind(SourceDir().string(), 0) == 0);
    }
  }
  // The contracts the README refers to are in docs/design.md.
  const std::string design = Source("docs/design.md");
  for (const char* section :
       {"## What a push introduces", "### Command line", "### Exit codes",
        "### JSON report", "missing_objects", "rules check [--repo DIR]"}) {
    CAPTURE(section);
    CHECK(Contains(design, section));
  }
}

TEST_CASE("the README's administrator walkthrough is the one its script runs") {
  // tests/admin_walkthrough.sh runs the README's steps in a fresh chroot
  // (make walkthrough-check); --check says whether the README still has the
  // steps, quotes and phrases that run asserts.
  CommandResult r = Run(
      {{"sh", (SourceDir() / "tests/admin_walkthrough.sh").string(), "--check"},
       SourceDir(),
       "",
       {{"PATH", "/usr/bin:/bin"}}});
  INFO(r.Output());
  CHECK(r.exit_code == 0);
}

}  // namespace
}  // namespace pushguard::e2e

#include "cli/command_table.h"

#include <doctest/doctest.h>

namespace pushguard::cli {

TEST_CASE("every command's help names every option its parser accepts") {
  for (const CommandSpec& c : CommandTable()) {
    CAPTURE(c.name);
    std::string help = CommandHelp(c);
    CHECK(help.rfind("usage: pushguard " + c.name, 0) == 0);
    for (const OptionSpec& o : c.options) {
      CAPTURE(o.name);
      CHECK(help.find("  --" + o.name + (o.takes_value ? " " : "")) !=
            std::string::npos);
      CHECK_FALSE(o.help.empty());
      CHECK(o.takes_value == !o.value_name.empty());
      CHECK(c.synopsis.find("--" + o.name) != std::string::npos);
    }
  }
  CHECK(FindCommand("scan") == &CommandTable()[1]);
  CHECK(FindCommand("nope") == nullptr);
  CHECK(OptionsOf("nope").empty());
}

TEST_CASE("--help or -h asks for help, until a --") {
  CHECK(WantsHelp({"--help"}));
  CHECK(WantsHelp({"check", "-h"}));
  CHECK(WantsHelp({"--repo", "x", "--help"}));
  CHECK_FALSE(WantsHelp({}));
  CHECK_FALSE(WantsHelp({"--", "--help"}));
  CHECK_FALSE(WantsHelp({"--helpful"}));
}

}  // namespace pushguard::cli

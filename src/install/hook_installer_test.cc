#include "install/hook_installer.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace pushguard::install {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void Spit(const fs::path& p, const std::string& content, bool executable) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  if (executable) fs::permissions(p, fs::perms(0755));
}

// A scratch directory with a fake bare repository and a fake pushguard that
// records its stdin and exits with $FAKE_PUSHGUARD_EXIT.
class Sandbox {
 public:
  Sandbox() {
    std::string tmpl =
        (fs::temp_directory_path() / "pushguard-install-XXXXXX").string();
    root_ = mkdtemp(tmpl.data());
    fs::create_directories(repo() / "objects");
    Spit(repo() / "HEAD", "ref: refs/heads/main\n", false);
    Spit(pushguard(),
         "#!/bin/sh\ncat >'" + (root_ / "pushguard.in").string() +
             "'\nexit \"${FAKE_PUSHGUARD_EXIT:-0}\"\n",
         true);
  }
  ~Sandbox() { fs::remove_all(root_); }

  fs::path root() const { return root_; }
  fs::path repo() const { return root_ / "server.git"; }
  fs::path hooks() const { return repo() / "hooks"; }
  fs::path pushguard() const { return root_ / "bin" / "pushguard"; }

  Result<std::vector<std::string>> Run(bool uninstall = false) const {
    return Install({repo().string()}, {pushguard().string(), uninstall});
  }

  // Runs hooks/pre-receive the way git does (cwd = git dir) on `input`;
  // returns its exit status.
  int RunHook(const std::string& input, const std::string& env = "") const {
    Spit(root_ / "input", input, false);
    std::string cmd = "cd '" + repo().string() + "' && " + env +
                      " hooks/pre-receive <'" + (root_ / "input").string() +
                      "'";
    int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  fs::path root_;
};

std::string Line(const Sandbox& box, const std::string& what) {
  return box.repo().string() + ": " + what;
}

const char kForeignHook[] = "#!/bin/sh\nexit 0\n";

TEST_CASE(
    "install writes an executable hooks/pre-receive that execs pushguard") {
  Sandbox box;
  auto lines = box.Run();
  REQUIRE(lines.ok());
  CHECK(*lines ==
        std::vector<std::string>{Line(box, "installed hooks/pre-receive")});
  fs::path hook = box.hooks() / "pre-receive";
  std::string script = Slurp(hook);
  CHECK(script.rfind("#!/bin/sh\n", 0) == 0);
  CHECK(script.find(kMarker) != std::string::npos);
  CHECK(script.find("exec '" + box.pushguard().string() + "' pre-receive\n") !=
        std::string::npos);
  CHECK((fs::status(hook).permissions() & fs::perms::all) == fs::perms(0755));
  CHECK(box.RunHook("a b c\n", "FAKE_PUSHGUARD_EXIT=0") == 0);
  CHECK(Slurp(box.root() / "pushguard.in") == "a b c\n");
  CHECK(box.RunHook("a b c\n", "FAKE_PUSHGUARD_EXIT=1") == 1);
}

TEST_CASE("installing twice changes nothing and leaves no temporary files") {
  Sandbox box;
  REQUIRE(box.Run().ok());
  auto again = box.Run();
  REQUIRE(again.ok());
  CHECK(*again == std::vector<std::string>{
                      Line(box, "already installed (hooks/pre-receive)")});
  int files = 0;
  for (const auto& entry : fs::directory_iterator(box.hooks())) {
    CHECK(entry.path().filename().string().front() != '.');
    ++files;
  }
  CHECK(files == 1);
}

TEST_CASE("installing again with another binary path updates the hook") {
  Sandbox box;
  REQUIRE(box.Run().ok());
  fs::path moved = box.root() / "new bin" / "it's pushguard";
  fs::create_directories(moved.parent_path());
  fs::copy_file(box.pushguard(), moved);
  auto lines = Install({box.repo().string()}, {moved.string()});
  REQUIRE(lines.ok());
  CHECK(*lines ==
        std::vector<std::string>{Line(box, "updated hooks/pre-receive")});
  CHECK(Slurp(box.hooks() / "pre-receive") ==
        HookScript(moved.string(), false));
  CHECK(box.RunHook("x\n") == 0);  // the quoting survives a space and a quote
}

TEST_CASE("an existing pre-receive hook is chained and gets the same input") {
  Sandbox box;
  Spit(box.hooks() / "pre-receive",
       "#!/bin/sh\ncat >'" + (box.root() / "chained.in").string() +
           "'\nexit \"${FAKE_CHAINED_EXIT:-0}\"\n",
       true);
  auto lines = box.Run();
  REQUIRE(lines.ok());
  CHECK(*lines ==
        std::vector<std::string>{Line(
            box,
            "chained existing hook as hooks/pre-receive.pushguard-chained, "
            "installed hooks/pre-receive")});
  CHECK(Slurp(box.hooks() / "pre-receive") ==
        HookScript(box.pushguard().string(), true));
  const std::string input =
      "0000 1111 refs/heads/main\n2222 3333 refs/tags/v1\n";
  CHECK(box.RunHook(input) == 0);
  CHECK(Slurp(box.root() / "pushguard.in") == input);
  CHECK(Slurp(box.root() / "chained.in") == input);

  SUBCASE("the chained hook does not run when pushguard rejects") {
    fs::remove(box.root() / "chained.in");
    CHECK(box.RunHook(input, "FAKE_PUSHGUARD_EXIT=1") == 1);
    CHECK_FALSE(fs::exists(box.root() / "chained.in"));
  }
  SUBCASE("a rejection by the chained hook rejects the push") {
    CHECK(box.RunHook(input, "FAKE_CHAINED_EXIT=3") == 3);
  }
  SUBCASE("installing again keeps the chain") {
    auto again = box.Run();
    REQUIRE(again.ok());
    CHECK(*again == std::vector<std::string>{
                        Line(box, "already installed (hooks/pre-receive)")});
  }
}

TEST_CASE("uninstall restores the chained hook byte for byte") {
  Sandbox box;
  Spit(box.hooks() / "pre-receive", kForeignHook, true);
  REQUIRE(box.Run().ok());
  auto lines = box.Run(/*uninstall=*/true);
  REQUIRE(lines.ok());
  CHECK(*lines ==
        std::vector<std::string>{Line(
            box, "uninstalled hooks/pre-receive, restored the chained hook")});
  CHECK(Slurp(box.hooks() / "pre-receive") == kForeignHook);
  CHECK_FALSE(fs::exists(box.hooks() / kChainedName));
}

TEST_CASE("uninstall removes the hook, and says so when there is none") {
  Sandbox box;
  REQUIRE(box.Run().ok());
  auto lines = box.Run(true);
  REQUIRE(lines.ok());
  CHECK(*lines ==
        std::vector<std::string>{Line(box, "uninstalled hooks/pre-receive")});
  CHECK_FALSE(fs::exists(box.hooks() / "pre-receive"));
  auto again = box.Run(true);
  REQUIRE(again.ok());
  CHECK(*again == std::vector<std::string>{Line(box, "not installed")});
}

TEST_CASE("uninstall leaves a hook that pushguard did not write alone") {
  Sandbox box;
  Spit(box.hooks() / "pre-receive", kForeignHook, true);
  auto lines = box.Run(true);
  REQUIRE(lines.ok());
  CHECK(*lines == std::vector<std::string>{Line(box, "not installed")});
  CHECK(Slurp(box.hooks() / "pre-receive") == kForeignHook);
}

TEST_CASE(
    "a pre-receive.d directory gets a drop-in script and nothing is chained") {
  Sandbox box;
  fs::create_directories(box.hooks() / "pre-receive.d");
  Spit(box.hooks() / "pre-receive", "#!/bin/sh\n# gitea's wrapper\n", true);
  auto lines = box.Run();
  REQUIRE(lines.ok());
  CHECK(*lines == std::vector<std::string>{
                      Line(box, "installed hooks/pre-receive.d/pushguard")});
  fs::path drop_in = box.hooks() / "pre-receive.d" / "pushguard";
  CHECK(Slurp(drop_in) == HookScript(box.pushguard().string(), false));
  CHECK((fs::status(drop_in).permissions() & fs::perms::all) ==
        fs::perms(0755));
  CHECK(Slurp(box.hooks() / "pre-receive") == "#!/bin/sh\n# gitea's wrapper\n");
  CHECK_FALSE(fs::exists(box.hooks() / kChainedName));

  auto removed = box.Run(true);
  REQUIRE(removed.ok());
  CHECK(*removed == std::vector<std::string>{Line(
                        box, "uninstalled hooks/pre-receive.d/pushguard")});
  CHECK_FALSE(fs::exists(drop_in));
}

TEST_CASE("a working tree is installed into its .git directory") {
  Sandbox box;
  fs::path work = box.root() / "work";
  fs::create_directories(work / ".git" / "objects");
  Spit(work / ".git" / "HEAD", "ref: refs/heads/main\n", false);
  auto lines = Install({work.string()}, {box.pushguard().string()});
  REQUIRE(lines.ok());
  CHECK(fs::exists(work / ".git" / "hooks" / "pre-receive"));
}

TEST_CASE(
    "a path that is not a repository is an error naming it, and nothing is "
    "installed") {
  Sandbox box;
  fs::path plain = box.root() / "plain";
  fs::create_directories(plain);
  auto lines = Install({box.repo().string(), plain.string()},
                       {box.pushguard().string()});
  REQUIRE_FALSE(lines.ok());
  CHECK(lines.status().code() == Status::Code::kInvalidArgument);
  CHECK(lines.status().message() ==
        plain.string() +
            ": not a git repository (expected objects/ and HEAD, or a .git "
            "directory "
            "holding them)");
  CHECK_FALSE(fs::exists(box.hooks() / "pre-receive"));

  auto missing =
      Install({(box.root() / "nope").string()}, {box.pushguard().string()});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message() ==
        (box.root() / "nope").string() + ": not a directory");
}

TEST_CASE("the pushguard path must be an absolute path to an executable") {
  Sandbox box;
  auto relative = Install({box.repo().string()}, {"bin/pushguard"});
  REQUIRE_FALSE(relative.ok());
  CHECK(relative.status().message() ==
        "bin/pushguard: the pushguard path must be absolute");
  auto missing =
      Install({box.repo().string()}, {(box.root() / "none").string()});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message().find("not an executable pushguard binary") !=
        std::string::npos);
}

TEST_CASE(
    "a foreign hook next to an existing chained hook is an error, not an "
    "overwrite") {
  Sandbox box;
  Spit(box.hooks() / "pre-receive", kForeignHook, true);
  Spit(box.hooks() / kChainedName, "#!/bin/sh\nexit 1\n", true);
  auto lines = box.Run();
  REQUIRE_FALSE(lines.ok());
  CHECK(lines.status().message().find((box.hooks() / kChainedName).string() +
                                      " already exists") != std::string::npos);
  CHECK(Slurp(box.hooks() / "pre-receive") == kForeignHook);
}

TEST_CASE("an unwritable hooks directory is an error naming the path") {
  if (geteuid() == 0) return;  // root writes anyway
  Sandbox box;
  fs::create_directories(box.hooks());
  fs::permissions(box.hooks(), fs::perms(0555));
  auto lines = box.Run();
  fs::permissions(box.hooks(), fs::perms(0755));
  REQUIRE_FALSE(lines.ok());
  CHECK(lines.status().code() == Status::Code::kIo);
  CHECK(lines.status().message().find((box.hooks() / "pre-receive").string()) ==
        0);
}

}  // namespace
}  // namespace pushguard::install

#include "signing/tool.h"

#include <doctest/doctest.h>

#include <filesystem>

namespace pushguard::signing {

TEST_CASE("a tool runs without a shell, with stdin from a file") {
  Result<ScratchDir> dir = ScratchDir::Create();
  REQUIRE(dir.ok());
  Result<std::string> input = dir->Write("in", "hello $HOME\n");
  REQUIRE(input.ok());
  Result<ToolResult> r =
      RunTool({"cat"}, *input, {"PATH=/usr/bin:/bin"}, std::chrono::seconds(5));
  REQUIRE(r.ok());
  CHECK(r->exit_code == 0);
  CHECK(r->out == "hello $HOME\n");
  r = RunTool({"sh", "-c", "echo oops >&2; exit 3"}, "", {},
              std::chrono::seconds(5));
  REQUIRE(r.ok());
  CHECK(r->exit_code == 3);
  CHECK(r->err == "oops\n");
}

TEST_CASE("a tool that runs too long is killed and reported as a timeout") {
  auto start = std::chrono::steady_clock::now();
  Result<ToolResult> r =
      RunTool({"sleep", "30"}, "", {}, std::chrono::milliseconds(200));
  CHECK(r.status().code() == Status::Code::kTimeout);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("a tool that does not exist is an error") {
  Result<ToolResult> r =
      RunTool({"no-such-tool-pushguard"}, "", {}, std::chrono::seconds(5));
  CHECK_FALSE(r.ok());
}

TEST_CASE("the scratch directory is removed with its files") {
  std::string path;
  {
    Result<ScratchDir> dir = ScratchDir::Create();
    REQUIRE(dir.ok());
    path = dir->path();
    REQUIRE(dir->Write("f", "x").ok());
  }
  CHECK_FALSE(std::filesystem::exists(path));
}

}  // namespace pushguard::signing

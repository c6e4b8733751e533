#include "audit/log_files.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace pushguard::audit {
namespace {

namespace fs = std::filesystem;

struct TempLogDir {
  fs::path dir;
  TempLogDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string tmpl =
        std::string(tmp && *tmp ? tmp : "/tmp") + "/pushguard-logfiles-XXXXXX";
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    dir = tmpl;
  }
  ~TempLogDir() { fs::remove_all(dir); }
  void Touch(const std::string& name, const std::string& text = "") const {
    std::ofstream(dir / name, std::ios::binary) << text;
  }
};

TEST_CASE("rotations are listed oldest first, the current file last") {
  TempLogDir t;
  for (const char* name :
       {"audit.jsonl", "audit.jsonl.1", "audit.jsonl.2.gz", "audit.jsonl.10.gz",
        "audit.jsonl-20240501.gz", "audit.jsonl-20240430", "audit.jsonl.bak",
        "audit.jsonl.1.tmp", "other.jsonl.1"}) {
    t.Touch(name);
  }
  std::vector<std::string> files =
      RotatedLogFiles((t.dir / "audit.jsonl").string());
  std::vector<std::string> names;
  for (const std::string& f : files) names.push_back(fs::path(f).filename());
  CHECK(names == std::vector<std::string>{
                     "audit.jsonl-20240430", "audit.jsonl-20240501.gz",
                     "audit.jsonl.10.gz", "audit.jsonl.2.gz", "audit.jsonl.1",
                     "audit.jsonl"});
}

TEST_CASE("a tail follows appends, skips partial lines and survives rotation") {
  TempLogDir t;
  fs::path log = t.dir / "audit.jsonl";
  t.Touch("audit.jsonl", "old\n");
  LogTail tail(log.string());
  std::vector<std::string> seen;
  auto collect = [&](std::string_view line) { seen.emplace_back(line); };
  REQUIRE(tail.Poll(collect).ok());
  CHECK(seen.empty());
  std::ofstream(log, std::ios::app) << "one\ntw";
  REQUIRE(tail.Poll(collect).ok());
  CHECK(seen == std::vector<std::string>{"one"});
  std::ofstream(log, std::ios::app) << "o\n";
  REQUIRE(tail.Poll(collect).ok());
  CHECK(seen == std::vector<std::string>{"one", "two"});
  fs::rename(log, t.dir / "audit.jsonl.1");
  REQUIRE(tail.Poll(collect).ok());  // no current file for a moment
  t.Touch("audit.jsonl", "three\n");
  REQUIRE(tail.Poll(collect).ok());
  CHECK(seen == std::vector<std::string>{"one", "two", "three"});
}

TEST_CASE("reading a missing log file is NotFound") {
  TempLogDir t;
  Status s = ReadLines((t.dir / "none").string(), [](std::string_view) {});
  CHECK(s.code() == Status::Code::kNotFound);
}

}  // namespace
}  // namespace pushguard::audit

#include "config/compiled_cache.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace pushguard::config {
namespace {

namespace fs = std::filesystem;

struct TempCache {
  TempCache() {
    char pattern[] = "/tmp/pushguard-cache-test-XXXXXX";
    REQUIRE(mkdtemp(pattern) != nullptr);
    root = pattern;
    dir = root + "/a/b/cache";
  }
  ~TempCache() { fs::remove_all(root); }
  std::string root;
  std::string dir;
};

size_t Entries(const std::string& dir) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    n += e.path().extension() == ".compiled";
  }
  return n;
}

TEST_CASE("A stored entry loads back; the directory is made private") {
  TempCache t;
  CompiledCache cache(t.dir);
  CHECK_FALSE(cache.Load("k1").has_value());
  REQUIRE(cache.Store("k1", std::string("bytes\0more", 10)).ok());
  std::optional<std::string> back = cache.Load("k1");
  REQUIRE(back.has_value());
  CHECK(*back == std::string("bytes\0more", 10));
  CHECK((fs::status(t.dir).permissions() & fs::perms::all) ==
        fs::perms::owner_all);
  // No temporary file is left behind.
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(t.dir))
    files += !e.is_directory();
  CHECK(files == 1);
}

TEST_CASE("A cache others could write is not used") {
  TempCache t;
  CompiledCache cache(t.dir);
  REQUIRE(cache.Store("k1", "bytes").ok());
  // A group- or world-writable entry.
  std::string entry = t.dir + "/k1.compiled";
  REQUIRE(chmod(entry.c_str(), 0666) == 0);
  CHECK_FALSE(cache.Load("k1").has_value());
  REQUIRE(chmod(entry.c_str(), 0600) == 0);
  CHECK(cache.Load("k1").has_value());
  // A world-writable directory: neither read nor written.
  REQUIRE(chmod(t.dir.c_str(), 0777) == 0);
  CHECK_FALSE(cache.Load("k1").has_value());
  CHECK_FALSE(cache.Store("k2", "bytes").ok());
  CHECK_FALSE(fs::exists(t.dir + "/k2.compiled"));
  REQUIRE(chmod(t.dir.c_str(), 0700) == 0);
  // An entry that is a symbolic link (to a file of this user's) is refused.
  std::string target = t.root + "/elsewhere";
  std::ofstream(target) << "bytes";
  REQUIRE(symlink(target.c_str(), (t.dir + "/k3.compiled").c_str()) == 0);
  CHECK_FALSE(cache.Load("k3").has_value());
}

TEST_CASE("No directory, no cache") {
  CompiledCache none("");
  CHECK_FALSE(none.Store("k", "bytes").ok());
  CHECK_FALSE(none.Load("k").has_value());
}

TEST_CASE("The cache keeps the newest entries only") {
  TempCache t;
  CompiledCache cache(t.dir);
  for (size_t i = 0; i < CompiledCache::kMaxEntries + 5; ++i) {
    REQUIRE(cache.Store("k" + std::to_string(i), "x").ok());
  }
  CHECK(Entries(t.dir) == CompiledCache::kMaxEntries);
  // The newest survives.
  CHECK(cache.Load("k" + std::to_string(CompiledCache::kMaxEntries + 4))
            .has_value());
}

TEST_CASE("A key depends on every layer's name, tier and text") {
  std::vector<rules::PolicySource> base = {{"a.yaml", "x: 1\n", false}};
  std::string key = CompiledCache::Key(base, "id");
  CHECK(key.size() == 64);
  CHECK(CompiledCache::Key(base, "id") == key);
  CHECK(CompiledCache::Key(base, "other-build") != key);
  auto changed = base;
  changed[0].text = "x: 2\n";
  CHECK(CompiledCache::Key(changed, "id") != key);
  changed = base;
  changed[0].name = "b.yaml";
  CHECK(CompiledCache::Key(changed, "id") != key);
  changed = base;
  changed[0].system = true;
  CHECK(CompiledCache::Key(changed, "id") != key);
  changed = base;
  changed.push_back({"", "", false});
  CHECK(CompiledCache::Key(changed, "id") != key);
}

TEST_CASE("The hook's cache directory ignores the environment") {
  // A server hook without --trust-env: the password database's home.
  setenv("PUSHGUARD_CACHE_DIR", "/tmp/pusher-chosen", 1);
  std::string untrusted = CompiledCache::DefaultDirectory(false);
  CHECK(untrusted.find("pusher-chosen") == std::string::npos);
  CHECK(CompiledCache::DefaultDirectory(true) == "/tmp/pusher-chosen");
  setenv("PUSHGUARD_CACHE_DIR", "", 1);
  CHECK(CompiledCache::DefaultDirectory(true).empty());  // disabled
  unsetenv("PUSHGUARD_CACHE_DIR");
}

}  // namespace
}  // namespace pushguard::config

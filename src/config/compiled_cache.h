// A directory of compiled configurations (compiled_form.h), keyed by the
// content of the layers they were compiled from, so a hook compiles an
// administrator's configuration once, not on every push.
//
//   CompiledCache cache(CompiledCache::DefaultDirectory());
//   std::string key = CompiledCache::Key(layers, BuildIdentity());
//   if (std::optional<std::string> bytes = cache.Load(key)) -> UnwrapCompiled
//   else -> compile, then cache.Store(key, WrapCompiled(...))
//
// The cache is an optimisation that must never change a verdict:
// - an entry is found only by the hash of every layer's name, tier and text
//   and of the build that wrote it, so an edited file is a new key;
// - the directory and each entry must be owned by this user and writable by
//   no one else, or the cache is not used (a file another user could write
//   could weaken the policy);
// - writes go to a temporary file renamed into place (concurrent hooks see a
//   whole entry or none); a damaged entry fails its checksum when unwrapped
//   and is then ignored and rewritten;
// - at most kMaxEntries are kept (the oldest go first).
// Safe to use from concurrent processes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "rules/loader.h"

namespace pushguard::config {

class CompiledCache {
 public:
  static constexpr size_t kMaxEntries = 64;

  // "" disables the cache.
  explicit CompiledCache(std::string directory)
      : directory_(std::move(directory)) {}

  // Where this user's entries go. With `trust_env` (the user runs pushguard
  // themselves, or the hook was installed with --trust-env):
  // $PUSHGUARD_CACHE_DIR when set (empty: no cache), else
  // $XDG_CACHE_HOME/pushguard, else $HOME/.cache/pushguard. Without (a
  // server hook, whose environment a pusher may influence): the home
  // directory in the password database, + "/.cache/pushguard". "" when
  // there is none.
  static std::string DefaultDirectory(bool trust_env);

  // The key of a configuration: hex SHA-256 over `identity` and each layer's
  // name, tier (system or not) and text, in order.
  static std::string Key(const std::vector<rules::PolicySource>& layers,
                         std::string_view identity);

  // The entry's bytes, or nullopt: no cache, no entry, or a directory or
  // entry that is not safely this user's own.
  std::optional<std::string> Load(const std::string& key) const;

  // Stores an entry (creating the directory, mode 0700, when missing) and
  // drops the oldest entries beyond kMaxEntries. An error says why nothing
  // was stored; callers go on without the cache.
  Status Store(const std::string& key, std::string_view bytes) const;

  const std::string& directory() const { return directory_; }

 private:
  std::string EntryPath(const std::string& key) const;
  void Prune() const;

  std::string directory_;
};

}  // namespace pushguard::config

// The repository a hook or scan works on. This module is the only libgit2
// user; callers see object ids as lowercase hex strings.
//
// In a pre-receive hook git hands over the repository through the
// environment: GIT_DIR, GIT_OBJECT_DIRECTORY (the quarantine, holding just
// the pushed objects) and GIT_ALTERNATE_OBJECT_DIRECTORIES (the main store).
// OpenFromEnv() honours all of them, so pushed objects are visible, and keeps
// a handle on the main store to tell which objects are new. Nothing here ever
// writes to the repository (UseScratchObjects() keeps even the pre-commit
// snapshot out of it).
//
// Not thread-safe: use one Repository per thread.
#pragma once

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"

struct git_repository;

namespace pushguard::git {

enum class ObjectType { kCommit, kTree, kBlob, kTag, kOther };

// Runs libgit2's one-time initialisation on another thread while the caller
// goes on (loading the configuration): in Debian's build it parses the
// system's CA certificates, ~5 ms of every hook that the guard never needs
// but cannot skip. The first Open() waits for it if it is still running.
// Destroying the warm-up waits for the thread; libgit2 then stays
// initialised until the process exits.
class LibraryWarmup {
 public:
  LibraryWarmup();
  ~LibraryWarmup();
  LibraryWarmup(const LibraryWarmup&) = delete;
  LibraryWarmup& operator=(const LibraryWarmup&) = delete;

 private:
  std::thread thread_;
};

class Repository {
 public:
  // Opens the repository described by GIT_DIR & co (the hook's environment),
  // or the one containing the current directory.
  static Result<std::unique_ptr<Repository>> OpenFromEnv();
  // Opens the repository at `path` (bare, or a work tree's .git).
  static Result<std::unique_ptr<Repository>> Open(const std::string& path);
  // Opens another handle on the same repository, the same way (for another
  // thread: a Repository must not be shared between threads).
  Result<std::unique_ptr<Repository>> Reopen() const;
  ~Repository();
  Repository(const Repository&) = delete;
  Repository& operator=(const Repository&) = delete;

  // Object ids are this many hex digits (40: only SHA-1 is supported).
  size_t hex_length() const { return 40; }

  // True when the push's objects sit in a quarantine directory.
  bool quarantined() const;

  // True if the object existed before the push: it is in the main store
  // (outside the quarantine). Without a quarantine every existing object
  // counts as "before the push", so callers must not use this to decide
  // newness then.
  bool InMainStore(const std::string& oid) const;

  // The type of the object, or NotFound.
  Result<ObjectType> TypeOf(const std::string& oid) const;

  // The repository's path (its git dir), for messages.
  std::string path() const;

  // From now on, objects written through this handle (and through the
  // handles Reopen() makes from it) go to a private scratch directory under
  // $TMPDIR, which is read before the repository's own store and removed
  // with this handle, so they are never written to the repository. For the
  // pre-commit snapshot (git/worktree.h: CommitIndex). Errors: Io when the
  // directory cannot be made.
  Status UseScratchObjects();

  struct Impl;

 private:
  explicit Repository(std::unique_ptr<Impl> impl);
  // The libgit2 handle, for git/ only (git/handles.h: RawRepo).
  git_repository* raw() const;
  friend git_repository* RawRepo(const Repository& repo);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pushguard::git

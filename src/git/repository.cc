#include "git/repository.h"

#include <git2/sys/odb_backend.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>

#include "base/strings.h"
#include "git/handles.h"

namespace pushguard::git {

struct Repository::Impl {
  RepoPtr repo;
  OdbPtr odb;               // everything visible, quarantine included
  OdbPtr main_store;        // set only when quarantined
  std::string opened_path;  // empty: opened from the environment
  // UseScratchObjects(): where written objects go; removed by its owner.
  std::string scratch_dir;
  bool owns_scratch = false;
};

namespace {

// Explains open failures the administrator can act on.
Status OpenError(int code, const std::string& where) {
  const git_error* e = git_error_last();
  std::string detail = e != nullptr && e->message ? e->message : "";
  std::string lower = AsciiLower(detail);
  if (lower.find("objectformat") != std::string::npos) {
    return Status::Unsupported(
        where +
        ": this repository uses extensions.objectFormat (SHA-256); "
        "pushguard supports SHA-1 repositories only (libgit2 1.5)");
  }
  if (lower.find("extension") != std::string::npos) {
    return Status::Unsupported(where +
                               ": unsupported repository extension: " + detail);
  }
  return GitError(code, where + ": cannot open repository");
}

// GIT_ALTERNATE_OBJECT_DIRECTORIES is a ':'-separated list; entries may be
// double-quoted (git quotes paths that contain ':' or '"').
std::vector<std::string> AlternateDirs(const char* value) {
  std::vector<std::string> dirs;
  if (value == nullptr) return dirs;
  std::string current;
  bool quoted = false;
  for (const char* p = value; *p != '\0'; ++p) {
    if (quoted && *p == '\\' && p[1] != '\0') {
      current += *++p;
    } else if (*p == '"') {
      quoted = !quoted;
    } else if (*p == ':' && !quoted) {
      if (!current.empty()) dirs.push_back(current);
      current.clear();
    } else {
      current += *p;
    }
  }
  if (!current.empty()) dirs.push_back(current);
  return dirs;
}

// Process-wide libgit2 settings for a reader that streams many objects once.
// Hash verification is off: receive-pack's index-pack already hashed every
// pushed object, and re-hashing doubles the cost of reading blobs. Pack
// windows and the object cache are bounded so memory follows configuration,
// not repository size.
// Ownership is not checked (libgit2's safe.directory rule): pushguard opens
// only the repository it is given (the hook's GIT_DIR, an explicit path;
// git likewise exempts an explicit GIT_DIR), and never runs a program a
// repository's config names. So root can inspect the repositories the
// server's `git` account owns (`install`, `policy show --repo`), and a hook
// can read a policy repository owned by another account.
void InitLibrary() {
  git_libgit2_init();
  static const bool configured = [] {
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, size_t{8} << 20);
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, size_t{32} << 20);
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, ssize_t{64} << 20);
    // Trees are read again and again (every commit reads the root tree and
    // the directories it changes): cache them whatever their size (the
    // default only caches trees under 4 KiB, and git/git's root is 15 KiB).
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
                     size_t{1} << 20);
    return true;
  }();
  (void)configured;
}

}  // namespace

LibraryWarmup::LibraryWarmup() : thread_([] { InitLibrary(); }) {}

LibraryWarmup::~LibraryWarmup() {
  if (thread_.joinable()) thread_.join();
}

Repository::Repository(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, impl_->repo.get()) == 0) impl_->odb.reset(odb);
}

// libgit2 is reference-counted: every open calls git_libgit2_init() and
// every Repository releases it.
Repository::~Repository() {
  const std::string scratch = impl_->owns_scratch ? impl_->scratch_dir : "";
  impl_.reset();
  if (!scratch.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(scratch, ec);
  }
  git_libgit2_shutdown();
}

namespace {

// Reads and writes the loose objects of `dir` before every other store of
// `odb`: written objects land there.
Status AddScratchBackend(git_odb* odb, const std::string& dir) {
  constexpr int kBeforeEveryStore = 1000;  // libgit2's own: 1 and 2
  git_odb_backend* backend = nullptr;
  if (int rc = git_odb_backend_loose(&backend, dir.c_str(), -1, 0, 0, 0);
      rc != 0) {
    return GitError(rc, "cannot open scratch object directory " + dir);
  }
  if (int rc = git_odb_add_backend(odb, backend, kBeforeEveryStore); rc != 0) {
    backend->free(backend);
    return GitError(rc, "cannot add scratch object directory " + dir);
  }
  return Status::Ok();
}

}  // namespace

Status Repository::UseScratchObjects() {
  if (!impl_->scratch_dir.empty()) return Status::Ok();
  if (impl_->odb == nullptr) return Status::Corruption("no object database");
  std::error_code ec;
  std::filesystem::path tmp = std::filesystem::temp_directory_path(ec);
  if (ec) tmp = "/tmp";
  std::string dir = (tmp / "pushguard-staged-XXXXXX").string();
  if (::mkdtemp(dir.data()) == nullptr) {
    return Status::Io(dir + ": cannot create a scratch directory");
  }
  if (Status s = AddScratchBackend(impl_->odb.get(), dir); !s.ok()) {
    std::filesystem::remove_all(dir, ec);
    return s;
  }
  impl_->scratch_dir = dir;
  impl_->owns_scratch = true;
  return Status::Ok();
}

Result<std::unique_ptr<Repository>> Repository::OpenFromEnv() {
  InitLibrary();
  auto impl = std::make_unique<Impl>();
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, nullptr, GIT_REPOSITORY_OPEN_FROM_ENV,
                                   nullptr);
  if (rc != 0) {
    Status s =
        OpenError(rc, "GIT_DIR=" + std::string(std::getenv("GIT_DIR")
                                                   ? std::getenv("GIT_DIR")
                                                   : "."));
    git_libgit2_shutdown();
    return s;
  }
  impl->repo.reset(raw);
  const char* quarantine = std::getenv("GIT_QUARANTINE_PATH");
  if (quarantine != nullptr && *quarantine != '\0') {
    // The main store: the alternates git lists for the hook, which are the
    // repository's own object directory (and its alternates).
    git_odb* odb = nullptr;
    if (git_odb_new(&odb) != 0) {
      git_libgit2_shutdown();
      return GitError(-1, "cannot create object database");
    }
    impl->main_store.reset(odb);
    std::vector<std::string> dirs =
        AlternateDirs(std::getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES"));
    if (dirs.empty()) {
      git_libgit2_shutdown();
      return Status::Corruption(
          "GIT_QUARANTINE_PATH is set but GIT_ALTERNATE_OBJECT_DIRECTORIES is "
          "empty: cannot tell pushed objects from existing ones");
    }
    for (const std::string& dir : dirs) {
      if (int e = git_odb_add_disk_alternate(odb, dir.c_str()); e != 0) {
        git_libgit2_shutdown();
        return GitError(e, "cannot open object directory " + dir);
      }
    }
  }
  return std::unique_ptr<Repository>(new Repository(std::move(impl)));
}

Result<std::unique_ptr<Repository>> Repository::Open(const std::string& path) {
  InitLibrary();
  auto impl = std::make_unique<Impl>();
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, path.c_str(),
                                   GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
  if (rc != 0) {
    Status s = OpenError(rc, path);
    git_libgit2_shutdown();
    return s;
  }
  impl->repo.reset(raw);
  impl->opened_path = path;
  return std::unique_ptr<Repository>(new Repository(std::move(impl)));
}

Result<std::unique_ptr<Repository>> Repository::Reopen() const {
  Result<std::unique_ptr<Repository>> other =
      impl_->opened_path.empty() ? OpenFromEnv() : Open(impl_->opened_path);
  if (!other.ok() || impl_->scratch_dir.empty()) return other;
  Impl& impl = *(*other)->impl_;
  if (impl.odb == nullptr) return Status::Corruption("no object database");
  if (Status s = AddScratchBackend(impl.odb.get(), impl_->scratch_dir);
      !s.ok()) {
    return s;
  }
  impl.scratch_dir = impl_->scratch_dir;  // the original removes it
  return other;
}

bool Repository::quarantined() const { return impl_->main_store != nullptr; }

bool Repository::InMainStore(const std::string& hex) const {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return false;
  git_odb* store =
      impl_->main_store != nullptr ? impl_->main_store.get() : impl_->odb.get();
  // No refresh on a miss: libgit2 would re-read the pack directory for
  // every quarantined commit it is asked about. A pack added to the main
  // store since it was opened only makes an object look new (scanned).
  return store != nullptr &&
         git_odb_exists_ext(store, &*oid, GIT_ODB_LOOKUP_NO_REFRESH) == 1;
}

Result<ObjectType> Repository::TypeOf(const std::string& hex) const {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  git_odb* odb = impl_->odb.get();
  if (odb == nullptr) return Status::Corruption("no object database");
  size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  if (int rc = git_odb_read_header(&size, &type, odb, &*oid); rc != 0) {
    return GitError(rc, "object " + hex);
  }
  switch (type) {
    case GIT_OBJECT_COMMIT:
      return ObjectType::kCommit;
    case GIT_OBJECT_TREE:
      return ObjectType::kTree;
    case GIT_OBJECT_BLOB:
      return ObjectType::kBlob;
    case GIT_OBJECT_TAG:
      return ObjectType::kTag;
    default:
      return ObjectType::kOther;
  }
}

std::string Repository::path() const {
  const char* p = git_repository_path(impl_->repo.get());
  return p != nullptr ? p : "";
}

git_repository* Repository::raw() const { return impl_->repo.get(); }

git_repository* RawRepo(const Repository& repo) { return repo.raw(); }

}  // namespace pushguard::git

// A minimal git receive-pack client for the soundness tests: it sends what
// a hostile client can send and stock git never does (objects no command
// points to, an empty pack, an old value that is not the ref's).
#pragma once

#include <string>
#include <vector>

#include "git_fixture.h"

namespace pushguard::e2e {

// One command of a push: "<old> <new> <ref>" as the client claims it.
struct RawCommand {
  std::string old_oid;
  std::string new_oid;
  std::string ref;
};

// Runs `git receive-pack` on the fixture's bare repository (its hook
// environment) and sends `commands` and a pack holding exactly `objects`
// (ids in the working clone; none: an empty pack). Returns receive-pack's
// output (the advertisement, then the report: "ok <ref>" / "ng <ref> ...").
CommandResult RawPush(const GitFixture& git,
                      const std::vector<RawCommand>& commands,
                      const std::vector<std::string>& objects);

// The ids of the commit, its tree (recursively) and their blobs, as
// `git rev-list --objects -n 1 COMMIT` lists them.
std::vector<std::string> ObjectsOf(const GitFixture& git,
                                   const std::string& commit);

}  // namespace pushguard::e2e

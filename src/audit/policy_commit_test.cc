// The audit record's policy_commit: written when a policy repository was
// read, absent (and read back as "") otherwise and in older records.
#include <doctest/doctest.h>

#include "audit/record.h"

namespace pushguard::audit {

TEST_CASE("policy_commit is recorded and read back; older records lack it") {
  AuditRecord r;
  r.time_ms = 1714566896789;
  r.policy_hash = "sha256:00";
  CHECK(ToJsonLine(r).find("policy_commit") == std::string::npos);
  r.policy_commit = std::string(40, 'c');
  std::string line = ToJsonLine(r);
  CHECK(line.find("\"policy_commit\":\"" + std::string(40, 'c') + "\"") !=
        std::string::npos);
  Result<AuditRecord> back = ParseRecord(line);
  REQUIRE(back.ok());
  CHECK(back->policy_commit == r.policy_commit);
  Result<AuditRecord> old = ParseRecord(
      R"({"version":1,"time":"2024-05-01T12:34:56.789Z","verdict":"accept",)"
      R"("policy_hash":"sha256:00"})");
  REQUIRE(old.ok());
  CHECK(old->policy_commit.empty());
  CHECK(old->policy_hash == "sha256:00");
}

}  // namespace pushguard::audit

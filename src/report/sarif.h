// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format) for CI
// code-scanning dashboards: `pushguard scan --format sarif`. One run; one
// reportingDescriptor per rule that has findings; one result per finding
// with the file, line and column, the commit and ref as properties, and the
// fingerprint as a partialFingerprint so dashboards track a secret across
// scans. Findings with info severity (evaluate mode) are left out, as in
// the JSON report. Secrets appear only redacted.
#pragma once

#include <string>

#include "base/finding.h"

namespace pushguard::report {

// A complete SARIF log followed by a newline. Always valid JSON and UTF-8.
// A guard failure (decision.error) becomes an unsuccessful invocation with
// an error notification.
std::string RenderSarif(const Decision& decision,
                        const std::string& tool_version);

// Percent-encodes a repository path for an artifactLocation.uri: every byte
// outside RFC 3986 unreserved characters and '/' becomes %XX.
std::string PathToUri(const std::string& path);

}  // namespace pushguard::report

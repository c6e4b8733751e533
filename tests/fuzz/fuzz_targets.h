// The fuzz targets: each takes arbitrary bytes and must neither crash, hang
// nor break an output invariant (they abort if one breaks). libFuzzer drivers
// in tests/fuzz/drivers/ call them (`make fuzz`); corpus_test.cc replays the
// seed and regression corpora in tests/fuzz/corpus/ on every `make test`.
#pragma once

#include <cstddef>
#include <cstdint>

namespace pushguard::fuzz {

// The pre-receive stdin parser, with SHA-1 and SHA-256 oid lengths.
void RefUpdates(const uint8_t* data, size_t size);
// The YAML policy loader and rule compiler on an arbitrary policy file.
void PolicyLoader(const uint8_t* data, size_t size);
// The embedded default rules matching arbitrary blob content.
void Matcher(const uint8_t* data, size_t size);
// The text and JSON reports with hostile paths, refs and messages.
void Reports(const uint8_t* data, size_t size);

}  // namespace pushguard::fuzz

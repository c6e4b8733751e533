// Replacing a file so that no reader ever sees part of it: the bytes go to a
// temporary file beside it, which is renamed over it.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

#include "base/status.h"

namespace pushguard {

// Writes `bytes` to `path` through ".<name>.XXXXXX" in the same directory
// (created with `mode`), renamed over `path`: a reader sees the old file or
// the whole new one. With `durable`, the data reaches the disk before the
// rename (for files a person wrote and would lose). On failure the
// temporary file is removed and `path` is untouched; the error names `path`.
Status WriteFileAtomically(const std::string& path, std::string_view bytes,
                           mode_t mode, bool durable);

// True for a name WriteFileAtomically() gives its temporary files.
bool IsAtomicTempName(std::string_view name);

}  // namespace pushguard

// Text in encodings other than UTF-8, turned into UTF-8 for the secret
// matcher: blobs that are UTF-16 or UTF-32 (git stores bytes and never says
// which encoding they are in), and commit messages whose `encoding` header
// names another charset. The matcher reads UTF-8; a key stored as UTF-16 has
// a NUL after every ASCII letter and no regex would see it.
//
//   TextEncoding e = DetectEncoding(blob);
//   if (e != TextEncoding::kAsIs) text = DecodeToUtf8(blob, e);
//
// Pure functions of their arguments; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace pushguard {

enum class TextEncoding {
  kAsIs,     // UTF-8 without a BOM, other ASCII-compatible text, binary
  kUtf8Bom,  // UTF-8 after the byte order mark EF BB BF
  kUtf16Le,
  kUtf16Be,
  kUtf32Le,
  kUtf32Be,
};

// What `data` is. A byte order mark decides (FF FE 00 00 and 00 00 FE FF:
// UTF-32; FF FE and FE FF: UTF-16; EF BB BF: UTF-8). Without one, UTF-32 and
// UTF-16 are recognized by the NUL pattern of mostly-ASCII text: more than
// half the code units are an ASCII-range character with zero high bytes, in
// the same byte order. Anything else is kAsIs: matched byte for byte. Data
// without NUL bytes is decided from its first three bytes; otherwise one pass.
TextEncoding DetectEncoding(std::string_view data);

// `data` (without its BOM) as UTF-8. Lone or reversed surrogates, code points
// past U+10FFFF and a trailing partial code unit become U+FFFD (never an
// error); U+0000 stays a NUL byte and line breaks stay as they are, so lines
// of the result are the lines of the text. kAsIs returns `data` unchanged.
std::string DecodeToUtf8(std::string_view data, TextEncoding encoding);

// True for the names git treats as UTF-8 ("UTF-8", "utf8", any case) and for
// "" (no `encoding` header).
bool IsUtf8Name(std::string_view charset);

// `data` converted from `charset` (the value of a commit's `encoding` header:
// "ISO-8859-1", "UTF-16", "SHIFT-JIS", ...) to UTF-8 with iconv(3). Bytes that
// do not convert become U+FFFD, one per byte. NotFound if iconv does not know
// the charset.
Result<std::string> ConvertToUtf8(std::string_view data,
                                  const std::string& charset);

// A commit message as UTF-8 text, for checks that read one text: converted
// from `charset` (its `encoding` header) when that names a charset other than
// UTF-8 that iconv knows, else decoded as DetectEncoding() says.
std::string MessageToUtf8(std::string_view bytes, const std::string& charset);

}  // namespace pushguard

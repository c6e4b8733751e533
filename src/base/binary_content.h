// Binary content: blobs that are not text (images, fonts, archives,
// executables, databases, random data). Regexes written for text find
// "secrets" in such bytes by chance (`pw=` followed by eight non-space
// bytes), so the generic rules accept a match in binary content only when the
// match itself is clean text (IsCleanText); provider rules, whose formats are
// strict, read binary content like any other. A key kept in UTF-16 inside a
// binary (PE resources, fonts' name tables, BOM-less UTF-16 of mostly
// non-ASCII text) is read through Utf16TextRuns().
//
//   if (LooksBinary(blob)) { ... generic rules need IsCleanText(match) ... }
//
// Pure functions of their arguments; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace pushguard {

// The name of the file format whose signature (magic number) `data` starts
// with: "PNG", "JPEG", "GIF", "WOFF", "WOFF2", "TrueType", "OpenType", "ZIP"
// (also jar, docx, apk), "gzip", "bzip2", "xz", "zstd", "7z", "PDF", "ELF",
// "Mach-O", "PE", "SQLite", "WebAssembly", "Java class", "WebP"; "" for
// none. Signatures that are also plausible text ("MZ", "OTTO", "true",
// "BZh") count only when a NUL byte follows within the first 64 bytes.
std::string_view BinarySignature(std::string_view data);

// True if `data` is binary: it has a known signature (BinarySignature), or
// holds a NUL byte, or more than 10 % of its first 8 KiB are control bytes
// that text does not use (C0 controls other than tab, line feed, vertical
// tab, form feed, carriage return, backspace and escape; DEL).
bool LooksBinary(std::string_view data);

// True if `text` is valid UTF-8 with no control character other than tab,
// carriage return and line feed, and no DEL: the bytes a text editor wrote.
bool IsCleanText(std::string_view text);

// The ASCII text that `data` holds as UTF-16 code units of one byte order
// (little-endian: a printable ASCII byte, tab, CR or LF, then a NUL; big-
// endian: the NUL first), at any byte offset, in runs of at least `min_run`
// units, laid out on the lines of `data`: every 0x0A byte of `data` is a
// '\n' of the result (line n of the result holds the runs on line n of the
// bytes), and everything else between runs is one NUL byte. Empty when
// `data` holds no such run. One pass over `data`.
std::string Utf16TextRuns(std::string_view data, bool big_endian,
                          size_t min_run = 6);

}  // namespace pushguard

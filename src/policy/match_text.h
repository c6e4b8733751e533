// What the secret matcher reads of a blob or a commit message. Git stores
// bytes; a file saved as UTF-16 (PowerShell's `>`, .reg exports) or a message
// whose `encoding` header names another charset would hide an ASCII key from
// regexes that read UTF-8. So the matcher reads the text decoded to UTF-8
// when it is in another encoding, and the stored bytes as well (a wrong guess
// or a lying header must not hide what the bytes say), with line and column
// numbers of the text it read.
//
// Binary content (base/binary_content.h: a file signature, NUL bytes, control
// bytes) is read as stored, with the generic rules held to matches that are
// clean text, and through the ASCII runs it holds as UTF-16 (either byte
// order, any offset): a key in BOM-less UTF-16 of mostly non-ASCII text, or
// in a binary's UTF-16 strings, is read like any other.
//
// The first MatchText is the canonical one (a finding's line numbers refer to
// it); a second one, if present, is the raw bytes. Whether a finding's
// secret is new is decided against every text of the parent's version
// (policy/parent_texts.h): a secret the parent holds in any reading of it
// is already in history.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "git/history.h"
#include "match/matcher.h"

namespace pushguard::policy {

struct MatchText {
  std::string decoded;     // the text, when decoded
  std::string_view bytes;  // the text, when read as stored
  bool is_decoded = false;
  bool canonical = true;
  // Binary content, or text drawn from it: generic rules accept only
  // matches that are clean text (match::ContentKind::kBinary).
  bool binary = false;

  std::string_view text() const {
    return is_decoded ? std::string_view(decoded) : bytes;
  }
};

// The texts of a blob whose content is `bytes` (which must outlive them):
// the bytes alone when they are text that is neither UTF-16/32 nor starts
// with a BOM; UTF-8 after a BOM alone (the bytes add nothing but the BOM);
// UTF-16/32: the decoded text, then the bytes; binary content: the bytes,
// then the UTF-16 text runs of each byte order that has any (on the lines of
// the bytes), all marked `binary`.
std::vector<MatchText> BlobTexts(std::string_view bytes);

// A blob's canonical text: the first of BlobTexts(bytes).
MatchText CanonicalText(std::string_view bytes);

// The texts of a commit message (which must outlive them): the message
// converted from the charset its `encoding` header names (unless UTF-8 or
// unknown to iconv), then BlobTexts() of its bytes.
std::vector<MatchText> MessageTexts(const git::StoredMessage& message);

// Scans every text; (*matches)[i] gets the matches in texts[i]. A match in a
// later text is left out when an earlier one found the same secret for the
// same rule (one key read two ways). Returns the first scanner error.
Status ScanTexts(match::Scanner& scanner, const match::RuleSet& rules,
                 const std::vector<MatchText>& texts,
                 std::vector<std::vector<match::SecretMatch>>* matches);

}  // namespace pushguard::policy

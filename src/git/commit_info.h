// What push policies read from commits, tags and trees: identities,
// messages, signatures (extracted, not verified), ancestry, object sizes and
// the names in a directory. Object ids are lowercase hex.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "git/repository.h"

namespace pushguard::git {

struct Person {
  std::string name;
  std::string email;
};

struct CommitInfo {
  Person author;
  Person committer;
  // Subject, body and trailers, every byte, as UTF-8 (decoded from the
  // charset of the `encoding` header, or from UTF-16: MessageToUtf8()).
  std::string message;
  size_t parent_count = 0;
  // The header lines other than tree, parent, author, committer and the
  // signature (gpgsig, gpgsig-sha256), continuation lines included: the
  // encoding, a merged tag's text (mergetag), any extra header a tool (or
  // an attacker) wrote; also a repeated author or committer line, a tree or
  // parent line that is not an object id, and then (one a line) what
  // follows the e-mail of the author and committer. Text the commit carries
  // outside its message.
  std::string other_headers;
  // The signature headers (gpgsig, gpgsig-sha256), continuations included.
  std::string signature;
};

// The identities, message (as UTF-8, from its `encoding`), parent count and
// raw headers of `commit`. Errors name the commit that could not be read.
Result<CommitInfo> ReadCommitInfo(const Repository& repo,
                                  const std::string& commit);

// What an annotated tag object says besides what it names.
struct TagInfo {
  std::string name;  // its "tag" header
  bool has_tagger = false;
  Person tagger;
  std::string message;  // without the signature appended to it, if any
  std::string target;   // the object it names
  // Header lines other than the (first) object, type, tag and tagger
  // (continuations included), then what follows the tagger's e-mail: text
  // the tag carries that `git show` does not display.
  std::string other_headers;
  // What follows the message: from its last signature start line on.
  std::string signature;
};

// InvalidArgument: `tag` is not a tag object.
Result<TagInfo> ReadTagInfo(const Repository& repo, const std::string& tag);

// The annotated tags `oid` names its target through, outermost first: {}
// when `oid` is not a tag, {oid} for a tag of a commit, more for a tag of a
// tag. At most 1,000 (deeper chains are Corruption).
Result<std::vector<std::string>> TagChain(const Repository& repo,
                                          const std::string& oid);

// A signature and the exact bytes it signs.
struct SignedData {
  std::string signature;  // "-----BEGIN PGP SIGNATURE-----..." or SSH, X.509
  std::string payload;
};

// The commit's gpgsig header (OpenPGP, SSH or X.509). NotFound: unsigned.
Result<SignedData> CommitSignature(const Repository& repo,
                                   const std::string& commit);

// The signature appended to an annotated tag's message. NotFound: the tag is
// not signed. InvalidArgument: `tag` is not a tag object.
Result<SignedData> TagSignature(const Repository& repo, const std::string& tag);

// True if `descendant` contains `ancestor` in its history (or they are the
// same commit); both are peeled to commits first. The test for a fast-forward
// (old is an ancestor of new); cost follows the commits between them.
Result<bool> IsAncestor(const Repository& repo, const std::string& ancestor,
                        const std::string& descendant);

// An object's size in bytes, read from its header without inflating it.
Result<uint64_t> ObjectSize(const Repository& repo, const std::string& oid);

// The names of the entries of directory `dir` ("" = the root, else "a/b")
// in the tree of `commit`. NotFound when the directory does not exist.
Result<std::vector<std::string>> DirectoryNames(const Repository& repo,
                                                const std::string& commit,
                                                const std::string& dir);

}  // namespace pushguard::git

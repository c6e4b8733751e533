#include "git/commit_info.h"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "base/text_encoding.h"
#include "git/handles.h"
#include "git/history.h"

namespace pushguard::git {
namespace {

using BufPtr = std::unique_ptr<git_buf, GitDeleter<git_buf, git_buf_dispose>>;

Result<CommitPtr> LookupCommit(const Repository& repo, const std::string& hex) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  git_commit* commit = nullptr;
  if (int rc = git_commit_lookup(&commit, RawRepo(repo), &*oid); rc != 0) {
    return GitError(rc, "commit " + hex);
  }
  return CommitPtr(commit);
}

Person ToPerson(const git_signature* s) {
  if (s == nullptr) return {};
  return {s->name ? s->name : "", s->email ? s->email : ""};
}

Result<git_oid> PeelCommit(const Repository& repo, const std::string& hex) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  return PeelToCommit(RawRepo(repo), *oid);
}

// The last line that starts a signature block, as git's parse_signature().
size_t SignatureStart(std::string_view body) {
  static const std::string_view kStarts[] = {
      "-----BEGIN PGP SIGNATURE-----", "-----BEGIN PGP MESSAGE-----",
      "-----BEGIN SSH SIGNATURE-----", "-----BEGIN SIGNED MESSAGE-----"};
  size_t found = std::string_view::npos;
  size_t line = 0;
  while (line < body.size()) {
    for (std::string_view start : kStarts) {
      if (body.substr(line, start.size()) == start) found = line;
    }
    size_t next = body.find('\n', line);
    if (next == std::string_view::npos) break;
    line = next + 1;
  }
  return found;
}

bool IsHexOid(std::string_view value) {
  return value.size() == 40 &&
         std::all_of(value.begin(), value.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// The header lines of `header` that are not what libgit2 reads as the
// commit's tree, parents, author and committer, nor its signature (see
// CommitInfo::other_headers). libgit2 reads the first author and committer
// line and stops at their e-mail: what follows it ("1700000000 +0000", or
// anything a pusher wrote there) comes after the other lines, one a line.
std::string OtherHeaders(std::string_view header, std::string* signature) {
  static const std::string_view kSignature[] = {"gpgsig", "gpgsig-sha256"};
  std::string out, tails;
  bool keep = false, author = false, committer = false;
  bool field_is_signature = false;
  size_t at = 0;
  while (at < header.size()) {
    size_t end = header.find('\n', at);
    if (end == std::string_view::npos) end = header.size();
    std::string_view line = header.substr(at, end - at);
    at = end + 1;
    if (line.empty() || line[0] != ' ') {  // a new field, else continued
      size_t space = line.find(' ');
      std::string_view field = line.substr(0, space);
      std::string_view value =
          space == std::string_view::npos ? "" : line.substr(space + 1);
      bool* first = field == "author"      ? &author
                    : field == "committer" ? &committer
                                           : nullptr;
      field_is_signature =
          std::find(std::begin(kSignature), std::end(kSignature), field) !=
          std::end(kSignature);
      keep = !field_is_signature;
      if ((field == "tree" || field == "parent") && IsHexOid(value)) {
        keep = false;
      } else if (first != nullptr && !*first) {
        *first = true;
        keep = false;
        size_t close = value.rfind('>');
        if (close != std::string_view::npos) {
          tails.append(value.substr(close + 1));
          tails += '\n';
        }
      }
    }
    if (keep) {
      out.append(line);
      out += '\n';
    } else if (field_is_signature) {
      signature->append(line);
      *signature += '\n';
    }
  }
  return out + tails;
}

}  // namespace

Result<CommitInfo> ReadCommitInfo(const Repository& repo,
                                  const std::string& hex) {
  Result<CommitPtr> commit = LookupCommit(repo, hex);
  if (!commit.ok()) return commit.status();
  CommitInfo info;
  info.author = ToPerson(git_commit_author(commit->get()));
  info.committer = ToPerson(git_commit_committer(commit->get()));
  Result<StoredMessage> message = CommitMessage(repo, hex);
  if (!message.ok()) return message.status();
  info.message = MessageToUtf8(message->bytes, message->encoding);
  info.parent_count = git_commit_parentcount(commit->get());
  const char* header = git_commit_raw_header(commit->get());
  info.other_headers =
      OtherHeaders(header != nullptr ? header : "", &info.signature);
  return info;
}

namespace {

using TagPtr = std::unique_ptr<git_tag, GitDeleter<git_tag, git_tag_free>>;

Result<TagPtr> LookupTag(const Repository& repo, const std::string& hex) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  git_object* object = nullptr;
  if (int rc = git_object_lookup(&object, RawRepo(repo), &*oid, GIT_OBJECT_ANY);
      rc != 0) {
    return GitError(rc, "object " + hex);
  }
  if (git_object_type(object) != GIT_OBJECT_TAG) {
    git_object_free(object);
    return Status::InvalidArgument(hex + " is not a tag");
  }
  return TagPtr(reinterpret_cast<git_tag*>(object));
}

}  // namespace

namespace {

// "Name <email> time tz" -> name, email (as written; unparsable: all name).
Person ParseIdent(std::string_view ident) {
  size_t open = ident.find('<');
  size_t close = ident.find('>', open == std::string_view::npos ? 0 : open);
  if (open == std::string_view::npos || close == std::string_view::npos) {
    return {std::string(ident), ""};
  }
  std::string_view name = ident.substr(0, open);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  return {std::string(name),
          std::string(ident.substr(open + 1, close - open - 1))};
}

}  // namespace

// Read from the raw object, not libgit2's parse: every header line counts,
// including ones libgit2 skips.
Result<TagInfo> ReadTagInfo(const Repository& repo, const std::string& hex) {
  Result<OdbObjectPtr> object =
      ReadRawObject(RawRepo(repo), hex, GIT_OBJECT_TAG, "a tag");
  if (!object.ok()) return object.status();
  std::string_view body = RawData(object->get());
  size_t headers_end = body.find("\n\n");
  std::string_view headers = body.substr(0, headers_end);
  TagInfo info;
  bool other = false;
  // libgit2 reads the first object, type, tag and tagger line; a repeated
  // one is other text, and so is what follows the tagger's e-mail.
  bool seen_object = false, seen_type = false, seen_tag = false;
  std::string tails;
  for (size_t at = 0; at < headers.size();) {
    size_t end = headers.find('\n', at);
    if (end == std::string_view::npos) end = headers.size();
    std::string_view line = headers.substr(at, end - at);
    at = end + 1;
    if (!line.empty() && line[0] == ' ') {  // continues the previous field
      if (other) info.other_headers += std::string(line) + "\n";
      continue;
    }
    size_t space = line.find(' ');
    std::string_view field = line.substr(0, space);
    std::string_view value =
        space == std::string_view::npos ? "" : line.substr(space + 1);
    other = false;
    if (field == "object" && !seen_object && IsHexOid(value)) {
      seen_object = true;
      info.target = std::string(value);
    } else if (field == "tag" && !seen_tag) {
      seen_tag = true;
      info.name = std::string(value);
    } else if (field == "tagger" && !info.has_tagger) {
      info.has_tagger = true;
      info.tagger = ParseIdent(value);
      size_t close = value.rfind('>');
      if (close != std::string_view::npos) {
        tails += std::string(value.substr(close + 1)) + "\n";
      }
    } else if (field == "type" && !seen_type &&
               (value == "commit" || value == "tree" || value == "blob" ||
                value == "tag")) {
      seen_type = true;
    } else {
      other = true;
      info.other_headers += std::string(line) + "\n";
    }
  }
  info.other_headers += tails;
  if (headers_end != std::string_view::npos) {
    std::string_view message = body.substr(headers_end + 2);
    size_t signature = SignatureStart(message);
    info.message = std::string(message.substr(0, signature));
    if (signature != std::string_view::npos) {
      info.signature = std::string(message.substr(signature));
    }
  }
  return info;
}

Result<std::vector<std::string>> TagChain(const Repository& repo,
                                          const std::string& oid) {
  std::vector<std::string> chain;
  std::string at = oid;
  for (;;) {
    Result<ObjectType> type = repo.TypeOf(at);
    if (!type.ok()) return type.status();
    if (*type != ObjectType::kTag) return chain;
    if (chain.size() >= 1000) {
      return Status::Corruption("tag " + oid + ": more than 1000 nested tags");
    }
    chain.push_back(at);
    Result<TagPtr> tag = LookupTag(repo, at);
    if (!tag.ok()) return tag.status();
    at = OidHex(*git_tag_target_id(tag->get()));
  }
}

Result<SignedData> CommitSignature(const Repository& repo,
                                   const std::string& hex) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  git_buf signature = GIT_BUF_INIT, payload = GIT_BUF_INIT;
  int rc = git_commit_extract_signature(&signature, &payload, RawRepo(repo),
                                        &*oid, nullptr);
  BufPtr owned_signature(&signature), owned_payload(&payload);
  if (rc == GIT_ENOTFOUND) {
    return Status::NotFound("commit " + hex + " is not signed");
  }
  if (rc != 0) return GitError(rc, "commit " + hex);
  return SignedData{std::string(signature.ptr, signature.size),
                    std::string(payload.ptr, payload.size)};
}

Result<SignedData> TagSignature(const Repository& repo,
                                const std::string& hex) {
  Result<OdbObjectPtr> object =
      ReadRawObject(RawRepo(repo), hex, GIT_OBJECT_TAG, "an annotated tag");
  if (!object.ok()) return object.status();
  std::string_view body = RawData(object->get());
  size_t headers_end = body.find("\n\n");
  size_t start = SignatureStart(body);
  if (start == std::string_view::npos ||
      headers_end == std::string_view::npos || start < headers_end) {
    return Status::NotFound("tag " + hex + " is not signed");
  }
  return SignedData{std::string(body.substr(start)),
                    std::string(body.substr(0, start))};
}

Result<bool> IsAncestor(const Repository& repo, const std::string& ancestor,
                        const std::string& descendant) {
  Result<git_oid> a = PeelCommit(repo, ancestor);
  if (!a.ok()) return a.status();
  Result<git_oid> d = PeelCommit(repo, descendant);
  if (!d.ok()) return d.status();
  if (git_oid_equal(&*a, &*d)) return true;
  int rc = git_graph_descendant_of(RawRepo(repo), &*d, &*a);
  if (rc < 0)
    return GitError(rc, "cannot compare " + ancestor + " and " + descendant);
  return rc == 1;
}

Result<uint64_t> ObjectSize(const Repository& repo, const std::string& hex) {
  Result<git_oid> oid = ParseOid(hex);
  if (!oid.ok()) return oid.status();
  git_odb* odb = nullptr;
  if (int rc = git_repository_odb(&odb, RawRepo(repo)); rc != 0) {
    return GitError(rc, "object database");
  }
  OdbPtr owned(odb);
  size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  if (int rc = git_odb_read_header(&size, &type, odb, &*oid); rc != 0) {
    return GitError(rc, "object " + hex);
  }
  return static_cast<uint64_t>(size);
}

Result<std::vector<std::string>> DirectoryNames(const Repository& repo,
                                                const std::string& commit_hex,
                                                const std::string& dir) {
  Result<CommitPtr> commit = LookupCommit(repo, commit_hex);
  if (!commit.ok()) return commit.status();
  git_tree* root = nullptr;
  if (int rc = git_commit_tree(&root, commit->get()); rc != 0) {
    return GitError(rc, "tree of commit " + commit_hex);
  }
  TreePtr tree(root);
  if (!dir.empty()) {
    git_tree_entry* entry = nullptr;
    if (int rc = git_tree_entry_bypath(&entry, root, dir.c_str()); rc != 0) {
      return GitError(rc, "directory " + dir);
    }
    std::unique_ptr<git_tree_entry,
                    GitDeleter<git_tree_entry, git_tree_entry_free>>
        owned_entry(entry);
    git_tree* sub = nullptr;
    if (int rc = git_tree_lookup(&sub, RawRepo(repo), git_tree_entry_id(entry));
        rc != 0) {
      return GitError(rc, "directory " + dir);
    }
    tree.reset(sub);
  }
  std::vector<std::string> names;
  for (size_t i = 0; i < git_tree_entrycount(tree.get()); ++i) {
    names.push_back(git_tree_entry_name(git_tree_entry_byindex(tree.get(), i)));
  }
  return names;
}

}  // namespace pushguard::git

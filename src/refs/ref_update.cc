#include "refs/ref_update.h"

#include "base/strings.h"

namespace pushguard::refs {
namespace {

constexpr size_t kMaxRefLength = 4096;

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Status CheckOid(std::string_view oid, size_t hex_length, const char* which) {
  if (oid.size() != hex_length) {
    return Status::InvalidArgument(
        std::string(which) + " object id '" + EscapeForDisplay(oid) + "' has " +
        std::to_string(oid.size()) + " characters, expected " +
        std::to_string(hex_length));
  }
  if (!IsLowerHex(oid)) {
    return Status::InvalidArgument(std::string(which) + " object id '" +
                                   EscapeForDisplay(oid) +
                                   "' is not lowercase hexadecimal");
  }
  return Status::Ok();
}

}  // namespace

const char* RefChangeName(RefChange c) {
  switch (c) {
    case RefChange::kCreate:
      return "create";
    case RefChange::kUpdate:
      return "update";
    case RefChange::kDelete:
      return "delete";
  }
  return "update";
}

bool IsZeroOid(std::string_view oid) {
  return !oid.empty() && oid.find_first_not_of('0') == std::string_view::npos;
}

Status CheckRefName(std::string_view ref) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("invalid ref name '" +
                                   EscapeForDisplay(ref) + "': " + why);
  };
  if (ref.size() > kMaxRefLength) return bad("longer than 4096 bytes");
  if (!StartsWith(ref, "refs/")) return bad("must start with 'refs/'");
  for (unsigned char c : ref) {
    if (c < 0x20 || c == 0x7F) return bad("contains a control character");
    if (c == ' ' || c == '~' || c == '^' || c == ':' || c == '?' || c == '*' ||
        c == '[' || c == '\\') {
      return bad(std::string("contains '") + static_cast<char>(c) + "'");
    }
  }
  if (ref.find("..") != std::string_view::npos) return bad("contains '..'");
  if (ref.find("@{") != std::string_view::npos) return bad("contains '@{'");
  if (ref.find("//") != std::string_view::npos) return bad("contains '//'");
  if (ref.back() == '/' || ref.back() == '.') {
    return bad("ends with '/' or '.'");
  }
  for (const std::string& part : Split(ref, '/')) {
    if (StartsWith(part, ".")) return bad("a component starts with '.'");
    if (part.size() >= 5 && part.ends_with(".lock")) {
      return bad("a component ends with '.lock'");
    }
  }
  return Status::Ok();
}

Result<std::vector<RefUpdate>> ParseRefUpdates(std::string_view input,
                                               size_t hex_length) {
  if (input.empty()) {
    return Status::InvalidArgument(
        "stdin: no ref updates (expected lines of "
        "'<old-oid> <new-oid> <ref>')");
  }
  std::vector<RefUpdate> updates;
  int line_number = 0;
  size_t pos = 0;
  while (pos < input.size()) {
    size_t eol = input.find('\n', pos);
    std::string_view line =
        input.substr(pos, eol == std::string_view::npos ? std::string_view::npos
                                                        : eol - pos);
    pos = eol == std::string_view::npos ? input.size() : eol + 1;
    ++line_number;
    const std::string where = "stdin:" + std::to_string(line_number) + ": ";
    std::vector<std::string> fields = Split(line, ' ');
    if (fields.size() != 3) {
      return Status::InvalidArgument(
          where +
          "expected '<old-oid> <new-oid> <ref>' (3 fields separated "
          "by single spaces), got " +
          std::to_string(fields.size()) + " field(s)");
    }
    RefUpdate u{fields[0], fields[1], fields[2], RefChange::kUpdate,
                line_number};
    for (auto [oid, which] :
         {std::pair{&u.old_oid, "old"}, std::pair{&u.new_oid, "new"}}) {
      Status s = CheckOid(*oid, hex_length, which);
      if (!s.ok()) return Status::InvalidArgument(where + s.message());
    }
    if (Status s = CheckRefName(u.ref); !s.ok()) {
      return Status::InvalidArgument(where + s.message());
    }
    bool old_zero = IsZeroOid(u.old_oid), new_zero = IsZeroOid(u.new_oid);
    if (old_zero && new_zero) {
      return Status::InvalidArgument(where +
                                     "old and new object ids are both zero");
    }
    u.change = old_zero   ? RefChange::kCreate
               : new_zero ? RefChange::kDelete
                          : RefChange::kUpdate;
    updates.push_back(std::move(u));
  }
  return updates;
}

}  // namespace pushguard::refs

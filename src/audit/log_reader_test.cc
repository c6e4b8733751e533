#include "audit/log_reader.h"

#include <doctest/doctest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "audit/timestamp.h"

namespace pushguard::audit {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kT0 = 1714521600000;  // 2024-05-01T00:00:00Z

struct TempDir {
  fs::path dir;
  TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string tmpl =
        std::string(tmp && *tmp ? tmp : "/tmp") + "/pushguard-reader-XXXXXX";
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    dir = tmpl;
  }
  ~TempDir() { fs::remove_all(dir); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  }
  std::string WriteGz(const std::string& name, const std::string& text) const {
    std::string path = (dir / name).string();
    gzFile gz = gzopen(path.c_str(), "wb");
    REQUIRE(gz != nullptr);
    gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
    gzclose(gz);
    return path;
  }
};

std::string Line(int64_t time_ms, const std::string& id,
                 const std::string& node = "git1",
                 const std::string& verdict = "accept") {
  AuditRecord r;
  r.time_ms = time_ms;
  r.push_id = id;
  r.node = node;
  r.repository = "group/app";
  r.verdict = verdict;
  return ToJsonLine(r);
}

std::vector<std::string> Ids(const std::vector<std::string>& logs,
                             const ReadOptions& options = {},
                             ReadSummary* summary = nullptr) {
  ReadSummary ignored;
  std::vector<std::string> ids;
  Status s = ReadLog(
      logs, options, [&](const AuditRecord& r) { ids.push_back(r.push_id); },
      summary ? summary : &ignored);
  REQUIRE(s.ok());
  return ids;
}

TEST_CASE(
    "lines come out whole across chunks, a last line without newline too") {
  TempDir t;
  std::string long_line(3 << 20, 'x');  // longer than a read chunk
  std::string text = "a\n\n" + long_line + "\nlast";
  for (bool gz : {false, true}) {
    std::string path = gz ? t.WriteGz("l.gz", text) : t.Write("l", text);
    Result<std::unique_ptr<LineReader>> reader = LineReader::Open(path);
    REQUIRE(reader.ok());
    CHECK((*reader)->compressed() == gz);
    std::vector<std::string> lines;
    std::string_view line;
    while (true) {
      Result<bool> more = (*reader)->Next(&line);
      REQUIRE(more.ok());
      if (!*more) break;
      lines.emplace_back(line);
    }
    CHECK(lines == std::vector<std::string>{"a", "", long_line, "last"});
  }
  CHECK(LineReader::Open((t.dir / "missing").string()).status().code() ==
        Status::Code::kNotFound);
}

TEST_CASE("seeking by time lands at or just before the first later record") {
  TempDir t;
  std::string text = "not a record\n";
  std::vector<uint64_t> starts;
  for (int i = 0; i < 20000; ++i) {
    starts.push_back(text.size());
    text += Line(kT0 + i * 1000LL, "p" + std::to_string(i));
  }
  std::string path = t.Write("audit.jsonl", text);
  for (int target : {0, 1, 7777, 19999}) {
    CAPTURE(target);
    Result<uint64_t> offset = SeekOffset(path, kT0 + target * 1000LL);
    REQUIRE(offset.ok());
    uint64_t first = starts[static_cast<size_t>(target)];
    CHECK(*offset <= first);
    CHECK(first - *offset <= (1 << 16) + 200);  // the last linear stretch
    CHECK((*offset == 0 || text[*offset - 1] == '\n'));
  }
  Result<uint64_t> past = SeekOffset(path, kT0 + 100'000'000LL);
  REQUIRE(past.ok());
  CHECK(text.size() - *past <= (1 << 16) + 200);
}

TEST_CASE("--since reads the tail of a long log and finds every record") {
  TempDir t;
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    text += Line(kT0 + i * 1000LL, "p" + std::to_string(i));
  }
  std::string path = t.Write("audit.jsonl", text);
  ReadOptions options;
  options.filter.since = kT0 + 19990 * 1000LL;
  ReadSummary summary;
  std::vector<std::string> ids = Ids({path}, options, &summary);
  REQUIRE(ids.size() == 10);
  CHECK(ids.front() == "p19990");
  CHECK(ids.back() == "p19999");
  options.filter.since.reset();
  options.filter.until = kT0 + 3 * 1000LL;
  CHECK(Ids({path}, options) == std::vector<std::string>{"p0", "p1", "p2"});
}

TEST_CASE("several logs are merged in time order, each push once") {
  TempDir t;
  std::string a = t.Write("a.jsonl", Line(kT0 + 1, "a1", "git1") +
                                         Line(kT0 + 4, "a4", "git1") +
                                         Line(kT0 + 6, "same", "git1"));
  std::string b = t.Write(
      "b.jsonl", Line(kT0 + 2, "b2", "git2") + Line(kT0 + 6, "same", "git2") +
                     "garbage\n" + Line(kT0 + 9, "b9", "git2"));
  ReadSummary summary;
  std::vector<std::string> ids = Ids({a, b}, {}, &summary);
  CHECK(ids == std::vector<std::string>{"a1", "b2", "a4", "same", "b9"});
  CHECK(summary.duplicates == 1);
  CHECK(summary.malformed == 1);
  CHECK(summary.files == std::vector<std::string>{a, b});
}

TEST_CASE("a log's rotations are read oldest first, compressed ones too") {
  TempDir t;
  t.WriteGz("audit.jsonl.2.gz", Line(kT0 + 1, "r1"));
  t.Write("audit.jsonl.1", Line(kT0 + 2, "r2"));
  std::string current = t.Write("audit.jsonl", Line(kT0 + 3, "r3"));
  CHECK(Ids({current}) == std::vector<std::string>{"r1", "r2", "r3"});
  ReadOptions only_current;
  only_current.rotated = false;
  CHECK(Ids({current}, only_current) == std::vector<std::string>{"r3"});
  CHECK(Ids({(t.dir / "none.jsonl").string()}).empty());
}

TEST_CASE("records written out of order are put back in order") {
  TempDir t;
  // A long push stamped first but appended after later, shorter ones.
  std::string text;
  for (int i = 1; i <= 100; ++i) {
    text += Line(kT0 + i * 10, "p" + std::to_string(i));
  }
  text += Line(kT0 + 5, "long");
  std::string path = t.Write("audit.jsonl", text);
  std::vector<std::string> ids = Ids({path});
  REQUIRE(ids.size() == 101);
  CHECK(ids.front() == "long");
  CHECK(ids.back() == "p100");
  ReadOptions any_order;
  any_order.in_order = false;  // for summaries: file order, no window
  ids = Ids({path}, any_order);
  REQUIRE(ids.size() == 101);
  CHECK(ids.front() == "p1");
  CHECK(ids.back() == "long");
}

TEST_CASE(
    "a record after a syslog header is read, a prefix without one is not") {
  CHECK(RecordText(R"({"a":1})") == R"({"a":1})");
  CHECK(RecordText(R"(  {"a":1})") == R"({"a":1})");
  CHECK(RecordText(R"(Nov 30 21:58:50 git1 pushguard[42]: {"a":1})") ==
        R"({"a":1})");
  CHECK(
      RecordText(R"(2024-05-01T12:00:00+00:00 git1 pushguard[42]: {"a":1})") ==
      R"({"a":1})");
  CHECK(RecordText("Nov 30 21:58:50 git1 kernel: oops").empty());
  CHECK(RecordText("").empty());
  TempDir t;
  std::string text;
  for (int i = 0; i < 5000; ++i) {
    text += "Nov 30 21:58:50 git1 pushguard[42]: " +
            Line(kT0 + i * 1000LL, "s" + std::to_string(i));
  }
  text += "Nov 30 21:58:51 git1 sshd[7]: Accepted publickey\n";
  std::string path = t.Write("messages.log", text);
  ReadSummary summary;
  CHECK(Ids({path}, {}, &summary).size() == 5000);
  CHECK(summary.malformed == 1);
  ReadOptions options;
  options.filter.since = kT0 + 4998 * 1000LL;
  CHECK(Ids({path}, options) == std::vector<std::string>{"s4998", "s4999"});
}

TEST_CASE("filters apply while reading") {
  TempDir t;
  std::string path =
      t.Write("audit.jsonl", Line(kT0 + 1, "a", "git1", "accept") +
                                 Line(kT0 + 2, "b", "git2", "reject"));
  ReadOptions options;
  options.filter.verdict = "reject";
  CHECK(Ids({path}, options) == std::vector<std::string>{"b"});
  options.filter = {};
  options.filter.node = "git1";
  CHECK(Ids({path}, options) == std::vector<std::string>{"a"});
}

}  // namespace
}  // namespace pushguard::audit

#include "match/prefilter.h"

#include <doctest/doctest.h>

#include <string>

namespace pushguard::match {

TEST_CASE("the prefilter reports where keywords are, close ones as one hit") {
  auto set = KeywordSet::Build({"token", "pw"});
  REQUIRE(set.ok());
  KeywordSet::Scanner scanner(**set);
  std::vector<KeywordSet::Scanner::Hit> hits;
  std::string text = "a TOKEN here" + std::string(1000, ' ') + "token";
  REQUIRE(scanner.Find(text, &hits).ok());
  REQUIRE(hits.size() == 2);  // 1,000 bytes apart: two hits
  CHECK(hits[0].id == 0);
  CHECK(hits[0].start == 2);
  CHECK(hits[0].end == 7);
  CHECK(hits[1].start == text.size() - 5);

  // A megabyte of one keyword is one hit spanning it, not 500,000.
  std::string repeated;
  for (int i = 0; i < 500000; ++i) repeated += "pw";
  REQUIRE(scanner.Find(repeated, &hits).ok());
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].id == 1);
  CHECK(hits[0].start == 0);
  CHECK(hits[0].end == repeated.size());
}

}  // namespace pushguard::match

#include "audit/json_value.h"

#include <doctest/doctest.h>

namespace pushguard::audit {
namespace {

TEST_CASE("a JSON document parses into objects, arrays and scalars") {
  Result<JsonValue> v = ParseJson(
      R"( {"s":"a\"b\\c\u00e9\ud83d\ude00","n":-12.5e1,"t":true,"f":false,)"
      R"("z":null,"a":[1,[2],{}]} )");
  REQUIRE(v.ok());
  CHECK(v->Get("s").AsString() == "a\"b\\c\xc3\xa9\xf0\x9f\x98\x80");
  CHECK(v->Get("n").AsNumber() == -125);
  CHECK(v->Get("t").AsBool());
  CHECK_FALSE(v->Get("f").AsBool(true));
  CHECK(v->Get("z").IsNull());
  CHECK(v->Get("a").Items().size() == 3);
  CHECK(v->Get("a").At(1).At(0).AsNumber() == 2);
  CHECK(v->Get("missing").IsNull());
  CHECK(v->Get("a").At(9).IsNull());
}

TEST_CASE("invalid JSON is an error naming the byte offset") {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {"", "invalid JSON at byte 0: unexpected end of input"},
      {"{\"a\":1,}", "invalid JSON at byte 7: expected a member name"},
      {"[1 2]", "invalid JSON at byte 4: expected ',' or ']'"},
      {"\"a\nb\"", "invalid JSON at byte 3: raw control character in string"},
      {"01", "invalid JSON at byte 1: unexpected data after the value"},
      {"{} {}", "invalid JSON at byte 3: unexpected data after the value"},
      {"\"\\x\"", "invalid JSON at byte 3: invalid escape"},
      {"tru", "invalid JSON at byte 0: invalid literal"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Result<JsonValue> v = ParseJson(c.text);
    REQUIRE_FALSE(v.ok());
    CHECK(v.status().message() == c.error);
  }
}

TEST_CASE("deeply nested JSON is refused instead of exhausting the stack") {
  std::string deep(100000, '[');
  Result<JsonValue> v = ParseJson(deep);
  REQUIRE_FALSE(v.ok());
  CHECK(v.status().message().find("nested too deeply") != std::string::npos);
}

}  // namespace
}  // namespace pushguard::audit

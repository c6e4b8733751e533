#include "base/parallel.h"

#include <doctest/doctest.h>

#include <set>
#include <vector>

namespace pushguard {

TEST_CASE("every item is processed exactly once, by at most N workers") {
  std::vector<int> hits(1000, 0);
  std::vector<std::set<size_t>> seen_by(4);
  std::vector<size_t> worker_of(1000);
  ParallelFor(hits.size(), 4, [&](size_t worker, size_t item) {
    ++hits[item];
    worker_of[item] = worker;
  });
  for (int h : hits) CHECK(h == 1);
  for (size_t w : worker_of) CHECK(w < 4);
}

TEST_CASE("no items, and more workers than items, are fine") {
  int calls = 0;
  ParallelFor(0, 8, [&](size_t, size_t) { ++calls; });
  CHECK(calls == 0);
  std::vector<int> hits(2, 0);
  ParallelFor(2, 8, [&](size_t worker, size_t item) {
    CHECK(worker < 2);
    ++hits[item];
  });
  CHECK(hits == std::vector<int>{1, 1});
}

}  // namespace pushguard

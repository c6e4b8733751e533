#include "base/parallel.h"

#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <thread>
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

TEST_CASE("worker 0 is the calling thread; one worker takes items in order") {
  const std::thread::id caller = std::this_thread::get_id();
  bool zero_is_caller = true;
  std::vector<size_t> order;
  ParallelFor(5, 1, [&](size_t worker, size_t item) {
    zero_is_caller &= worker == 0 && std::this_thread::get_id() == caller;
    order.push_back(item);
  });
  CHECK(zero_is_caller);
  CHECK(order == std::vector<size_t>{0, 1, 2, 3, 4});
  std::atomic<bool> ok{true};
  ParallelFor(100, 3, [&](size_t worker, size_t) {
    if (worker == 0 && std::this_thread::get_id() != caller) ok = false;
    if (worker != 0 && std::this_thread::get_id() == caller) ok = false;
  });
  CHECK(ok);
}

}  // namespace pushguard

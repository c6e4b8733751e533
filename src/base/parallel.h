// A minimal fork-join loop for CPU-bound work over independent items.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace pushguard {

// One worker per core, at most 4: a server runs many hooks at once.
inline size_t DefaultWorkers() {
  return std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
}

// Calls fn(worker, item) exactly once for every item in [0, items), on
// min(workers, items) threads (at least one; the calling thread is worker 0,
// the others are 1, 2, ...); items are handed out in increasing order, so
// per-worker state indexed by `worker` needs no lock. Returns when all calls
// have returned. fn must not throw, and must only share state between
// workers that is safe to share.
template <typename Fn>
void ParallelFor(size_t items, size_t workers, Fn&& fn) {
  workers = std::max<size_t>(1, std::min(workers, items));
  std::atomic<size_t> next{0};
  auto run = [&](size_t worker) {
    for (size_t i = next++; i < items; i = next++) fn(worker, i);
  };
  std::vector<std::thread> threads;
  for (size_t w = 1; w < workers; ++w) threads.emplace_back(run, w);
  run(0);
  for (std::thread& t : threads) t.join();
}

}  // namespace pushguard

// SPDX-License-Identifier: Apache-2.0
// The one way echelon runs loops in parallel. A `ThreadPool` owns a TBB arena with a fixed number
// of threads; `parallel_for` splits [first, last) into chunks of `grain` items that do not depend
// on the thread count, and each chunk writes only its own output slots. Reductions are done by
// the caller over per-chunk results in chunk order, so results are identical for any thread count.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace echelon {

class ThreadPool {
 public:
  // threads == 0 uses every hardware thread.
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  [[nodiscard]] int threads() const { return threads_; }

  // Runs body(chunk_first, chunk_last) over [first, last) in chunks of at most `grain` items.
  // Chunk boundaries are first, first+grain, ... regardless of the thread count.
  void for_chunks(std::size_t first, std::size_t last, std::size_t grain,
                  const std::function<void(std::size_t, std::size_t)>& body);

 private:
  struct Arena;
  int threads_;
  std::unique_ptr<Arena> arena_;
};

// Number of chunks for_chunks makes of [first, last) with `grain`.
[[nodiscard]] constexpr std::size_t chunk_count(std::size_t first, std::size_t last,
                                                std::size_t grain) {
  return last <= first ? 0 : (last - first + grain - 1) / grain;
}

// Typed front end: body(first, last) with the range's own index type when IndexT is an Index.
template <class Body>
void parallel_for(ThreadPool& pool, std::size_t first, std::size_t last, std::size_t grain,
                  Body&& body) {
  pool.for_chunks(first, last, grain == 0 ? 1 : grain,
                  [&body](std::size_t chunk_first, std::size_t chunk_last) {
                    body(chunk_first, chunk_last);
                  });
}

}  // namespace echelon

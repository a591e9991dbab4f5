// SPDX-License-Identifier: Apache-2.0
#include "core/parallel.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <thread>

namespace echelon {

struct ThreadPool::Arena {
  explicit Arena(int threads) : arena(threads) {}
  tbb::task_arena arena;
};

ThreadPool::ThreadPool(int threads)
    : threads_(threads > 0 ? threads
                           : std::max(1, static_cast<int>(std::thread::hardware_concurrency()))),
      arena_(std::make_unique<Arena>(threads_)) {}

ThreadPool::~ThreadPool() = default;

void ThreadPool::for_chunks(std::size_t first, std::size_t last, std::size_t grain,
                            const std::function<void(std::size_t, std::size_t)>& body) {
  std::size_t chunks = chunk_count(first, last, grain);
  if (chunks == 0) return;
  auto run_chunk = [&](std::size_t chunk) {
    std::size_t chunk_first = first + chunk * grain;
    body(chunk_first, std::min(last, chunk_first + grain));
  };
  if (threads_ == 1 || chunks == 1) {
    for (std::size_t chunk = 0; chunk < chunks; ++chunk) run_chunk(chunk);
    return;
  }
  arena_->arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, chunks, 1),
        [&](const tbb::blocked_range<std::size_t>& range) {
          for (std::size_t chunk = range.begin(); chunk != range.end(); ++chunk) run_chunk(chunk);
        },
        tbb::simple_partitioner());
  });
}

}  // namespace echelon

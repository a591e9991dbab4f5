// SPDX-License-Identifier: Apache-2.0
#include "core/parallel.h"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

namespace echelon {
namespace {

std::vector<std::pair<std::size_t, std::size_t>> chunks_seen(int threads) {
  ThreadPool pool(threads);
  std::vector<std::pair<std::size_t, std::size_t>> chunks(chunk_count(3, 1003, 64));
  parallel_for(pool, 3, 1003, 64, [&](std::size_t first, std::size_t last) {
    chunks[(first - 3) / 64] = {first, last};
  });
  return chunks;
}

TEST(ParallelFor, ChunksDoNotDependOnThreadCount) {
  auto one = chunks_seen(1);
  EXPECT_EQ(one, chunks_seen(2));
  EXPECT_EQ(one, chunks_seen(4));
  EXPECT_EQ(one.size(), 16u);
  EXPECT_EQ(one.back(), std::make_pair(std::size_t{963}, std::size_t{1003}));
}

TEST(ParallelFor, VisitsEveryItemOnce) {
  ThreadPool pool(4);
  std::vector<int> visits(10000, 0);
  parallel_for(pool, 0, visits.size(), 7, [&](std::size_t first, std::size_t last) {
    for (std::size_t item = first; item < last; ++item) ++visits[item];
  });
  EXPECT_EQ(std::accumulate(visits.begin(), visits.end(), 0), 10000);
  EXPECT_EQ(*std::min_element(visits.begin(), visits.end()), 1);
}

}  // namespace
}  // namespace echelon

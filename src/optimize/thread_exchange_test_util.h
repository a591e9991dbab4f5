// SPDX-License-Identifier: Apache-2.0
// Test support: an exchange between "ranks" that are threads of one process, so that the
// planner's multi-rank paths run (and are compared with one rank) without MPI. Every call is a
// collective: all ranks meet at a barrier, read what the others posted, and meet again.
#pragma once

#include <barrier>
#include <functional>
#include <thread>
#include <vector>

#include "optimize/exchange.h"

namespace echelon::optimize::testing {

class ThreadHub {
 public:
  explicit ThreadHub(int ranks)
      : barrier_(ranks), bytes_(static_cast<std::size_t>(ranks)), sums_(static_cast<std::size_t>(ranks)) {}

  // Runs body(exchange) on `ranks` threads, one exchange each, and waits for all of them.
  static void run(int ranks, const std::function<void(SkuExchange&)>& body);

 private:
  friend class ThreadExchange;
  std::barrier<> barrier_;
  std::vector<std::vector<std::byte>> bytes_;
  std::vector<std::vector<ExactSum>> sums_;
};

class ThreadExchange final : public SkuExchange {
 public:
  ThreadExchange(ThreadHub& hub, int rank) : hub_(hub), rank_(rank) {}
  [[nodiscard]] int rank() const override { return rank_; }
  [[nodiscard]] int size() const override { return static_cast<int>(hub_.sums_.size()); }

 protected:
  void do_sum(std::span<ExactSum> values) override {
    hub_.sums_[slot()].assign(values.begin(), values.end());
    hub_.barrier_.arrive_and_wait();
    std::vector<ExactSum> total(values.size());
    for (const auto& partial : hub_.sums_) add_into(total, partial);
    hub_.barrier_.arrive_and_wait();
    std::copy(total.begin(), total.end(), values.begin());
  }
  ByteBuffers do_all_gather(std::span<const std::byte> mine) override {
    hub_.bytes_[slot()].assign(mine.begin(), mine.end());
    hub_.barrier_.arrive_and_wait();
    ByteBuffers all = hub_.bytes_;
    hub_.barrier_.arrive_and_wait();
    return all;
  }
  ByteBuffers do_gather_to_root(std::span<const std::byte> mine) override {
    ByteBuffers all = do_all_gather(mine);
    return rank_ == 0 ? all : ByteBuffers{};
  }
  void do_broadcast_from_root(std::vector<std::byte>& bytes) override { bytes = do_all_gather(bytes).front(); }

 private:
  [[nodiscard]] std::size_t slot() const { return static_cast<std::size_t>(rank_); }
  ThreadHub& hub_;
  int rank_;
};

inline void ThreadHub::run(int ranks, const std::function<void(SkuExchange&)>& body) {
  ThreadHub hub(ranks);
  std::vector<std::thread> threads;
  for (int rank = 0; rank < ranks; ++rank) {
    threads.emplace_back([&hub, &body, rank] {
      ThreadExchange exchange(hub, rank);
      body(exchange);
    });
  }
  for (std::thread& thread : threads) thread.join();
}

}  // namespace echelon::optimize::testing

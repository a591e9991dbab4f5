// SPDX-License-Identifier: Apache-2.0
// What the planner needs from the processes it runs on, and no more: which SKUs this process
// solves, sums of fixed-point partials over all processes, all-gathers of small byte buffers
// (repair and fill offers) and a gather to rank 0 (the final plans). One process is the default
// (LocalExchange); src/app/mpi implements the same calls over MPI. Sums are ExactSum, so the
// result does not depend on how the SKUs are split: one rank and N ranks give the same bits.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <type_traits>
#include <vector>

#include "core/byte_buffer.h"
#include "core/exact_sum.h"
#include "optimize/planning_network.h"
#include "optimize/sku_solver.h"

namespace echelon::optimize {

using ByteBuffers = std::vector<std::vector<std::byte>>;

class SkuExchange {
 public:
  virtual ~SkuExchange() = default;

  [[nodiscard]] virtual int rank() const = 0;
  [[nodiscard]] virtual int size() const = 0;

  // Sums `values` element by element over all ranks, in place (every rank passes the same length).
  void sum(std::span<ExactSum> values);
  // Whether `flag` is set on any rank (a collective: every rank must call it).
  bool any(bool flag);
  // Every rank's `mine`, indexed by rank, on every rank.
  ByteBuffers all_gather(std::span<const std::byte> mine);
  // Every rank's `mine`, indexed by rank, on rank 0; empty on the other ranks.
  ByteBuffers gather_to_root(std::span<const std::byte> mine);
  // Rank 0's `bytes` on every rank, in place: the other ranks' are replaced.
  void broadcast_from_root(std::vector<std::byte>& bytes);

  // Wall time spent in the calls above (waiting for other ranks included), and their count.
  [[nodiscard]] double seconds() const { return seconds_; }
  [[nodiscard]] std::size_t calls() const { return calls_; }

 protected:
  virtual void do_sum(std::span<ExactSum> values) = 0;
  virtual ByteBuffers do_all_gather(std::span<const std::byte> mine) = 0;
  virtual ByteBuffers do_gather_to_root(std::span<const std::byte> mine) = 0;
  virtual void do_broadcast_from_root(std::vector<std::byte>& bytes) = 0;

 private:
  double seconds_ = 0.0;
  std::size_t calls_ = 0;
};

// A single process: rank 0 of 1.
class LocalExchange final : public SkuExchange {
 public:
  [[nodiscard]] int rank() const override { return 0; }
  [[nodiscard]] int size() const override { return 1; }

 protected:
  void do_sum(std::span<ExactSum> /*values*/) override {}
  ByteBuffers do_all_gather(std::span<const std::byte> mine) override;
  ByteBuffers do_gather_to_root(std::span<const std::byte> mine) override;
  void do_broadcast_from_root(std::vector<std::byte>& /*bytes*/) override {}
};

// Contiguous SKU ranges, one per rank in rank order, balanced by expected solve work: a SKU
// weighs by its tier (a fast SKU's scenario solves cost about 60 slow ones, a medium one 2;
// docs/benchmarks.md, subproblem time), not by count. The same on every rank.
struct SkuPartition {
  std::vector<std::size_t> first{0};  // rank r owns [first[r], first[r + 1])

  [[nodiscard]] std::size_t begin(int rank) const { return first[static_cast<std::size_t>(rank)]; }
  [[nodiscard]] std::size_t end(int rank) const { return first[static_cast<std::size_t>(rank) + 1]; }
  // The rank that owns `sku`.
  [[nodiscard]] int owner(std::size_t sku) const;
};

// The sums of `terms(item)` (N doubles each) over `items` of every rank, exact: the same bits for
// any split of the items over ranks. A collective.
template <std::size_t N, class Item, class Terms>
std::array<double, N> sum_over_ranks(SkuExchange& exchange, const std::vector<Item>& items, Terms terms) {
  std::array<ExactSum, N> sums{};
  for (const Item& item : items) {
    const std::array<double, N> values = terms(item);
    for (std::size_t index = 0; index < N; ++index) sums[index] += values[index];
  }
  exchange.sum(sums);
  std::array<double, N> result{};
  for (std::size_t index = 0; index < N; ++index) result[index] = sums[index].value();
  return result;
}

// Every rank's `mine`, concatenated in rank order, on every rank. A collective.
template <class Offer>
  requires std::is_trivially_copyable_v<Offer>
std::vector<Offer> all_gather_offers(SkuExchange& exchange, const std::vector<Offer>& mine) {
  ByteWriter out;
  out.put_span(std::span<const Offer>(mine));
  std::vector<Offer> all;
  for (const std::vector<std::byte>& bytes : exchange.all_gather(out.bytes())) {
    ByteReader in(bytes);
    std::vector<Offer> part = in.template get_vector<Offer>();
    all.insert(all.end(), part.begin(), part.end());
  }
  return all;
}

// Rank 0's `rates` on every rank (the demand rates come from the histories, which only rank 0
// reads). A collective; nothing moves on one rank.
void share_from_root(SkuExchange& exchange, DemandRates& rates);
// Rank 0's `date` on every rank. A collective.
Date share_from_root(SkuExchange& exchange, Date date);

// Relative solve work of one SKU of `tier`.
double tier_work(Tier tier);

SkuPartition partition_skus(const DemandRates& rates, std::size_t sku_count,
                            const SkuSolverOptions& options, int ranks);

}  // namespace echelon::optimize

// SPDX-License-Identifier: Apache-2.0
#include "optimize/exchange.h"

#include <algorithm>
#include <chrono>
#include <cstdint>

#include "core/assert.h"

namespace echelon::optimize {
namespace {

// Adds the time from construction to destruction to `seconds`.
class Stopwatch {
 public:
  Stopwatch(double& seconds, std::size_t& calls) : seconds_(seconds), start_(std::chrono::steady_clock::now()) {
    ++calls;
  }
  ~Stopwatch() {
    seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  Stopwatch(const Stopwatch&) = delete;
  Stopwatch& operator=(const Stopwatch&) = delete;

 private:
  double& seconds_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

void SkuExchange::sum(std::span<ExactSum> values) {
  Stopwatch watch(seconds_, calls_);
  do_sum(values);
}

bool SkuExchange::any(bool flag) {
  ExactSum count;
  count.add(flag ? 1.0 : 0.0);
  sum(std::span(&count, 1));
  return count.value() > 0.0;
}

ByteBuffers SkuExchange::all_gather(std::span<const std::byte> mine) {
  Stopwatch watch(seconds_, calls_);
  return do_all_gather(mine);
}

ByteBuffers SkuExchange::gather_to_root(std::span<const std::byte> mine) {
  Stopwatch watch(seconds_, calls_);
  return do_gather_to_root(mine);
}

void SkuExchange::broadcast_from_root(std::vector<std::byte>& bytes) {
  Stopwatch watch(seconds_, calls_);
  do_broadcast_from_root(bytes);
}

void share_from_root(SkuExchange& exchange, DemandRates& rates) {
  if (exchange.size() == 1) return;
  ByteWriter out;
  if (exchange.rank() == 0) {
    out.reserve(rates.rates.size() * sizeof(DemandRate) + rates.sku_offset.size() * sizeof(std::size_t) + 16);
    out.put_span(std::span<const DemandRate>(rates.rates));
    out.put_span(std::span<const std::size_t>(rates.sku_offset));
  }
  std::vector<std::byte> bytes = out.take();
  exchange.broadcast_from_root(bytes);
  if (exchange.rank() == 0) return;
  ByteReader in(bytes);
  rates.rates = in.get_vector<DemandRate>();
  rates.sku_offset = in.get_vector<std::size_t>();
}

Date share_from_root(SkuExchange& exchange, Date date) {
  if (exchange.size() == 1) return date;
  ByteWriter out;
  out.put<std::int32_t>(date.days());
  std::vector<std::byte> bytes = out.take();
  exchange.broadcast_from_root(bytes);
  ByteReader in(bytes);
  return Date(in.get<std::int32_t>());
}

ByteBuffers LocalExchange::do_all_gather(std::span<const std::byte> mine) {
  return {std::vector<std::byte>(mine.begin(), mine.end())};
}

ByteBuffers LocalExchange::do_gather_to_root(std::span<const std::byte> mine) {
  return {std::vector<std::byte>(mine.begin(), mine.end())};
}

int SkuPartition::owner(std::size_t sku) const {
  auto after = std::upper_bound(first.begin(), first.end(), sku);
  ECHELON_ASSERT(after != first.begin() && after != first.end(), "SKU outside the partition");
  return static_cast<int>(after - first.begin()) - 1;
}

double tier_work(Tier tier) {
  switch (tier) {
    case Tier::kFast: return 60.0;
    case Tier::kMedium: return 2.0;
    case Tier::kSlow: return 1.0;
  }
  return 1.0;
}

SkuPartition partition_skus(const DemandRates& rates, std::size_t sku_count,
                            const SkuSolverOptions& options, int ranks) {
  ECHELON_ASSERT(ranks >= 1, "at least one rank");
  // Prefix sums of whole-number weights are exact, so every rank cuts at the same SKUs.
  std::vector<double> prefix(sku_count + 1, 0.0);
  for (std::size_t sku = 0; sku < sku_count; ++sku) {
    double demand = 0.0;
    for (const DemandRate& rate : rates.of(SkuIndex(sku))) demand += rate.mean_per_day;
    prefix[sku + 1] = prefix[sku] + tier_work(tier_of(demand, options));
  }
  SkuPartition partition;
  partition.first.assign(static_cast<std::size_t>(ranks) + 1, sku_count);
  partition.first[0] = 0;
  const double total = prefix.back();
  for (int rank = 1; rank < ranks; ++rank) {
    // The first SKU whose work starts at or after this rank's share of the total.
    const double share = total * rank / ranks;
    auto cut = std::lower_bound(prefix.begin(), prefix.end() - 1, share);
    partition.first[static_cast<std::size_t>(rank)] =
        std::max(partition.first[static_cast<std::size_t>(rank) - 1],
                 static_cast<std::size_t>(cut - prefix.begin()));
  }
  return partition;
}

}  // namespace echelon::optimize

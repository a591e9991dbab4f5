// SPDX-License-Identifier: Apache-2.0
#include "fulfill/fulfillment.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "core/assert.h"

namespace echelon::fulfill {
namespace {

// Units a node can ship now: whole multiples of min_unit when min_unit > 0.
double shippable(double available, double wanted, double min_unit) {
  double units = std::min(available, wanted);
  if (min_unit > 0.0) units = std::floor(units / min_unit + 1e-9) * min_unit;
  return std::max(0.0, units);
}

void record(FulfillResult& result, std::span<Shipment> out, const network::ServingOption& option,
            double quantity, bool downgrade) {
  ECHELON_ASSERT(result.shipments < out.size(), "shipment buffer too small");
  out[result.shipments++] = {option.node, option.speed, quantity, option.cost_per_unit, downgrade};
  (downgrade ? result.downgraded : result.on_time) += quantity;
  result.shipping_cost += quantity * option.cost_per_unit;
}

// One order's pass over a list of options, in the order `option_at(rank)` gives, while units
// remain: each option with stock ships what it can.
struct ListServer {
  std::span<double> available;
  std::span<Shipment> out;
  double min_unit;
  FulfillResult& result;
  double remaining;

  template <typename OptionAt>
  void serve(std::size_t count, OptionAt option_at, bool downgrade) {
    for (std::size_t rank = 0; rank < count && remaining > 0.0; ++rank) {
      const network::ServingOption& option = option_at(rank);
      double& stock = available[option.node.value()];
      double units = shippable(stock, remaining, min_unit);
      if (units <= 0.0) continue;
      stock -= units;
      remaining -= units;
      record(result, out, option, units, downgrade);
    }
  }
};

}  // namespace

FulfillResult fulfill_greedy(const network::DemandClass& demand_class, double quantity,
                             std::span<double> available, std::span<Shipment> out,
                             double min_unit) {
  FulfillResult result;
  ListServer server{available, out, min_unit, result, quantity};
  for (bool downgrade : {false, true}) {
    const auto& options = downgrade ? demand_class.fallback : demand_class.eligible;
    server.serve(options.size(), [&](std::size_t rank) -> const network::ServingOption& { return options[rank]; },
                 downgrade);
  }
  result.lost = std::max(0.0, server.remaining);
  return result;
}

FulfillResult fulfill_ranked(const network::DemandClass& demand_class, double quantity,
                             std::span<double> available, std::span<Shipment> out,
                             std::span<const double> node_charge, double min_unit) {
  ECHELON_ASSERT(demand_class.eligible.size() <= kMaxOptions && demand_class.fallback.size() <= kMaxOptions,
                 "too many serving options for one class");
  FulfillResult result;
  ListServer server{available, out, min_unit, result, quantity};
  std::array<std::uint16_t, kMaxOptions> order;
  for (bool downgrade : {false, true}) {
    const auto& options = downgrade ? demand_class.fallback : demand_class.eligible;
    if (server.remaining <= 0.0) break;
    auto key = [&](std::size_t index) {
      return options[index].cost_per_unit + node_charge[options[index].node.value()];
    };
    // Insertion sort: stable and allocation-free (std::stable_sort may take a buffer), and the
    // lists are short.
    for (std::size_t index = 0; index < options.size(); ++index) {
      std::size_t slot = index;
      const double value = key(index);
      for (; slot > 0 && key(order[slot - 1]) > value; --slot) order[slot] = order[slot - 1];
      order[slot] = static_cast<std::uint16_t>(index);
    }
    server.serve(options.size(), [&](std::size_t rank) -> const network::ServingOption& { return options[order[rank]]; },
                 downgrade);
  }
  result.lost = std::max(0.0, server.remaining);
  return result;
}

FulfillResult fulfill_opportunity_cost(const network::DemandClass& demand_class, double quantity,
                                       std::span<double> available, std::span<Shipment> out,
                                       const OpportunityCosts& costs, double min_unit) {
  const std::size_t eligible = demand_class.eligible.size();
  const std::size_t total = eligible + demand_class.fallback.size();
  ECHELON_ASSERT(total <= kMaxOptions, "too many serving options for one class");
  FulfillResult result;
  double remaining = quantity;
  // Each option is used at most once: after it ships, its node is either empty or the order is
  // complete, so a bitmask of used options bounds the loop by `total` rounds.
  bool used[kMaxOptions] = {};
  while (remaining > 0.0) {
    std::size_t best = total;
    double best_charge = costs.lost_sale_penalty;
    for (std::size_t option_idx = 0; option_idx < total; ++option_idx) {
      if (used[option_idx]) continue;
      bool downgrade = option_idx >= eligible;
      const network::ServingOption& option =
          downgrade ? demand_class.fallback[option_idx - eligible] : demand_class.eligible[option_idx];
      if (shippable(available[option.node.value()], remaining, min_unit) <= 0.0) continue;
      double charge = option.cost_per_unit + (downgrade ? costs.downgrade_penalty : 0.0);
      if (!costs.node_price.empty()) charge += costs.node_price[option.node.value()];
      if (charge < best_charge) {
        best_charge = charge;
        best = option_idx;
      }
    }
    if (best == total) break;
    used[best] = true;
    bool downgrade = best >= eligible;
    const network::ServingOption& option =
        downgrade ? demand_class.fallback[best - eligible] : demand_class.eligible[best];
    double& stock = available[option.node.value()];
    double units = shippable(stock, remaining, min_unit);
    stock -= units;
    remaining -= units;
    record(result, out, option, units, downgrade);
  }
  result.lost = std::max(0.0, remaining);
  return result;
}

}  // namespace echelon::fulfill

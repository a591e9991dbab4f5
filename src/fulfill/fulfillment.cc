// SPDX-License-Identifier: Apache-2.0
#include "fulfill/fulfillment.h"

#include <algorithm>
#include <cmath>

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

}  // namespace

FulfillResult fulfill_greedy(const network::DemandClass& demand_class, double quantity,
                             std::span<double> available, std::span<Shipment> out,
                             double min_unit) {
  FulfillResult result;
  double remaining = quantity;
  auto serve_from = [&](const std::vector<network::ServingOption>& options, bool downgrade) {
    for (const network::ServingOption& option : options) {
      if (remaining <= 0.0) return;
      double& stock = available[option.node.value()];
      double units = shippable(stock, remaining, min_unit);
      if (units <= 0.0) continue;
      stock -= units;
      remaining -= units;
      record(result, out, option, units, downgrade);
    }
  };
  serve_from(demand_class.eligible, false);
  serve_from(demand_class.fallback, true);
  result.lost = std::max(0.0, remaining);
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

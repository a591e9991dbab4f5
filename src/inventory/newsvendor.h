// SPDX-License-Identifier: Apache-2.0
// Newsvendor and periodic-review base-stock levels for any demand distribution.
//
// Newsvendor: one period, cost C(S) = h E[(S-D)^+] + p E[(D-S)^+]. Continuous demand:
// S* = F^{-1}(p/(p+h)); discrete demand: the smallest integer S with F(S) >= p/(p+h).
// Base-stock: order up to S every period, lead time L whole periods, full backorders; the cost
// per period is the newsvendor cost of demand over the protection interval of L+1 periods.
#pragma once

#include "inventory/distribution.h"

namespace echelon::inventory {

struct NewsvendorCosts {
  double holding_cost = 0.0;   // h > 0, per unit left over (per period)
  double stockout_cost = 0.0;  // p > 0, per unit short (per period)

  [[nodiscard]] double critical_ratio() const { return stockout_cost / (stockout_cost + holding_cost); }
};

struct LevelAndCost {
  double level = 0.0;  // S (an integer value for discrete demand)
  double cost = 0.0;   // expected cost per period at `level`
};

// Expected newsvendor cost of level S.
[[nodiscard]] double newsvendor_cost(const Distribution& demand, const NewsvendorCosts& costs,
                                     double level);
// Optimal level and its cost.
[[nodiscard]] LevelAndCost newsvendor(const Distribution& demand, const NewsvendorCosts& costs);

// Demand over the base-stock protection interval: lead_time + 1 periods of per-period demand.
[[nodiscard]] Distribution protection_interval_demand(const Distribution& per_period,
                                                      double lead_time);
[[nodiscard]] double base_stock_cost(const Distribution& per_period, double lead_time,
                                     const NewsvendorCosts& costs, double level);
[[nodiscard]] LevelAndCost base_stock(const Distribution& per_period, double lead_time,
                                      const NewsvendorCosts& costs);

}  // namespace echelon::inventory

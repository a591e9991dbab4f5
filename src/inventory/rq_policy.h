// SPDX-License-Identifier: Apache-2.0
// Continuous-review (r,Q) policy with unit-sized (Poisson) demand at rate lambda, a deterministic
// lead time, full backorders and fixed cost K per order. Exact optimum over integers
// (Federgruen & Zheng 1992).
//
// Cost per unit time: the inventory position is uniform on r+1..r+Q, so
// g(r,Q) = [K lambda + sum_{y=r+1}^{r+Q} G(y)] / Q with G(y) = h E[(y-D)^+] + p E[(D-y)^+],
// h and p per unit per unit time, D the lead-time demand (Poisson(lambda L) for Poisson demand).
#pragma once

#include <cstdint>

#include "inventory/distribution.h"
#include "inventory/loss_table.h"
#include "inventory/newsvendor.h"

namespace echelon::inventory {

struct RqParams {
  NewsvendorCosts costs;
  double fixed_cost = 0.0;   // K >= 0 per order
  double demand_rate = 0.0;  // lambda > 0, units per unit time
  Distribution lead_time_demand = Distribution::poisson(0);  // discrete
};

struct RqPolicy {
  std::int64_t reorder_point = 0;   // r
  std::int64_t order_quantity = 1;  // Q >= 1
};

struct RqSolution {
  RqPolicy policy;
  double cost = 0.0;  // per unit time
};

class RqModel {
 public:
  explicit RqModel(const RqParams& params);

  [[nodiscard]] double cost(const RqPolicy& policy) const;
  // Exact optimum: the best window of Q consecutive positions grows one point at a time by the
  // cheaper neighbour of convex G, and stops when the next point costs at least the current
  // average (the average is unimodal in Q). Ties between neighbours take the lower one.
  [[nodiscard]] RqSolution optimize() const;
  [[nodiscard]] double one_period_cost(std::int64_t y) const;

 private:
  RqParams params_;
  LossTable demand_;
};

}  // namespace echelon::inventory

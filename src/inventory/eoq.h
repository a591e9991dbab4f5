// SPDX-License-Identifier: Apache-2.0
// Economic order quantity: deterministic demand at rate lambda per unit time, fixed cost K per
// order, holding cost h per unit per unit time, no shortages, zero lead time.
// g(Q) = K lambda / Q + h Q / 2; Q* = sqrt(2 K lambda / h), g(Q*) = sqrt(2 K lambda h).
#pragma once

namespace echelon::inventory {

struct EoqParams {
  double fixed_cost = 0.0;     // K >= 0
  double holding_cost = 0.0;   // h > 0
  double demand_rate = 0.0;    // lambda >= 0
};

struct EoqSolution {
  double order_quantity = 0.0;
  double cost = 0.0;  // per unit time
};

// Cost per unit time of order quantity Q > 0.
[[nodiscard]] double eoq_cost(const EoqParams& params, double order_quantity);
[[nodiscard]] EoqSolution eoq(const EoqParams& params);

}  // namespace echelon::inventory

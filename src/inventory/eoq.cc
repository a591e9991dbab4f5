// SPDX-License-Identifier: Apache-2.0
#include "inventory/eoq.h"

#include <cmath>

namespace echelon::inventory {

double eoq_cost(const EoqParams& params, double order_quantity) {
  return params.fixed_cost * params.demand_rate / order_quantity +
         params.holding_cost * order_quantity / 2.0;
}

EoqSolution eoq(const EoqParams& params) {
  double quantity = std::sqrt(2.0 * params.fixed_cost * params.demand_rate / params.holding_cost);
  return {quantity, std::sqrt(2.0 * params.fixed_cost * params.demand_rate * params.holding_cost)};
}

}  // namespace echelon::inventory

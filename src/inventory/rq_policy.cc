// SPDX-License-Identifier: Apache-2.0
#include "inventory/rq_policy.h"

#include <stdexcept>

namespace echelon::inventory {

RqModel::RqModel(const RqParams& params) : params_(params), demand_(params.lead_time_demand) {
  if (!params.lead_time_demand.is_discrete()) {
    throw std::invalid_argument("exact (r,Q) needs discrete lead-time demand");
  }
}

double RqModel::one_period_cost(std::int64_t y) const {
  return demand_.cost(y, params_.costs.holding_cost, params_.costs.stockout_cost);
}

double RqModel::cost(const RqPolicy& policy) const {
  if (policy.order_quantity < 1) throw std::invalid_argument("(r,Q) needs Q >= 1");
  double total = params_.fixed_cost * params_.demand_rate;
  for (std::int64_t y = policy.reorder_point + 1; y <= policy.reorder_point + policy.order_quantity;
       ++y) {
    total += one_period_cost(y);
  }
  return total / static_cast<double>(policy.order_quantity);
}

RqSolution RqModel::optimize() const {
  Distribution demand = params_.lead_time_demand;
  auto y_star = static_cast<std::int64_t>(demand.quantile(params_.costs.critical_ratio()));
  std::int64_t low = y_star;  // window [low, high]
  std::int64_t high = y_star;
  double total = params_.fixed_cost * params_.demand_rate + one_period_cost(y_star);
  std::int64_t count = 1;
  while (true) {
    double below = one_period_cost(low - 1);
    double above = one_period_cost(high + 1);
    double next = below <= above ? below : above;
    if (next >= total / static_cast<double>(count)) break;
    if (below <= above) {
      --low;
    } else {
      ++high;
    }
    total += next;
    ++count;
  }
  return {{low - 1, count}, total / static_cast<double>(count)};
}

}  // namespace echelon::inventory

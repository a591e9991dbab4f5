// SPDX-License-Identifier: Apache-2.0
#include "inventory/newsvendor.h"

namespace echelon::inventory {

double newsvendor_cost(const Distribution& demand, const NewsvendorCosts& costs, double level) {
  return costs.holding_cost * demand.complementary_loss(level) +
         costs.stockout_cost * demand.loss(level);
}

LevelAndCost newsvendor(const Distribution& demand, const NewsvendorCosts& costs) {
  double level = demand.quantile(costs.critical_ratio());
  return {level, newsvendor_cost(demand, costs, level)};
}

Distribution protection_interval_demand(const Distribution& per_period, double lead_time) {
  return per_period.over_periods(lead_time + 1.0);
}

double base_stock_cost(const Distribution& per_period, double lead_time,
                       const NewsvendorCosts& costs, double level) {
  return newsvendor_cost(protection_interval_demand(per_period, lead_time), costs, level);
}

LevelAndCost base_stock(const Distribution& per_period, double lead_time,
                        const NewsvendorCosts& costs) {
  return newsvendor(protection_interval_demand(per_period, lead_time), costs);
}

}  // namespace echelon::inventory

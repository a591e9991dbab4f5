// SPDX-License-Identifier: Apache-2.0
#include "replenish/optimizer_levels.h"

namespace echelon::replenish {

PlanLevels levels_from_result(const optimize::LagrangianResult& result) {
  PlanLevels levels;
  levels.weeks = 1;
  levels.skus.reserve(result.skus.size());
  for (const optimize::SkuPlan& plan : result.skus) {
    SkuLevels entry;
    entry.sku = plan.sku;
    entry.sourcing_option = plan.vendor.valid() ? plan.sourcing_option : kNoSourcing;
    for (const optimize::NodeLevel& level : plan.levels) {
      entry.nodes.push_back(level.node);
      entry.order_up_to.push_back(level.order_up_to);
      entry.demand_per_day.push_back(level.shipped_per_day);
    }
    levels.skus.push_back(std::move(entry));
  }
  return levels;
}

}  // namespace echelon::replenish

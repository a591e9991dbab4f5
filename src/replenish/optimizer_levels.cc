// SPDX-License-Identifier: Apache-2.0
#include "replenish/optimizer_levels.h"

#include <algorithm>

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

PlanLevels levels_from_weeks(std::span<const optimize::LagrangianResult> weeks) {
  if (weeks.size() <= 1) return weeks.empty() ? PlanLevels{} : levels_from_result(weeks.front());
  PlanLevels levels = levels_from_result(weeks.front());
  const std::size_t count = weeks.size();
  levels.weeks = count;
  for (std::size_t index = 0; index < levels.skus.size(); ++index) {
    SkuLevels& entry = levels.skus[index];
    std::vector<double> first_week = std::move(entry.order_up_to);
    entry.order_up_to.assign(entry.nodes.size() * count, 0.0);
    for (std::size_t position = 0; position < entry.nodes.size(); ++position) {
      entry.order_up_to[position * count] = first_week[position];
    }
    for (std::size_t week = 1; week < count; ++week) {
      for (const optimize::NodeLevel& level : weeks[week].skus[index].levels) {
        auto at = std::find(entry.nodes.begin(), entry.nodes.end(), level.node);
        if (at == entry.nodes.end()) {
          // A node stocked first in a later week: a new position, empty until then.
          entry.nodes.push_back(level.node);
          entry.demand_per_day.push_back(0.0);
          entry.order_up_to.resize(entry.order_up_to.size() + count, 0.0);
          at = entry.nodes.end() - 1;
        }
        const auto position = static_cast<std::size_t>(at - entry.nodes.begin());
        entry.order_up_to[position * count + week] = level.order_up_to;
      }
    }
  }
  return levels;
}

}  // namespace echelon::replenish

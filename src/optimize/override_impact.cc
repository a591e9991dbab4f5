// SPDX-License-Identifier: Apache-2.0
#include "optimize/override_impact.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/assert.h"
#include "core/parallel.h"
#include "optimize/lagrangian.h"

namespace echelon::optimize {
namespace {

constexpr std::size_t kGrain = 4;

// What the SKU solver reads of `dataset`, without overrides.
network::Dataset without_overrides(const network::Dataset& dataset) {
  network::Dataset bare = dataset.planner_view();
  bare.overrides.clear();
  return bare;
}

// Order-up-to of `plan` at `node`, 0 where it holds no level.
double level_at(const SkuPlan& plan, NodeIndex node) {
  for (const NodeLevel& level : plan.levels) {
    if (level.node == node) return level.order_up_to;
  }
  return 0.0;
}

// The SKU's total order-up-to over the stocking nodes (DCs left out).
double stocking_total(const SkuPlan& plan, const PlanningNetwork& planning) {
  double total = 0.0;
  for (NodeIndex node : planning.stocking) total += level_at(plan, node);
  return total;
}

// Whether any order-up-to differs between the plans, at every node the two plans hold.
bool any_level_differs(const SkuPlan& with, const SkuPlan& without) {
  auto differs_from = [](const SkuPlan& from, const SkuPlan& other) {
    return std::any_of(from.levels.begin(), from.levels.end(), [&](const NodeLevel& level) {
      return level_at(other, level.node) != level.order_up_to;
    });
  };
  return differs_from(with, without) || differs_from(without, with);
}

}  // namespace

const SkuOverrideCost& OverrideImpact::cost_of(SkuIndex sku) const {
  const auto found = std::lower_bound(skus.begin(), skus.end(), sku,
                                      [](const SkuOverrideCost& entry, SkuIndex key) { return entry.sku < key; });
  ECHELON_ASSERT(found != skus.end() && found->sku == sku, "a SKU without overrides has no cost entry");
  return *found;
}

OverrideImpact assess_overrides(const PlanningNetwork& planning, const DemandRates& rates,
                                const DemandRates& unscaled, const Prices& prices,
                                const SkuSolverOptions& options, RunContext& ctx) {
  const network::Dataset& dataset = *planning.dataset;
  OverrideImpact impact;
  std::vector<SkuIndex> skus;
  for (const network::Override& rule : dataset.overrides) skus.push_back(rule.sku);
  std::sort(skus.begin(), skus.end());
  skus.erase(std::unique(skus.begin(), skus.end()), skus.end());
  if (skus.empty()) return impact;

  const network::Dataset bare = without_overrides(dataset);
  PlanningNetwork bare_planning = planning;
  bare_planning.dataset = &bare;
  std::vector<SkuPlan> with(skus.size());
  std::vector<SkuPlan> without(skus.size());
  parallel_for(ctx.pool(), 0, skus.size(), kGrain, [&](std::size_t first, std::size_t last) {
    for (std::size_t entry = first; entry < last; ++entry) {
      with[entry] = solve_sku(planning, skus[entry], rates.of(skus[entry]), prices, options);
      without[entry] = solve_sku(bare_planning, skus[entry], unscaled.of(skus[entry]), prices, options);
    }
  });

  for (std::size_t entry = 0; entry < skus.size(); ++entry) {
    impact.skus.push_back({skus[entry], false, plan_cost_per_day(with[entry]), plan_cost_per_day(without[entry])});
  }
  for (std::size_t rule_index = 0; rule_index < dataset.overrides.size(); ++rule_index) {
    const network::Override& rule = dataset.overrides[rule_index];
    const std::size_t entry =
        static_cast<std::size_t>(std::lower_bound(skus.begin(), skus.end(), rule.sku) - skus.begin());
    const SkuPlan& planned = with[entry];
    const SkuPlan& free = without[entry];
    OverrideEffect effect;
    effect.rule = rule_index;
    if (rule.node.valid()) {
      effect.level_with = level_at(planned, rule.node);
      effect.level_without = level_at(free, rule.node);
      effect.changed = effect.level_with != effect.level_without;
    } else {
      effect.level_with = stocking_total(planned, planning);
      effect.level_without = stocking_total(free, planning);
      effect.changed = any_level_differs(planned, free);
    }
    effect.changed = effect.changed || planned.vendor != free.vendor;
    if (effect.changed) {
      ++impact.changed;
      impact.skus[entry].changed = true;
    }
    impact.effects.push_back(effect);
  }
  for (const SkuOverrideCost& sku : impact.skus) impact.cost_impact_per_day += sku.impact();
  ctx.log().info("overrides: {} in force on {} SKUs, {} changed a decision, cost impact {:.2f}/week",
                 dataset.overrides.size(), skus.size(), impact.changed, 7.0 * impact.cost_impact_per_day);
  return impact;
}

OverrideImpact merge_week_impacts(std::span<const OverrideImpact> weeks,
                                  std::span<const std::vector<std::size_t>> rule_of, std::size_t rules) {
  OverrideImpact merged;
  merged.effects.resize(rules);
  for (std::size_t rule = 0; rule < rules; ++rule) merged.effects[rule].rule = rule;
  std::vector<bool> seen(rules, false);
  struct Costs {
    double with = 0.0;
    double without = 0.0;
    int weeks = 0;
    bool changed = false;
  };
  std::map<std::size_t, Costs> by_sku;
  for (std::size_t week = 0; week < weeks.size(); ++week) {
    for (const OverrideEffect& effect : weeks[week].effects) {
      const std::size_t rule = rule_of[week][effect.rule];
      OverrideEffect& target = merged.effects[rule];
      if (!seen[rule]) {
        target = effect;
        target.rule = rule;
        seen[rule] = true;
      }
      target.changed = target.changed || effect.changed;
    }
    for (const SkuOverrideCost& cost : weeks[week].skus) {
      Costs& entry = by_sku[cost.sku.value()];
      entry.with += cost.cost_with;
      entry.without += cost.cost_without;
      entry.weeks += 1;
      entry.changed = entry.changed || cost.changed;
      merged.cost_impact_per_day += cost.impact() / static_cast<double>(weeks.size());
    }
  }
  std::erase_if(merged.effects, [&](const OverrideEffect& effect) { return !seen[effect.rule]; });
  for (const auto& [sku, costs] : by_sku) {
    merged.skus.push_back({.sku = SkuIndex(sku),
                           .changed = costs.changed,
                           .cost_with = costs.with / costs.weeks,
                           .cost_without = costs.without / costs.weeks});
  }
  merged.changed = static_cast<std::size_t>(
      std::count_if(merged.effects.begin(), merged.effects.end(), [](const OverrideEffect& e) { return e.changed; }));
  return merged;
}

}  // namespace echelon::optimize

// SPDX-License-Identifier: Apache-2.0
// What the planners' overrides (overrides.csv) cost. After the plan is solved, every SKU with an
// override is solved twice under the plan's final prices and options: as planned (its overrides
// in force, forecast_scale included in its demand rates) and without any of its overrides
// (unscaled rates, no level bounds, no excluded nodes). An override changed a decision when the
// vendor differs or an order-up-to level at one of its nodes does; its cost impact is the SKU's
// unpriced cost per day with the overrides minus without them. Overrides of one SKU are removed
// together, so rows of one SKU share its costs.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/run_context.h"
#include "optimize/planning_network.h"
#include "optimize/sku_problem.h"
#include "optimize/sku_solver.h"

namespace echelon::optimize {

// One override (one row of overrides.csv still in force over the plan's horizon).
struct OverrideEffect {
  std::size_t rule = 0;        // index into the dataset's overrides
  bool changed = false;        // vendor or a level at the rule's nodes differ
  double level_with = 0.0;     // order-up-to at the rule's node (units), or the SKU's total over
  double level_without = 0.0;  // its stocking nodes when the rule names no node
};

// One SKU with overrides, solved both ways (costs per day, unpriced: plan_cost_per_day).
struct SkuOverrideCost {
  SkuIndex sku;
  bool changed = false;       // any of its overrides changed a decision
  double cost_with = 0.0;
  double cost_without = 0.0;
  [[nodiscard]] double impact() const { return cost_with - cost_without; }
};

struct OverrideImpact {
  std::vector<OverrideEffect> effects;  // in the order of the dataset's overrides
  std::vector<SkuOverrideCost> skus;    // by SKU index
  std::size_t changed = 0;              // overrides that changed a decision
  double cost_impact_per_day = 0.0;     // sum over SKUs (each SKU once)

  // The cost entry of `sku` (which has an override).
  [[nodiscard]] const SkuOverrideCost& cost_of(SkuIndex sku) const;
};

// Assesses every override of `planning.dataset`: `rates` are the planned demand rates,
// `unscaled` the same without forecast_scale overrides (may be `rates` when there are none).
// Parallel over SKUs; deterministic for any thread count.
OverrideImpact assess_overrides(const PlanningNetwork& planning, const DemandRates& rates,
                                const DemandRates& unscaled, const Prices& prices,
                                const SkuSolverOptions& options, RunContext& ctx);

// A time-phased plan's impact from its weeks': `weeks[w]` assessed week w with the overrides in
// force that week, and `rule_of[w]` maps its rule indices to those of the horizon's overrides
// (`rules` of them). A rule changed a decision when it did in any week; its levels are those of
// the first week it is in force. A SKU's costs average the weeks it has overrides in force, and
// the total impact is per day of the whole horizon.
OverrideImpact merge_week_impacts(std::span<const OverrideImpact> weeks,
                                  std::span<const std::vector<std::size_t>> rule_of, std::size_t rules);

}  // namespace echelon::optimize

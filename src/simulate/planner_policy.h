// SPDX-License-Identifier: Apache-2.0
// The echelon policy: the network planner of src/optimize (Lagrangian master over per-SKU
// subproblems) run on the same demand model as the baselines, its SKU plans turned into a
// StockPlan. Its service knobs act on the planner's own inputs, the penalties of missing a
// promise (DESIGN section 4: every policy is calibrated to the targets by the same bisection):
// speed s's downgrade penalty is divided by its knob, and the lost-sale penalty by the slowest
// speed's knob (orders of the slowest speed have no slower option, so only losing them costs).
// Smaller knobs make misses dearer and the plan richer, as for the baselines.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "network/dataset.h"
#include "optimize/lagrangian.h"
#include "simulate/demand_model.h"
#include "simulate/policies.h"
#include "simulate/stock_plan.h"

namespace echelon::simulate {

struct PlannerPolicyOptions {
  optimize::LagrangianOptions lagrangian;  // sku.seed is set from `seed`
  std::uint64_t seed = 1;                  // the planner's scenario streams
  int threads = 1;                         // threads of each planner run (0: all)
};

// The demand model as the planner's demand rates (one rate per (region, speed) cell).
optimize::DemandRates demand_rates(const DemandModel& model);

// Levels, safety stocks and vendors of the planner's SKU plans (nodes without a level stock 0).
StockPlan stock_plan_from(const network::Dataset& dataset,
                          const std::vector<optimize::SkuPlan>& skus);

// The planner's inputs at the knobs: a copy of what the planner reads of `dataset` (no history)
// with the penalties scaled as above.
network::Dataset planner_inputs(const network::Dataset& dataset, const std::vector<double>& miss_scale);

// Optimizer settings of the dataset (echelon.yaml `optimizer`) as planner options.
PlannerPolicyOptions planner_options(const network::Dataset& dataset, std::uint64_t seed, int threads);

std::unique_ptr<Policy> make_echelon_planner_policy(PlannerPolicyOptions options);

}  // namespace echelon::simulate

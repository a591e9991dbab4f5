// SPDX-License-Identifier: Apache-2.0
// What a finished plan costs, and why it may cost more than the bound. Each SKU's levels are
// evaluated without prices on three footings: the relaxed model on the optimization scenarios
// (hindsight allocation), the policy model on the same scenarios (greedy allocation), and the
// policy model on fresh scenarios drawn from another stream (the out-of-sample plan cost, with a
// confidence interval from the scenario spread). The gap on controllable cost (total minus
// purchase) splits exactly into:
//   certificate  per-SKU relaxed optimum minus its certified bound (cut slack),
//   lagrangian   relaxed cost of the plan minus (bound + certificate): prices, repair, search,
//   policy       greedy versus hindsight on the same scenarios,
//   sampling     fresh scenarios versus the optimization scenarios.
// Under an exchange each rank evaluates the plans it holds (its own SKUs) and the sums over SKUs
// are exact (ExactSum), so every rank gets the same totals, equal to one process's.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "optimize/exchange.h"
#include "optimize/lagrangian.h"

namespace echelon::optimize {

struct GapTerms {
  double lagrangian = 0.0;
  double policy = 0.0;
  double sampling = 0.0;
  double certificate = 0.0;
};

// One SKU's plan evaluated without prices (FC layer, plus its Outcome on fresh scenarios).
struct SkuEvaluation {
  double relaxed = 0.0;         // relaxed model, optimization scenarios
  double policy = 0.0;          // policy model, optimization scenarios
  double fresh = 0.0;           // policy model, fresh scenarios
  double fresh_variance = 0.0;  // of the fresh mean
  Outcome outcome;              // fresh scenarios
};

struct PlanEvaluation {
  double lower_bound = 0.0;          // per day
  double plan_cost = 0.0;            // per day: policy model, fresh scenarios
  double plan_cost_relaxed = 0.0;    // per day: relaxed model, optimization scenarios
  double plan_cost_policy = 0.0;     // per day: policy model, optimization scenarios
  double plan_cost_ci = 0.0;         // 95% half-width of plan_cost
  double purchase_cost = 0.0;        // per day
  double controllable_cost = 0.0;    // plan_cost - purchase_cost
  double gap = 0.0;                  // (plan_cost - lower_bound) / controllable_cost
  GapTerms terms;                    // relative to controllable cost, summing to gap
  // Cost by kind per day on fresh scenarios: holding (FC and DC), shipping, inbound, downgrade,
  // lost_sale, purchase.
  double holding = 0.0;
  double shipping = 0.0;
  double inbound = 0.0;
  double downgrade = 0.0;
  double lost_sale = 0.0;
  std::vector<double> demand;     // per speed, units per day
  std::vector<double> on_time;    // per speed
  std::vector<double> delivered;  // per speed: on time + downgraded
  std::vector<SkuEvaluation> skus;  // per SKU of result.skus
};

PlanEvaluation evaluate_plan(const PlanningNetwork& planning, const DemandRates& rates,
                             const LagrangianResult& result, const SkuSolverOptions& options,
                             RunContext& ctx);
// The same with `result.skus` spread over the ranks of `exchange` (a collective). `known` (null,
// or one entry per plan of result.skus) holds evaluations to take as they are: those of plans
// kept from an earlier run whose inputs did not change.
PlanEvaluation evaluate_plan(const PlanningNetwork& planning, const DemandRates& rates,
                             const LagrangianResult& result, const SkuSolverOptions& options,
                             RunContext& ctx, SkuExchange& exchange,
                             const std::vector<std::optional<SkuEvaluation>>* known = nullptr);

// The evaluation of a time-phased plan from those of its weeks: the average week (per-day costs,
// demand and service averaged over the weeks; the gap and its terms of those averages; the
// weeks' confidence intervals combined as independent). `skus` stays empty.
PlanEvaluation average_over_weeks(std::span<const PlanEvaluation> weeks);

}  // namespace echelon::optimize

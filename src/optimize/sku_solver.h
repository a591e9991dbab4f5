// SPDX-License-Identifier: Apache-2.0
// Solves one SKU's subproblem under prices (DESIGN section 3): its vendor, its order-up-to level
// at every stocking node and at the DCs, the expected cost by kind and use of every priced
// resource, and a certified lower bound on its priced cost. Three tiers by velocity:
//   fast   - full scenario set, every stocking node a candidate, relaxed model minimized by cuts,
//            policy levels by marginal analysis from the rounded relaxed solution;
//   medium - fewer scenarios and only the nodes that serve most of its demand on time;
//   slow   - closed form: the single best node with a newsvendor level on the negative binomial
//            demand it can reach; a few cuts of the relaxed model from there give its bound.
// The DC level follows the vendor's lead time (normal approximation of lead-time demand with a
// random lead time, at the configured cycle service); every vendor option is evaluated and the
// cheapest kept. Per-day costs throughout.
#pragma once

#include <span>
#include <vector>

#include "core/ids.h"
#include "optimize/cost_model.h"
#include "optimize/planning_network.h"
#include "optimize/scenarios.h"
#include "optimize/sku_problem.h"

namespace echelon::optimize {

enum class Tier { kFast, kMedium, kSlow };

std::string_view to_string(Tier tier);

struct SkuSolverOptions {
  std::uint64_t seed = 1;
  int fast_scenarios = 32;
  int medium_scenarios = 16;
  int slow_scenarios = 16;
  double fast_units_per_day = 5.0;    // at or above: fast tier
  double slow_units_per_day = 0.2;    // below: slow tier
  int medium_candidates = 4;          // candidate nodes of a medium SKU
  int fast_relaxed_evaluations = 16;   // evaluations of R (each one solves every scenario)
  int medium_relaxed_evaluations = 8;
  int slow_relaxed_evaluations = 6;    // cuts that certify the closed form
  int fast_policy_evaluations = 30;    // evaluations of P in the marginal search
  int medium_policy_evaluations = 15;
  double dc_cycle_service = 0.95;     // DC order-up-to quantile; 0: by trade-off (dc_level.h)
  int evaluation_scale = 4;           // fresh scenarios per optimization scenario (plan cost)
};

struct NodeLevel {
  NodeIndex node;
  double order_up_to = 0.0;       // units
  double relaxed_level = 0.0;     // the relaxed model's (continuous) level
  double safety_stock = 0.0;      // order_up_to - mean demand over the protection interval
  double expected_on_hand = 0.0;  // average units on hand
  double shipped_per_day = 0.0;   // units shipped out (to customers, or to FCs from a DC)
  double received_per_day = 0.0;  // units received
  // Per unit served from the node to customers, what ranks its options besides shipping
  // (fulfill::fulfill_ranked; CostModel::charge); 0 at nodes that serve no customer.
  double fulfill_charge = 0.0;
};

struct SkuPlan {
  SkuIndex sku;
  Tier tier = Tier::kSlow;
  VendorIndex vendor;
  std::size_t sourcing_option = 0;  // index into dataset.sourcing_of(sku)
  std::vector<NodeLevel> levels;    // stocking nodes with a level, then DCs
  double demand_per_day = 0.0;
  double variance_per_day = 0.0;
  double protection_days = 0.0;
  Outcome outcome;                  // policy model, FC layer, per day
  // Per-day costs. "priced" includes the prices' terms (storage, flow, service rewards).
  double purchase = 0.0;            // vendor unit cost x demand
  double dc_holding = 0.0;
  double vendor_inbound = 0.0;      // vendor -> DC transport
  double dc_priced_extra = 0.0;     // price terms of the DC (storage, inbound, outbound)
  double policy_priced = 0.0;       // FC layer, policy model
  double relaxed_priced = 0.0;      // FC layer, relaxed model at the plan's levels
  double relaxed_optimum_priced = 0.0;  // FC layer, best value of the relaxed model found
  double lower_bound_priced = 0.0;  // FC layer, certified
  // Use of priced resources per day, by NodeIndex value.
  std::vector<double> storage_m3;
  std::vector<double> inbound_units;
  std::vector<double> outbound_units;
  // The relaxed model's point (its relaxed levels): priced value of the FC layer, and its use of
  // every priced resource (DC stock at the least per unit of flow) and on-time units per speed.
  // The master's cuts come from these, so value and supergradient belong to one model.
  double relaxed_point_priced = 0.0;
  std::vector<double> relaxed_storage_m3;
  std::vector<double> relaxed_inbound_units;
  std::vector<double> relaxed_outbound_units;
  std::vector<double> relaxed_on_time;

  // What the vendor and DC cost beyond the cheapest vendor and least DC holding per unit already
  // in the FC layer's costs (the chosen vendor's premium, DC safety stock beyond the least).
  [[nodiscard]] double upstream_extra() const {
    return purchase + vendor_inbound + dc_holding - outcome.upstream;
  }
  // Priced cost of the whole SKU, and its certified lower bound: the FC layer's bound already
  // holds every unit's cheapest vendor cost, and what it leaves out (DC holding, the premium of
  // a dearer vendor, DC storage prices) is never negative.
  [[nodiscard]] double total_priced() const {
    return policy_priced + upstream_extra() + dc_priced_extra;
  }
  [[nodiscard]] double bound_priced() const { return lower_bound_priced; }
};

// Solves SKU `sku` with demand `rates` under `prices` (DESIGN section 3).
SkuPlan solve_sku(const PlanningNetwork& planning, SkuIndex sku, std::span<const DemandRate> rates,
                  const Prices& prices, const SkuSolverOptions& options);

// The tier of a SKU with `demand_per_day` units a day, and its number of scenarios.
Tier tier_of(double demand_per_day, const SkuSolverOptions& options);
int scenario_count(Tier tier, const SkuSolverOptions& options);

// The plan of `sku` at given FC-layer levels (one per candidate node of build_sku_problem for
// its tier), completed as solve_sku completes its own: policy outcome, vendor, DC levels and
// resource use. For levels chosen elsewhere (the exact model).
SkuPlan plan_at_levels(const PlanningNetwork& planning, SkuIndex sku, std::span<const DemandRate> rates,
                       std::span<const double> level, const Prices& prices,
                       const SkuSolverOptions& options);

// The subproblem of `sku` (FC layer), its least DC stock per unit taken at the SKU's mean demand.
SkuProblem build_sku_problem(const PlanningNetwork& planning, SkuIndex sku,
                             std::span<const DemandRate> rates, Tier tier,
                             const SkuSolverOptions& options);

// The subproblem as solve_sku builds it, with its optimization scenarios: the least DC stock per
// unit is taken at the larger of the mean demand and the scenarios' (no flow exceeds them), so
// that no flow the scenarios allow gets less DC stock than the plan will hold.
struct SkuModel {
  SkuProblem problem;
  ScenarioSet scenarios;
};
SkuModel build_sku_model(const PlanningNetwork& planning, SkuIndex sku, std::span<const DemandRate> rates,
                         Tier tier, const SkuSolverOptions& options);

}  // namespace echelon::optimize

// SPDX-License-Identifier: Apache-2.0
#include "inventory/owmr.h"

#include <gtest/gtest.h>

#include <cmath>

#include "inventory/distribution.h"
#include "inventory/owmr_simulation.h"

namespace echelon::inventory {
namespace {

OwmrParams two_retailers(double warehouse_lead_time) {
  OwmrParams params;
  params.warehouse_lead_time = warehouse_lead_time;
  params.warehouse_holding_cost = 0.5;
  params.retailers = {{1.0, 1.0, 1.0, 9.0}, {2.0, 1.5, 1.0, 9.0}};
  return params;
}

OwmrSimulationOptions long_run(std::uint64_t seed) {
  OwmrSimulationOptions options;
  options.horizon = 200000.0;
  options.seed = seed;
  return options;
}

TEST(Owmr, WarehouseBackordersAreExact) {
  OwmrParams params = two_retailers(2.0);
  OwmrPolicy policy{5, {2, 4}};
  OwmrEvaluation analytic = evaluate_owmr(params, policy, RetailerApproximation::kMetric);
  EXPECT_NEAR(analytic.warehouse_backorders, Distribution::poisson(6.0).loss(5.0), 1e-14);
  EXPECT_NEAR(analytic.warehouse_delay, analytic.warehouse_backorders / 3.0, 1e-15);
  OwmrSimulationResult simulated = simulate_owmr(params, policy, long_run(1));
  EXPECT_NEAR(simulated.warehouse_backorders, analytic.warehouse_backorders, 0.03 * analytic.warehouse_backorders + 0.01);
  EXPECT_NEAR(simulated.warehouse_on_hand, analytic.warehouse_on_hand, 0.02 * analytic.warehouse_on_hand + 0.01);
}

TEST(Owmr, ZeroWarehouseLeadTimeIsExactlyIndependentRetailers) {
  OwmrParams params = two_retailers(0.0);
  OwmrSolution solution = optimize_owmr(params, RetailerApproximation::kMetric);
  EXPECT_EQ(solution.policy.warehouse_level, 0);
  EXPECT_EQ(solution.policy.retailer_levels[0], static_cast<std::int64_t>(Distribution::poisson(1.0).quantile(0.9)));
  OwmrSimulationResult simulated = simulate_owmr(params, solution.policy, long_run(2));
  EXPECT_NEAR(simulated.cost, solution.evaluation.cost, simulated.cost_half_width + 0.01 * solution.evaluation.cost);
}

TEST(Owmr, TwoMomentEvaluationAgreesWithSimulation) {
  OwmrParams params = two_retailers(3.0);
  for (OwmrPolicy policy : {OwmrPolicy{3, {3, 6}}, OwmrPolicy{7, {2, 5}}, OwmrPolicy{10, {2, 4}}}) {
    OwmrEvaluation analytic = evaluate_owmr(params, policy, RetailerApproximation::kTwoMoment);
    OwmrSimulationResult simulated = simulate_owmr(params, policy, long_run(3));
    // The two-moment fit of the retailers' outstanding orders is an approximation: within 3%.
    EXPECT_NEAR(simulated.cost, analytic.cost, 0.03 * analytic.cost + simulated.cost_half_width)
        << policy.warehouse_level;
  }
}

TEST(Owmr, JointOptimumIsLocallyOptimalInSimulation) {
  OwmrParams params = two_retailers(3.0);
  OwmrSolution solution = optimize_owmr(params, RetailerApproximation::kTwoMoment);
  OwmrSimulationResult at_optimum = simulate_owmr(params, solution.policy, long_run(4));
  EXPECT_NEAR(at_optimum.cost, solution.evaluation.cost, 0.03 * solution.evaluation.cost);
  // Common random numbers (same seed): every one-step neighbour costs at least as much, up to
  // the simulation noise.
  for (int stage = 0; stage < 3; ++stage) {
    for (int step : {-1, 1}) {
      OwmrPolicy neighbour = solution.policy;
      std::int64_t& level = stage == 0 ? neighbour.warehouse_level : neighbour.retailer_levels[stage - 1];
      level += step;
      if (level < 0) continue;
      OwmrSimulationResult simulated = simulate_owmr(params, neighbour, long_run(4));
      EXPECT_GE(simulated.cost, at_optimum.cost - 2.0 * at_optimum.cost_half_width)
          << "stage " << stage << " step " << step;
    }
  }
}

}  // namespace
}  // namespace echelon::inventory

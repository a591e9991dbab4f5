// SPDX-License-Identifier: Apache-2.0
// The exact serial-system costs against simulation, and the exact optimum against a widely
// used library's grid levels (the reference cases' notes), compared by simulation with common
// random numbers.
#include "inventory/serial_simulation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace echelon::inventory {
namespace {

SerialParams problem_6_1() {
  SerialParams params;
  params.stages = {{1.0, 1.0}, {1.0, 1.0}};
  params.stockout_cost = 15.0;
  params.demand = Distribution::normal(100.0, 15.0);
  return params;
}

// Mean and 95% half-width of the paired per-batch differences second - first.
std::pair<double, double> paired_difference(const SerialSimulationResult& first,
                                            const SerialSimulationResult& second) {
  const auto count = static_cast<double>(first.batch_costs.size());
  double mean = 0.0;
  for (std::size_t batch = 0; batch < first.batch_costs.size(); ++batch) {
    mean += (second.batch_costs[batch] - first.batch_costs[batch]) / count;
  }
  double variance = 0.0;
  for (std::size_t batch = 0; batch < first.batch_costs.size(); ++batch) {
    double gap = second.batch_costs[batch] - first.batch_costs[batch] - mean;
    variance += gap * gap / (count - 1.0);
  }
  return {mean, 2.093 * std::sqrt(variance / count)};
}

TEST(SerialSimulation, AgreesWithTheExactCostForNormalDemand) {
  SerialParams params = problem_6_1();
  SerialSystem system(params);
  for (std::vector<double> levels : {std::vector<double>{123.45, 228.4},
                                     std::vector<double>{126.20331711660617, 226.02837018976868}}) {
    SerialSimulationResult simulated = simulate_serial(params, levels, {});
    EXPECT_NEAR(simulated.cost, system.cost(levels), 1.5 * simulated.cost_half_width) << levels[0];
  }
}

TEST(SerialSimulation, AgreesWithTheExactCostForPoissonDemand) {
  SerialParams params;
  params.stages = {{3.0, 1.0}, {2.0, 1.0}, {2.0, 2.0}};
  params.stockout_cost = 37.12;
  params.demand = Distribution::poisson(5.0);
  SerialSolution optimal = SerialSystem(params).optimize();
  SerialSimulationResult simulated = simulate_serial(params, optimal.echelon_levels, {});
  EXPECT_NEAR(simulated.cost, optimal.cost, 1.5 * simulated.cost_half_width);
  EXPECT_NEAR(optimal.cost, 72.04674102090095, 1e-9);
}

TEST(SerialSimulation, ExactOptimumBeatsCoarseGridLevels) {
  // Reference case ssm_serial_normal_problem_6_1: a library's coarse-grid levels
  // (126.2033, 226.0284) cost 166.806 exactly; the exact optimum costs 166.251.
  SerialParams params = problem_6_1();
  SerialSolution optimal = SerialSystem(params).optimize();
  std::vector<double> coarse{126.20331711660617, 226.02837018976868};
  SerialSimulationOptions options;
  options.seed = 7;
  SerialSimulationResult at_optimum = simulate_serial(params, optimal.echelon_levels, options);
  SerialSimulationResult at_coarse = simulate_serial(params, coarse, options);
  auto [difference, half_width] = paired_difference(at_optimum, at_coarse);
  double exact_difference = SerialSystem(params).cost(coarse) - optimal.cost;
  EXPECT_GT(difference - half_width, 0.0);
  EXPECT_NEAR(difference, exact_difference, 1.5 * half_width + 0.02);
}

}  // namespace
}  // namespace echelon::inventory

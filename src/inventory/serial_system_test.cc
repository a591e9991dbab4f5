// SPDX-License-Identifier: Apache-2.0
#include "inventory/serial_system.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "inventory/shang_song.h"

namespace echelon::inventory {
namespace {

SerialParams two_stage_poisson() {
  SerialParams params;
  params.stages = {{1.0, 1.0}, {0.5, 2.0}};
  params.stockout_cost = 12.0;
  params.demand = Distribution::poisson(3.0);
  return params;
}

TEST(SerialSystem, PoissonOptimumMatchesExhaustiveSearch) {
  SerialSystem system(two_stage_poisson());
  SerialSolution optimal = system.optimize();
  double best = std::numeric_limits<double>::infinity();
  for (int first = 0; first <= 15; ++first) {
    for (int second = first; second <= 30; ++second) {
      std::vector<double> levels{double(first), double(second)};
      best = std::min(best, system.cost(levels));
    }
  }
  EXPECT_NEAR(optimal.cost, best, 1e-12);
  EXPECT_NEAR(system.cost(optimal.echelon_levels), optimal.cost, 1e-12);
}

TEST(SerialSystem, SingleStageIsTheNewsvendor) {
  // One stage with lead time L: cost = h E[S - D] + (p + h) E[(D - S)^+] = newsvendor cost.
  SerialParams params;
  params.stages = {{2.0, 1.5}};
  params.stockout_cost = 18.0;
  params.demand = Distribution::poisson(4.0);
  SerialSolution optimal = SerialSystem(params).optimize();
  Distribution demand = Distribution::poisson(6.0);
  double level = demand.quantile(18.0 / 20.0);
  EXPECT_EQ(optimal.echelon_levels[0], level);
  EXPECT_NEAR(optimal.cost, 2.0 * demand.complementary_loss(level) + 18.0 * demand.loss(level), 1e-12);
}

TEST(SerialSystem, NormalGridConvergesWithTheStep) {
  SerialParams params;
  params.stages = {{3.0, 1.0}, {2.0, 1.0}, {2.0, 2.0}};
  params.stockout_cost = 37.12;
  params.demand = Distribution::normal(5.0, 1.0);
  SerialSolution coarse = SerialSystem(params, 64).optimize();
  SerialSolution fine = SerialSystem(params, 256).optimize();
  EXPECT_NEAR(coarse.cost, fine.cost, 1e-6 * fine.cost);
  for (std::size_t stage = 0; stage < 3; ++stage) {
    EXPECT_NEAR(coarse.echelon_levels[stage], fine.echelon_levels[stage], 0.002);
  }
  // The fine-grid optimum of the continuous problem (reference value 47.66014976201989).
  EXPECT_NEAR(fine.cost, 47.66014976201989, 1e-6 * fine.cost);
}

TEST(ShangSong, BoundsBracketTheOptimalLevels) {
  SerialParams params;
  params.stages = {{0.25, 0.25}, {2.5, 0.25}, {2.5, 0.25}, {0.25, 0.25}};
  params.stockout_cost = 9.0;
  params.demand = Distribution::poisson(16.0);
  SerialSolution optimal = SerialSystem(params).optimize();
  ShangSongLevels levels = shang_song_levels(params, 0.5, LevelRounding::kDown);
  for (std::size_t stage = 0; stage < 4; ++stage) {
    EXPECT_LE(levels.lower[stage], optimal.echelon_levels[stage]);
    EXPECT_GE(levels.upper[stage], optimal.echelon_levels[stage]);
  }
  EXPECT_EQ(levels.heuristic, (std::vector<double>{9, 10, 14, 20}));
}

}  // namespace
}  // namespace echelon::inventory

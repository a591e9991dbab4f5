// SPDX-License-Identifier: Apache-2.0
#include "inventory/newsvendor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "inventory/eoq.h"
#include "inventory/loss_function.h"

namespace echelon::inventory {
namespace {

TEST(Newsvendor, NormalMatchesCriticalFractileClosedForm) {
  NewsvendorCosts costs{0.18, 0.7};
  LevelAndCost best = newsvendor(Distribution::normal(50, 8), costs);
  double z = standard_normal_quantile(0.7 / 0.88);
  EXPECT_NEAR(best.level, 50 + 8 * z, 1e-10);
  // At the optimum the cost is (p + h) sd phi(z).
  EXPECT_NEAR(best.cost, 0.88 * 8 * standard_normal_pdf(z), 1e-12);
}

TEST(Newsvendor, PoissonLevelIsTheBruteForceMinimum) {
  for (double mean : {0.7, 6.0, 41.5}) {
    Distribution demand = Distribution::poisson(mean);
    NewsvendorCosts costs{1.0, 4.0};
    double best_cost = std::numeric_limits<double>::infinity();
    double best_level = -1;
    for (int level = 0; level < 200; ++level) {
      double cost = newsvendor_cost(demand, costs, level);
      if (cost < best_cost - 1e-13) {
        best_cost = cost;
        best_level = level;
      }
    }
    LevelAndCost best = newsvendor(demand, costs);
    EXPECT_EQ(best.level, best_level) << mean;
    EXPECT_NEAR(best.cost, best_cost, 1e-12) << mean;
  }
}

TEST(BaseStock, UsesTheProtectionIntervalOfLeadTimePlusOne) {
  NewsvendorCosts costs{0.08, 1.25};
  LevelAndCost best = base_stock(Distribution::poisson(18), 4, costs);
  EXPECT_EQ(best.level, 105.0);
  EXPECT_NEAR(best.cost, newsvendor(Distribution::poisson(90), costs).cost, 1e-14);
  EXPECT_NEAR(base_stock_cost(Distribution::normal(50, 8), 4, {0.18, 0.7}, 180.0),
              newsvendor_cost(Distribution::normal(250, 8 * std::sqrt(5.0)), {0.18, 0.7}, 180.0), 1e-12);
}

TEST(Eoq, ClosedFormAndOptimality) {
  EoqParams params{8.0, 0.225, 1300.0};
  EoqSolution best = eoq(params);
  EXPECT_NEAR(best.order_quantity, std::sqrt(2 * 8 * 1300 / 0.225), 1e-10);
  EXPECT_NEAR(eoq_cost(params, best.order_quantity), best.cost, 1e-12);
  EXPECT_GT(eoq_cost(params, best.order_quantity * 1.01), best.cost);
  EXPECT_GT(eoq_cost(params, best.order_quantity * 0.99), best.cost);
  EXPECT_DOUBLE_EQ(eoq_cost(params, 250.0), 69.725);
}

}  // namespace
}  // namespace echelon::inventory

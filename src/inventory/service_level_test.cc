// SPDX-License-Identifier: Apache-2.0
#include "inventory/service_level.h"

#include <gtest/gtest.h>

#include <cmath>

namespace echelon::inventory {
namespace {

TEST(ServiceLevel, CycleServiceIsTheQuantile) {
  Distribution demand = Distribution::normal(100, 20);
  EXPECT_NEAR(level_for_cycle_service(demand, 0.95), 100 + 20 * 1.6448536269514722, 1e-10);
  Distribution poisson = Distribution::poisson(12);
  double level = level_for_cycle_service(poisson, 0.9);
  EXPECT_GE(poisson.cdf(level), 0.9);
  EXPECT_LT(poisson.cdf(level - 1), 0.9);
}

TEST(ServiceLevel, RqFillRateOfPoissonIsTheReadyRate) {
  // Unit Poisson demand: the fill rate is the average of P(D_L <= y - 1) over y = r+1..r+Q.
  Distribution demand = Distribution::poisson(7.5);
  int reorder = 6;
  int quantity = 9;
  double ready = 0.0;
  for (int y = reorder + 1; y <= reorder + quantity; ++y) ready += demand.cdf(y - 1);
  EXPECT_NEAR(rq_fill_rate(demand, reorder, quantity), ready / quantity, 1e-13);
  double point = reorder_point_for_fill_rate(demand, quantity, 0.97);
  EXPECT_GE(rq_fill_rate(demand, point, quantity), 0.97);
  EXPECT_LT(rq_fill_rate(demand, point - 1, quantity), 0.97);
}

TEST(ServiceLevel, BaseStockFillRateTargetIsTight) {
  Distribution per_period = Distribution::normal(50, 8);
  double level = base_stock_level_for_fill_rate(per_period, 2, 0.99);
  EXPECT_NEAR(base_stock_fill_rate(per_period, 2, level), 0.99, 1e-8);
  Distribution poisson = Distribution::poisson(4);
  double integral = base_stock_level_for_fill_rate(poisson, 3, 0.95);
  EXPECT_EQ(integral, std::floor(integral));
  EXPECT_GE(base_stock_fill_rate(poisson, 3, integral), 0.95);
  EXPECT_LT(base_stock_fill_rate(poisson, 3, integral - 1), 0.95);
}

}  // namespace
}  // namespace echelon::inventory

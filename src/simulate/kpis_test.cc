// SPDX-License-Identifier: Apache-2.0
#include "simulate/kpis.h"

#include <gtest/gtest.h>

#include <cmath>

namespace echelon::simulate {
namespace {

TEST(Estimate, StudentTHalfWidth) {
  // Mean 2.5, sd sqrt(5/3), t(0.975, 3) = 3.182446.
  Estimate result = estimate({1.0, 2.0, 3.0, 4.0});
  EXPECT_DOUBLE_EQ(result.mean, 2.5);
  EXPECT_NEAR(result.half_width, 3.182446 * std::sqrt(5.0 / 3.0) / 2.0, 1e-5);
  EXPECT_NEAR(student_t_quantile(0.95, 10), 2.228139, 1e-6);
  EXPECT_DOUBLE_EQ(estimate({7.0}).half_width, 0.0);
}

TEST(Estimate, PairedDifferenceRemovesCommonNoise) {
  // b = a + 1 exactly: the paired difference is -1 with zero width, although a varies a lot.
  std::vector<double> a = {10.0, 50.0, 30.0, 90.0};
  std::vector<double> b = {11.0, 51.0, 31.0, 91.0};
  Estimate paired = paired_difference(a, b);
  EXPECT_DOUBLE_EQ(paired.mean, -1.0);
  EXPECT_NEAR(paired.half_width, 0.0, 1e-12);
  EXPECT_GT(estimate(a).half_width, 10.0);
}

TEST(Kpis, RatesAndTurns) {
  Kpis kpis;
  kpis.days = 73;
  kpis.speeds = {{.demanded = 100, .on_time = 90, .downgraded = 6, .lost = 4},
                 {.demanded = 0}};
  kpis.in_region_units = 80;
  kpis.shipped_cost_value = 1000.0;
  kpis.stock_value_mean = 500.0;
  EXPECT_DOUBLE_EQ(kpis.speeds[0].on_time_rate(), 0.9);
  EXPECT_DOUBLE_EQ(kpis.speeds[0].fill_rate(), 0.96);
  EXPECT_DOUBLE_EQ(kpis.speeds[1].fill_rate(), 1.0);
  EXPECT_DOUBLE_EQ(kpis.in_region_fill(), 0.8);
  EXPECT_DOUBLE_EQ(kpis.turns(), 1000.0 * 5.0 / 500.0);
  CostBreakdown cost{.purchase = 10, .holding = 1, .inbound = 2, .outbound = 3, .downgrade = 4, .lost_sale = 5};
  EXPECT_DOUBLE_EQ(cost.total(), 25.0);
  EXPECT_DOUBLE_EQ(cost.controllable(), 15.0);
}

}  // namespace
}  // namespace echelon::simulate

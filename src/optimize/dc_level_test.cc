// SPDX-License-Identifier: Apache-2.0
// The DC's stock and delay against closed forms: with the lead time's spread alone the demand
// over L + t days has one standard deviation s = F sd_L, and the backorders averaged over a
// review cycle are (1/R) integral_0^R s L((S - F(L + t)) / s) dt = s^2 / (F R) (L2(x_R) - L2(x_0))
// with the second-order loss L2 (dL2/dx = -L).
#include "optimize/dc_level.h"

#include <gtest/gtest.h>

#include <cmath>

#include "inventory/loss_function.h"

namespace echelon::optimize {
namespace {

TEST(DcLevel, CycleServiceIsFixedOrTradedAgainstTheChildrensHolding) {
  EXPECT_DOUBLE_EQ(dc_cycle_service(0.95, 0.18, 0.22), 0.95);
  EXPECT_DOUBLE_EQ(dc_cycle_service(0.0, 0.18, 0.22), 0.22 / 0.40);
  EXPECT_DOUBLE_EQ(dc_cycle_service(0.0, 0.10, 0.30), 0.75);
  // Children that hold more cheaply than the DC still get half the spread covered.
  EXPECT_DOUBLE_EQ(dc_cycle_service(0.0, 0.30, 0.10), 0.5);
}

TEST(DcLevel, BackordersMatchTheSecondOrderLossWhenOnlyTheLeadTimeVaries) {
  const DcLeadTimeDemand demand{.flow = 20.0, .variance_ratio = 0.0, .lead_mean = 9.0, .lead_sd = 2.5,
                                .review = 7.0};
  const double spread = demand.flow * demand.lead_sd;  // 50 units at every t
  for (double service : {0.5, 0.55, 0.8, 0.95}) {
    const DcStock stock = dc_stock(demand, service);
    const double z = inventory::standard_normal_quantile(service);
    EXPECT_NEAR(stock.safety, z * spread, 1e-9);
    EXPECT_NEAR(stock.order_up_to, demand.flow * 16.0 + z * spread, 1e-9);
    const double at_receipt = (stock.order_up_to - demand.flow * demand.lead_mean) / spread;
    const double at_review = z;  // S - F (L + R) = z s
    const double exact = spread * spread / (demand.flow * demand.review) *
                         (inventory::standard_normal_second_order_loss(at_review) -
                          inventory::standard_normal_second_order_loss(at_receipt));
    EXPECT_NEAR(stock.expected_backorders, exact, 0.002 * exact) << service;
    EXPECT_NEAR(stock.delay_days, stock.expected_backorders / demand.flow, 1e-12);
  }
}

TEST(DcLevel, BackordersFallAsTheServiceRises) {
  const DcLeadTimeDemand demand{.flow = 3.0, .variance_ratio = 2.0, .lead_mean = 10.5, .lead_sd = 2.5,
                                .review = 7.0};
  EXPECT_NEAR(dc_demand_sd(demand, 17.5), std::sqrt(3.0 * 2.0 * 17.5 + 9.0 * 6.25), 1e-12);
  double previous = dc_stock(demand, 0.5).expected_backorders;
  for (double service : {0.6, 0.7, 0.8, 0.9, 0.95, 0.99}) {
    const double backorders = dc_stock(demand, service).expected_backorders;
    EXPECT_LT(backorders, previous) << service;
    previous = backorders;
  }
  EXPECT_EQ(dc_stock({.flow = 0.0}, 0.95).expected_backorders, 0.0);
}

}  // namespace
}  // namespace echelon::optimize

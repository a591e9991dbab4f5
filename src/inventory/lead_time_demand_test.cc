// SPDX-License-Identifier: Apache-2.0
#include "inventory/lead_time_demand.h"

#include <gtest/gtest.h>

#include <cmath>

namespace echelon::inventory {
namespace {

TEST(LeadTimeDemand, PoissonMixtureOverRandomLeadTime) {
  Distribution per_day = Distribution::poisson(2.0);
  Distribution lead_time = Distribution::table({0.0, 0.5, 0.5});  // 1 or 2 days
  Distribution demand = compound_lead_time_demand(per_day, lead_time);
  Distribution one = Distribution::poisson(2.0);
  Distribution two = Distribution::poisson(4.0);
  for (int k = 0; k < 20; ++k) {
    EXPECT_NEAR(demand.pmf(k), 0.5 * one.pmf(k) + 0.5 * two.pmf(k), 1e-15) << k;
  }
  LeadTimeDemandMoments moments = lead_time_demand_moments(per_day, lead_time);
  EXPECT_NEAR(demand.mean(), moments.mean, 1e-12);
  EXPECT_NEAR(demand.variance(), moments.variance, 1e-10);
  EXPECT_NEAR(moments.mean, 3.0, 1e-15);
  EXPECT_NEAR(moments.variance, 1.5 * 2.0 + 4.0 * 0.25, 1e-15);
}

TEST(LeadTimeDemand, TableDemandMatchesEnumeration) {
  // Demand 0 or 1 per day (p = 0.7), lead time 0, 1 or 2 days with probabilities .2, .5, .3.
  Distribution per_day = Distribution::table({0.3, 0.7});
  Distribution lead_time = Distribution::table({0.2, 0.5, 0.3});
  Distribution demand = compound_lead_time_demand(per_day, lead_time);
  EXPECT_NEAR(demand.pmf(0), 0.2 + 0.5 * 0.3 + 0.3 * 0.09, 1e-15);
  EXPECT_NEAR(demand.pmf(1), 0.5 * 0.7 + 0.3 * 2 * 0.21, 1e-15);
  EXPECT_NEAR(demand.pmf(2), 0.3 * 0.49, 1e-15);
}

TEST(LeadTimeDemand, MomentMatchingKeepsMeanAndVariance) {
  Distribution per_day = Distribution::negative_binomial(3.0, 7.0);
  Distribution lead_time = Distribution::table({0.0, 0.0, 0.0, 0.25, 0.5, 0.25});
  Distribution exact = compound_lead_time_demand(per_day, lead_time);
  for (MomentFit fit : {MomentFit::kNormal, MomentFit::kGamma, MomentFit::kNegativeBinomial}) {
    Distribution fitted = moment_matched_lead_time_demand(per_day, lead_time, fit);
    EXPECT_NEAR(fitted.mean(), exact.mean(), 1e-9);
    EXPECT_NEAR(fitted.variance(), exact.variance(), 1e-7);
  }
  // A two-moment fit is close in the body of the distribution: the 95% points differ by at
  // most one unit here.
  Distribution negbin = moment_matched_lead_time_demand(per_day, lead_time, MomentFit::kNegativeBinomial);
  EXPECT_LE(std::abs(negbin.quantile(0.95) - exact.quantile(0.95)), 1.0);
}

}  // namespace
}  // namespace echelon::inventory

// SPDX-License-Identifier: Apache-2.0
#include "inventory/rq_policy.h"

#include <gtest/gtest.h>

#include <limits>

namespace echelon::inventory {
namespace {

TEST(RqPolicy, OptimumMatchesExhaustiveSearch) {
  struct Instance {
    double rate;
    double lead_time;
    double fixed_cost;
  };
  for (Instance instance : {Instance{1.5, 2, 100}, Instance{8, 0.5, 10}, Instance{0.3, 4, 0},
                            Instance{20, 1, 500}}) {
    RqParams params;
    params.costs = {20.0, 150.0};
    params.fixed_cost = instance.fixed_cost;
    params.demand_rate = instance.rate;
    params.lead_time_demand = Distribution::poisson(instance.rate * instance.lead_time);
    RqModel model(params);
    RqSolution optimal = model.optimize();
    double best = std::numeric_limits<double>::infinity();
    for (int quantity = 1; quantity <= 120; ++quantity) {
      for (int reorder = -10; reorder <= 80; ++reorder) {
        best = std::min(best, model.cost({reorder, quantity}));
      }
    }
    EXPECT_NEAR(optimal.cost, best, 1e-12 * best) << instance.rate;
    EXPECT_NEAR(model.cost(optimal.policy), optimal.cost, 1e-12 * best);
  }
}

TEST(RqPolicy, ReferenceExample) {
  RqParams params;
  params.costs = {20.0, 150.0};
  params.fixed_cost = 100.0;
  params.demand_rate = 1.5;
  params.lead_time_demand = Distribution::poisson(3.0);
  RqModel model(params);
  RqSolution optimal = model.optimize();
  EXPECT_EQ(optimal.policy.reorder_point, 3);
  EXPECT_EQ(optimal.policy.order_quantity, 5);
  EXPECT_NEAR(optimal.cost, 107.92358063314978, 1e-9);
  EXPECT_NEAR(model.cost({8, 12}), 242.52816376620208, 1e-9);
}

}  // namespace
}  // namespace echelon::inventory

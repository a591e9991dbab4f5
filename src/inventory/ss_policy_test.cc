// SPDX-License-Identifier: Apache-2.0
#include "inventory/ss_policy.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace echelon::inventory {
namespace {

// Long-run cost of (s,S) from the stationary distribution of the inventory position after
// ordering (a Markov chain on s+1..S solved by power iteration): independent of the renewal
// formula.
double markov_chain_cost(const SsParams& params, const SsModel& model, SsPolicy policy) {
  const std::int64_t low = policy.reorder_point + 1;
  const auto states = static_cast<std::size_t>(policy.order_up_to - policy.reorder_point);
  std::vector<double> distribution(states, 1.0 / static_cast<double>(states));
  std::vector<double> pmf = params.demand.pmf_table();
  double order_probability = 0.0;
  for (int iteration = 0; iteration < 5000; ++iteration) {
    std::vector<double> next(states, 0.0);
    order_probability = 0.0;
    for (std::size_t state = 0; state < states; ++state) {
      std::int64_t position = low + static_cast<std::int64_t>(state);
      double reach_below = 1.0;
      for (std::size_t demand = 0; demand < pmf.size(); ++demand) {
        std::int64_t after = position - static_cast<std::int64_t>(demand);
        if (after < low) break;
        next[static_cast<std::size_t>(after - low)] += distribution[state] * pmf[demand];
        reach_below -= pmf[demand];
      }
      next[states - 1] += distribution[state] * reach_below;  // reorder up to S
      order_probability += distribution[state] * reach_below;
    }
    distribution = next;
  }
  double cost = order_probability * params.fixed_cost;
  for (std::size_t state = 0; state < states; ++state) {
    cost += distribution[state] * model.one_period_cost(low + static_cast<std::int64_t>(state));
  }
  return cost;
}

SsSolution brute_force(SsModel& model, int low, int high) {
  SsSolution best{{0, 0}, std::numeric_limits<double>::infinity()};
  for (int order_up_to = low + 1; order_up_to <= high; ++order_up_to) {
    for (int reorder = low; reorder < order_up_to; ++reorder) {
      double cost = model.cost({reorder, order_up_to});
      if (cost < best.cost) best = {{reorder, order_up_to}, cost};
    }
  }
  return best;
}

TEST(SsPolicy, ZhengFedergruenMatchesExhaustiveSearch) {
  struct Instance {
    double mean;
    double fixed_cost;
    std::int64_t lead_time;
  };
  for (Instance instance : {Instance{6, 5, 0}, Instance{6, 64, 0}, Instance{2.5, 20, 2},
                            Instance{10, 100, 1}}) {
    SsParams params;
    params.costs = {1.0, 9.0};
    params.fixed_cost = instance.fixed_cost;
    params.lead_time = instance.lead_time;
    params.demand = Distribution::poisson(instance.mean);
    SsModel model(params);
    SsSolution optimal = model.optimize();
    SsSolution searched = brute_force(model, -20, 80);
    EXPECT_NEAR(optimal.cost, searched.cost, 1e-12) << instance.mean << " " << instance.fixed_cost;
    EXPECT_EQ(optimal.policy.order_up_to, searched.policy.order_up_to);
    EXPECT_NEAR(model.cost(optimal.policy), optimal.cost, 1e-12);
  }
}

TEST(SsPolicy, RenewalFormulaAgreesWithTheMarkovChain) {
  SsParams params;
  params.costs = {1.0, 4.0};
  params.fixed_cost = 5.0;
  params.demand = Distribution::poisson(6.0);
  SsModel model(params);
  for (SsPolicy policy : {SsPolicy{4, 10}, SsPolicy{6, 18}, SsPolicy{-2, 3}}) {
    EXPECT_NEAR(model.cost(policy), markov_chain_cost(params, model, policy), 1e-10);
  }
  EXPECT_NEAR(model.cost({4, 10}), 8.034111561471642, 1e-12);
}

TEST(SsPolicy, ZeroFixedCostGivesBaseStock) {
  SsParams params;
  params.costs = {1.0, 4.0};
  params.demand = Distribution::poisson(6.0);
  SsSolution optimal = SsModel(params).optimize();
  EXPECT_EQ(optimal.policy.order_up_to, 8);
  EXPECT_EQ(optimal.policy.reorder_point, 7);
  EXPECT_NEAR(optimal.cost, 3.5701069457709416, 1e-12);
}

}  // namespace
}  // namespace echelon::inventory

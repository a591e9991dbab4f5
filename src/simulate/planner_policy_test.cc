// SPDX-License-Identifier: Apache-2.0
#include "simulate/planner_policy.h"

#include <gtest/gtest.h>

#include "simulate/test_datasets.h"

namespace echelon::simulate {
namespace {

using testing::small_network_dataset;

TEST(PlannerPolicy, DemandRatesAreTheModelsCells) {
  DemandModel model(2, 3);
  std::vector<CellDemand> first = {{1, 2.0, 3.0}, {5, 0.5, 0.7}};
  model.add_sku(first);
  model.add_sku({});
  optimize::DemandRates rates = demand_rates(model);
  ASSERT_EQ(rates.sku_offset, (std::vector<std::size_t>{0, 2, 2}));
  EXPECT_EQ(rates.rates[0].region.value(), 0u);
  EXPECT_EQ(rates.rates[0].speed.value(), 1u);
  EXPECT_EQ(rates.rates[1].region.value(), 1u);  // cell 5 = region 1 x 3 speeds + speed 2
  EXPECT_EQ(rates.rates[1].speed.value(), 2u);
  EXPECT_EQ(rates.rates[1].mean_per_day, 0.5);
  EXPECT_EQ(rates.rates[1].variance_per_day, 0.7);
}

TEST(PlannerPolicy, KnobsScaleTheMissPenalties) {
  network::Dataset dataset = small_network_dataset(30, 1);
  network::Dataset inputs = planner_inputs(dataset, {0.5, 2.0, 0.25});
  EXPECT_DOUBLE_EQ(inputs.config.speeds[0].downgrade_penalty, 6.0);
  EXPECT_DOUBLE_EQ(inputs.config.speeds[1].downgrade_penalty, 1.0);
  EXPECT_DOUBLE_EQ(inputs.config.speeds[2].downgrade_penalty, 4.0);
  EXPECT_DOUBLE_EQ(inputs.network.speeds[0].downgrade_penalty, 6.0);
  // The slowest speed's knob scales the lost-sale penalty.
  EXPECT_DOUBLE_EQ(inputs.config.costs.lost_sale_fraction, 2.0);
  EXPECT_DOUBLE_EQ(inputs.config.costs.lost_sale_minimum, 4.0);
  EXPECT_EQ(inputs.demand.rows(), 0u);  // the planner reads demand through the rates only
  EXPECT_EQ(inputs.sku_count(), dataset.sku_count());
}

double total_stock(const StockPlan& plan) {
  double total = 0.0;
  for (SkuIndex sku : all<SkuIndex>(plan.sku_count())) {
    for (NodeIndex node : all<NodeIndex>(plan.node_count())) total += plan.order_up_to(sku, node, 0);
  }
  return total;
}

// The planner's levels become the StockPlan; dearer misses never make the plan leaner.
TEST(PlannerPolicy, PlansTheNetworkAndRicherKnobsHoldMoreStock) {
  network::Dataset dataset = small_network_dataset(120, 4);
  DemandModel model = estimate_demand_model(dataset, dataset.demand.last_date + 1, 120);
  ServingNetwork serving(dataset.network, dataset.config.order_hour_profile);
  PlannerPolicyOptions options;
  options.lagrangian.max_iterations = 3;
  options.seed = 9;
  auto policy = make_echelon_planner_policy(options);
  EXPECT_EQ(policy->name(), "echelon");
  StockPlan nominal = policy->plan(dataset, model, serving, {1.0, 1.0, 1.0});
  StockPlan rich = policy->plan(dataset, model, serving, {0.25, 0.25, 0.25});
  StockPlan lean = policy->plan(dataset, model, serving, {8.0, 8.0, 8.0});
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    // One sourcing option per SKU in this dataset; the DC (node 0) is stocked for every SKU.
    EXPECT_EQ(nominal.sourcing(sku), sku.value());
    EXPECT_GT(nominal.order_up_to(sku, NodeIndex(0), 0), 0.0);
  }
  EXPECT_GT(total_stock(nominal), 0.0);
  EXPECT_GE(total_stock(rich), total_stock(nominal));
  EXPECT_LE(total_stock(lean), total_stock(nominal));
  EXPECT_GT(total_stock(rich), total_stock(lean));
  // Deterministic: the same inputs give the same plan.
  StockPlan again = policy->plan(dataset, model, serving, {1.0, 1.0, 1.0});
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    for (NodeIndex node : all<NodeIndex>(dataset.network.node_count())) {
      EXPECT_EQ(again.order_up_to(sku, node, 0), nominal.order_up_to(sku, node, 0));
    }
  }
}

}  // namespace
}  // namespace echelon::simulate

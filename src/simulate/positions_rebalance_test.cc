// SPDX-License-Identifier: Apache-2.0
// Starting from the dataset's positions, and fc->fc rebalancing, on runs small enough to follow
// by hand (no demand, so every unit's path is known).
#include <gtest/gtest.h>

#include "simulate/simulator.h"
#include "simulate/test_datasets.h"

namespace echelon::simulate {
namespace {

using testing::single_node_dataset;
using testing::small_network_dataset;

DemandModel no_demand(std::size_t skus, std::size_t speeds) {
  DemandModel model(skus, speeds);
  for (std::size_t sku = 0; sku < skus; ++sku) model.add_sku({});
  return model;
}

Kpis run_days(const network::Dataset& dataset, const StockPlan& plan, SimulationOptions options) {
  ServingNetwork serving(dataset.network, dataset.config.order_hour_profile);
  DemandModel model = no_demand(dataset.sku_count(), dataset.network.speed_count());
  DemandSource demand = DemandSource::sampled(dataset, model);
  PolicyRun run{"plan", &plan, &serving, FulfillmentRule::kGreedy, false};
  return simulate_run(dataset, run, demand, options, 0, 5);
}

void expect_conserved(const Kpis& kpis) {
  const Balance& balance = kpis.balance;
  EXPECT_DOUBLE_EQ(balance.initial_on_hand + balance.vendor_received,
                   balance.shipped + balance.closing_on_hand + balance.transfers_in_transit);
}

// 30 units on hand and 20 due three days after the positions' date: the open order lands on day
// 3, costs nothing (already bought) and is counted as received.
TEST(Positions, StartFromOnHandAndOpenOrdersOnTheirEta) {
  network::Dataset dataset = single_node_dataset(2.0);
  const Date today = Date::from_civil({2024, 3, 1});
  dataset.inventory.push_back({SkuIndex(0), NodeIndex(0), 30.0});
  dataset.inbound.push_back({SkuIndex(0), NodeIndex(0), 20.0, today + 3});
  StockPlan plan(dataset, 1);  // level 0: the node never orders
  SimulationOptions options{.days = 3, .warmup_days = 0, .replications = 1};
  options.start_from_positions = true;
  options.positions_date = today;
  Kpis before = run_days(dataset, plan, options);
  EXPECT_EQ(before.balance.initial_on_hand, 30.0);
  EXPECT_EQ(before.balance.vendor_received, 0.0);
  options.days = 4;
  Kpis after = run_days(dataset, plan, options);
  EXPECT_EQ(after.balance.vendor_received, 20.0);
  EXPECT_EQ(after.balance.closing_on_hand, 50.0);
  EXPECT_EQ(after.cost.purchase, 0.0);
  EXPECT_EQ(after.cost.inbound, 0.0);
  // Closing value: 30 units x 10 for three days, then 50 x 10.
  EXPECT_DOUBLE_EQ(after.stock_value_mean, (3 * 300.0 + 500.0) / 4.0);
  expect_conserved(after);
}

// DC and FC_A empty, FC_B holding 40 against a level of 10: FC_A (level 10, reviews on day 2 of
// the 3-day cycle) cannot get stock from its DC and pulls it from FC_B over the fc->fc lane
// (2 days, 0.7 per unit + 10 per m3 x 0.01 m3 = 0.8 per unit), but only what FC_B holds beyond
// its level plus the threshold.
class Rebalancing : public ::testing::Test {
 protected:
  void SetUp() override {
    dataset_ = small_network_dataset(30, 1);
    dataset_.network.lanes.push_back(
        {VendorIndex::invalid(), NodeIndex(2), NodeIndex(1), 2.0, 0.0, 0.7, 10.0});
    dataset_.inventory.push_back({SkuIndex(0), NodeIndex(2), 40.0});
    plan_ = StockPlan(dataset_, 1);
    plan_.set(SkuIndex(0), NodeIndex(1), 0, 10.0, 0.0);
    plan_.set(SkuIndex(0), NodeIndex(2), 0, 10.0, 0.0);
    options_ = {.days = 6, .warmup_days = 0, .replications = 1};
    options_.start_from_positions = true;
    options_.positions_date = Date::from_civil({2024, 3, 1});
  }
  network::Dataset dataset_;
  StockPlan plan_;
  SimulationOptions options_;
};

TEST_F(Rebalancing, ShortNodePullsSiblingExcessWithLaneTransitAndCost) {
  options_.rebalance_threshold = 0.5;  // FC_B keeps 10 + 5; 25 to spare
  Kpis kpis = run_days(dataset_, plan_, options_);
  EXPECT_EQ(kpis.rebalanced_units, 10.0);
  EXPECT_DOUBLE_EQ(kpis.rebalance_cost, 8.0);
  EXPECT_DOUBLE_EQ(kpis.cost.inbound, 8.0);  // put away on day 4, inside the run
  EXPECT_EQ(kpis.rationed_units, 0.0);
  EXPECT_EQ(kpis.nodes[2].outbound_units, 10.0);
  EXPECT_EQ(kpis.nodes[1].inbound_units, 10.0);
  // Closing stock at unit cost 5: FC_B sends on day 2 (40 on days 0-1, then 30); FC_A receives
  // on day 4 (0 on days 0-3, then 10).
  EXPECT_DOUBLE_EQ(kpis.nodes[1].stock_value_mean, 5.0 * 10.0 * 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(kpis.nodes[2].stock_value_mean, 5.0 * (40.0 * 2.0 + 30.0 * 4.0) / 6.0);
  expect_conserved(kpis);
}

TEST_F(Rebalancing, NothingMovesWithinTheThresholdOrWhenOff) {
  options_.rebalance_threshold = 3.5;  // FC_B keeps 10 + 35 > 40
  Kpis within = run_days(dataset_, plan_, options_);
  EXPECT_EQ(within.rebalanced_units, 0.0);
  // FC_A asks for 10 at each review (days 2 and 5) and gets nothing.
  EXPECT_EQ(within.rationed_units, 20.0);
  options_.rebalance_threshold = -1.0;
  Kpis off = run_days(dataset_, plan_, options_);
  EXPECT_EQ(off.rebalanced_units, 0.0);
  EXPECT_EQ(off.cost.inbound, 0.0);
  expect_conserved(off);
}

}  // namespace
}  // namespace echelon::simulate

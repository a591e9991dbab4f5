// SPDX-License-Identifier: Apache-2.0
#include "simulate/simulator.h"

#include <gtest/gtest.h>

#include "inventory/distribution.h"
#include "inventory/service_level.h"
#include "simulate/policies.h"
#include "simulate/test_datasets.h"

namespace echelon::simulate {
namespace {

using testing::single_node_dataset;
using testing::small_network_dataset;

// A single-node plan with level `level`.
StockPlan flat_plan(const network::Dataset& dataset, double level) {
  StockPlan plan(dataset, 1);
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    for (NodeIndex node : all<NodeIndex>(dataset.network.node_count())) plan.set(sku, node, 0, level, 0.0);
  }
  return plan;
}

DemandModel poisson_model(double mean) {
  DemandModel model(1, 1);
  CellDemand cell{0, mean, mean};
  model.add_sku(std::span(&cell, 1));
  return model;
}

struct AnalyticCase {
  double lead_days;
  double level;
  double tolerance;  // lost sales vs the backorder formula: exact at lead 0
};

class SingleNodeBaseStock : public ::testing::TestWithParam<AnalyticCase> {};

// Daily review, order-up-to S, Poisson(4) demand: the simulated fill rate, closing stock and
// costs match inventory/'s periodic-review base-stock model.
TEST_P(SingleNodeBaseStock, MatchesAnalyticFillRateAndCost) {
  const AnalyticCase param = GetParam();
  const double mean = 4.0;
  network::Dataset dataset = single_node_dataset(param.lead_days);
  ServingNetwork serving(dataset.network, dataset.config.order_hour_profile);
  DemandModel model = poisson_model(mean);
  DemandSource demand = DemandSource::sampled(dataset, model);
  StockPlan plan = flat_plan(dataset, param.level);
  PolicyRun run{"base_stock", &plan, &serving, FulfillmentRule::kGreedy, false};
  SimulationOptions options{.days = 200000, .warmup_days = 50, .replications = 1};
  Kpis kpis = simulate_run(dataset, run, demand, options, 0, 11);

  auto per_day = inventory::Distribution::poisson(mean);
  double fill = inventory::base_stock_fill_rate(per_day, param.lead_days, param.level);
  EXPECT_NEAR(kpis.speeds[0].fill_rate(), fill, param.tolerance);
  EXPECT_NEAR(kpis.speeds[0].demanded / options.days, mean, 0.05);
  if (param.lead_days == 0.0) {
    // Closing stock is (S - D)^+ every day; holding 0.365/year on unit cost 10 is 0.01 per unit-day.
    double closing = per_day.complementary_loss(param.level);
    EXPECT_NEAR(kpis.stock_value_mean / 10.0, closing, 0.03);
    EXPECT_NEAR(kpis.cost.holding / options.days, 0.01 * closing, 0.0003);
    // Lost sales cost max(1, 0.5 x price 20) = 10 per unit; shipping 2 per unit.
    double lost = per_day.loss(param.level);
    EXPECT_NEAR(kpis.cost.lost_sale / options.days, 10.0 * lost, 0.05);
    EXPECT_NEAR(kpis.cost.outbound / options.days, 2.0 * (mean - lost), 0.02);
    // Each day's receipt replaces what shipped, at unit cost 10 and lane cost 0.5.
    EXPECT_NEAR(kpis.cost.purchase / kpis.shipped_cost_value, 1.0, 1e-3);
    EXPECT_NEAR(kpis.cost.inbound / options.days, 0.5 * (mean - lost), 0.02);
  }
}

INSTANTIATE_TEST_SUITE_P(LeadTimes, SingleNodeBaseStock,
                         ::testing::Values(AnalyticCase{0.0, 5.0, 0.004}, AnalyticCase{0.0, 7.0, 0.003},
                                           AnalyticCase{3.0, 24.0, 0.006}));

// Every unit demanded is shipped on time, downgraded or lost; every unit received is shipped,
// on hand, or in transit between nodes.
TEST(Simulator, ConservesUnitsWithCapacitiesMoqAndCasePacks) {
  network::Dataset dataset = small_network_dataset(200, 3);
  dataset.network.nodes[NodeIndex(0)].inbound_units_per_day = 12.0;
  dataset.network.nodes[NodeIndex(1)].outbound_units_per_day = 2.0;
  dataset.network.nodes[NodeIndex(3)].storage_m3 = 0.05;
  ServingNetwork serving(dataset.network, dataset.config.order_hour_profile);
  DemandModel model = estimate_demand_model(dataset, dataset.demand.last_date + 1, 200);
  StockPlan plan = make_single_echelon_policy()->plan(dataset, model, serving, {1.0, 1.0, 1.0});
  for (FulfillmentRule rule : {FulfillmentRule::kGreedy, FulfillmentRule::kOpportunityCost}) {
    for (bool replay : {true, false}) {
      DemandSource demand = replay ? DemandSource::replay(dataset, dataset.demand.first_date)
                                   : DemandSource::sampled(dataset, model);
      PolicyRun run{"single", &plan, &serving, rule, false};
      Kpis kpis = simulate_run(dataset, run, demand, {.days = 180, .warmup_days = 20}, 0, 5);
      const Balance& balance = kpis.balance;
      ASSERT_GT(balance.demanded, 500.0);
      EXPECT_NEAR(balance.demanded, balance.on_time + balance.downgraded + balance.lost, 1e-6);
      EXPECT_NEAR(balance.initial_on_hand + balance.vendor_received,
                  balance.shipped + balance.closing_on_hand + balance.transfers_in_transit, 1e-6);
      EXPECT_GT(balance.downgraded, 0.0);
      EXPECT_GT(balance.vendor_received, 0.0);
      if (replay) {
        double history_units = 0.0;
        for (float quantity : dataset.demand.quantity) history_units += quantity;
        EXPECT_DOUBLE_EQ(balance.demanded, history_units);
      }
      double speed_total = 0.0;
      for (const SpeedKpis& speed : kpis.speeds) speed_total += speed.on_time + speed.downgraded + speed.lost;
      EXPECT_NEAR(speed_total, kpis.demanded(), 1e-6);
    }
  }
}

TEST(Simulator, IsDeterministicForAnyThreadCount) {
  network::Dataset dataset = small_network_dataset(120, 9);
  ServingNetwork serving(dataset.network, dataset.config.order_hour_profile);
  DemandModel model = estimate_demand_model(dataset, dataset.demand.last_date + 1, 120);
  StockPlan plan = make_single_echelon_policy()->plan(dataset, model, serving, {1.0, 1.0, 1.0});
  DemandSource demand = DemandSource::sampled(dataset, model);
  PolicyRun run{"single", &plan, &serving, FulfillmentRule::kGreedy, false};
  SimulationOptions options{.days = 60, .warmup_days = 10, .replications = 4};
  std::vector<std::vector<Kpis>> results;
  for (int threads : {3, 1}) {
    RunContext ctx(RunOptions{.threads = threads, .seed = 42, .log_level = LogLevel::kWarn});
    results.push_back(simulate_replications(dataset, run, demand, options, ctx));
  }
  ASSERT_EQ(results[0].size(), 4u);
  for (std::size_t rep = 0; rep < 4; ++rep) {
    EXPECT_EQ(results[0][rep].cost.total(), results[1][rep].cost.total());
    EXPECT_EQ(results[0][rep].lost_units, results[1][rep].lost_units);
    EXPECT_EQ(results[0][rep].stock_value_mean, results[1][rep].stock_value_mean);
  }
  // Replications differ from each other (their own streams).
  EXPECT_NE(results[0][0].cost.total(), results[0][1].cost.total());
  // Same seed, same replication: the same demand for two different plans (common random numbers).
  StockPlan rich = make_single_echelon_policy()->plan(dataset, model, serving, {0.2, 0.2, 0.2});
  PolicyRun rich_run{"rich", &rich, &serving, FulfillmentRule::kGreedy, false};
  Kpis lean_kpis = simulate_run(dataset, run, demand, options, 2, 42);
  Kpis rich_kpis = simulate_run(dataset, rich_run, demand, options, 2, 42);
  EXPECT_EQ(lean_kpis.demanded(), rich_kpis.demanded());
  EXPECT_GE(rich_kpis.stock_value_mean, lean_kpis.stock_value_mean);
}

// Outbound, inbound and storage limits bind and every overrun is counted.
TEST(Simulator, CountsCapacityUseAndOverruns) {
  network::Dataset dataset = single_node_dataset(0.0);
  testing::fill_history(dataset, 40, [](std::size_t, int, std::size_t, std::size_t) { return 8.0; });
  network::Node& node = dataset.network.nodes[NodeIndex(0)];
  node.outbound_units_per_day = 5.0;
  node.inbound_units_per_day = 4.0;
  node.storage_m3 = 0.5;  // 50 units of 0.01 m3
  ServingNetwork serving(dataset.network, dataset.config.order_hour_profile);
  StockPlan plan = flat_plan(dataset, 60.0);
  DemandSource demand = DemandSource::replay(dataset, dataset.demand.first_date);
  PolicyRun run{"capped", &plan, &serving, FulfillmentRule::kGreedy, false};
  const int days = 30;
  Kpis kpis = simulate_run(dataset, run, demand, {.days = days, .warmup_days = 0}, 0, 1);
  // Day t ships 5 (outbound cap), loses 3 the node had in stock; the node orders 5 a day back
  // and puts away 4 a day (inbound cap), so the dock backlog grows by 1 a day.
  const NodeKpis& stats = kpis.nodes[0];
  EXPECT_DOUBLE_EQ(stats.outbound_units, 5.0 * days);
  EXPECT_EQ(stats.outbound_full_days, days);
  EXPECT_DOUBLE_EQ(kpis.lost_units, 3.0 * days);
  EXPECT_DOUBLE_EQ(stats.outbound_denied_units, 3.0 * days);
  EXPECT_DOUBLE_EQ(stats.inbound_units, 4.0 * (days - 1));
  // Backlog at the end of day t (t >= 1) is t units: sum 1..29.
  EXPECT_DOUBLE_EQ(stats.inbound_backlog_unit_days, (days - 1) * days / 2.0);
  // Closing stock 60 - 5 on day 0, then one unit less each day: 55, 54, ... ; above 50 units
  // (0.5 m3) on the days it is 51..55.
  EXPECT_EQ(stats.overflow_days, 5);
  EXPECT_NEAR(stats.overflow_m3_days, 0.01 * (5 + 4 + 3 + 2 + 1), 1e-9);
  EXPECT_NEAR(stats.storage_peak_m3, 0.55, 1e-9);
  EXPECT_EQ(kpis.balance.demanded, 8.0 * days);
}

// A DC short of stock splits it among its children in proportion to their requests.
TEST(Simulator, DcRationsShortStockInProportionToRequests) {
  network::Dataset dataset = testing::base_dataset({testing::speed("2day", 48, 0.95, 1.0)});
  testing::add_node(dataset, "DC", network::NodeType::kDc, 39.0, -95.0);
  testing::add_node(dataset, "FC_A", network::NodeType::kFc, 41.0, -88.0);
  testing::add_node(dataset, "FC_B", network::NodeType::kFc, 33.0, -97.0);
  testing::add_region(dataset, "A", 41.0, -88.0);
  testing::add_region(dataset, "B", 33.0, -97.0);
  auto& lanes = dataset.network.lanes;
  lanes.push_back({VendorIndex(0), NodeIndex::invalid(), NodeIndex(0), 30.0, 0.0, 0.0, 0.0});
  lanes.push_back({VendorIndex::invalid(), NodeIndex(0), NodeIndex(1), 1.0, 0.0, 0.0, 0.0});
  lanes.push_back({VendorIndex::invalid(), NodeIndex(0), NodeIndex(2), 1.0, 0.0, 0.0, 0.0});
  dataset.network.delivery.push_back({NodeIndex(1), RegionIndex(0), SpeedIndex(0), 1.0, 24.0});
  dataset.network.delivery.push_back({NodeIndex(2), RegionIndex(1), SpeedIndex(0), 1.0, 24.0});
  testing::add_sku(dataset, "S1", 10.0, 20.0, 30.0, 0.0);
  // Day 0: region A buys 6 (all of FC_A), region B buys 3 (all of FC_B).
  testing::fill_history(dataset, 5, [](std::size_t, int day, std::size_t region, std::size_t) {
    return day == 0 ? (region == 0 ? 6.0 : 3.0) : 0.0;
  });
  ServingNetwork serving(dataset.network, dataset.config.order_hour_profile);
  StockPlan plan(dataset, 1);
  plan.set(SkuIndex(0), NodeIndex(0), 0, 6.0, 0.0);
  plan.set(SkuIndex(0), NodeIndex(1), 0, 6.0, 0.0);
  plan.set(SkuIndex(0), NodeIndex(2), 0, 3.0, 0.0);
  DemandSource demand = DemandSource::replay(dataset, dataset.demand.first_date);
  PolicyRun run{"rationed", &plan, &serving, FulfillmentRule::kGreedy, false};
  // Day 1: FC_A asks 6, FC_B asks 3, the DC has 6: 4 and 2 ship, 3 units are rationed away.
  Kpis kpis = simulate_run(dataset, run, demand, {.days = 2, .warmup_days = 0}, 0, 1);
  EXPECT_DOUBLE_EQ(kpis.rationed_units, 3.0);
  EXPECT_DOUBLE_EQ(kpis.nodes[0].outbound_units, 6.0);
  EXPECT_DOUBLE_EQ(kpis.balance.transfers_in_transit, 6.0);
  EXPECT_DOUBLE_EQ(kpis.balance.closing_on_hand, 0.0);
  // Day 2: the 4 and 2 are put away; FC_A is short 2 and FC_B 1, and the DC has nothing left.
  Kpis later = simulate_run(dataset, run, demand, {.days = 3, .warmup_days = 0}, 0, 1);
  EXPECT_DOUBLE_EQ(later.nodes[1].inbound_units, 4.0);
  EXPECT_DOUBLE_EQ(later.nodes[2].inbound_units, 2.0);
  EXPECT_DOUBLE_EQ(later.rationed_units, 3.0 + 3.0);
}

// A plan with serving charges serves each order by fulfill_ranked: the charge moves region B's
// orders from its cheapest node (FC_B, 1.0 + 5.0) to FC_A (2.0 + 0.0).
TEST(Simulator, PlanChargesRankTheServingOptions) {
  network::Dataset dataset = testing::base_dataset({testing::speed("2day", 48, 0.95, 1.0)});
  testing::add_node(dataset, "FC_A", network::NodeType::kFc, 41.0, -88.0);
  testing::add_node(dataset, "FC_B", network::NodeType::kFc, 33.0, -97.0);
  testing::add_region(dataset, "B", 33.0, -97.0);
  auto& lanes = dataset.network.lanes;
  lanes.push_back({VendorIndex(0), NodeIndex::invalid(), NodeIndex(0), 5.0, 0.0, 0.0, 0.0});
  lanes.push_back({VendorIndex(0), NodeIndex::invalid(), NodeIndex(1), 5.0, 0.0, 0.0, 0.0});
  dataset.network.delivery.push_back({NodeIndex(1), RegionIndex(0), SpeedIndex(0), 1.0, 24.0});
  dataset.network.delivery.push_back({NodeIndex(0), RegionIndex(0), SpeedIndex(0), 2.0, 24.0});
  testing::add_sku(dataset, "S1", 10.0, 20.0, 5.0, 0.0);
  testing::fill_history(dataset, 5, [](std::size_t, int day, std::size_t, std::size_t) { return day == 0 ? 3.0 : 0.0; });
  ServingNetwork serving(dataset.network, dataset.config.order_hour_profile);
  StockPlan plan(dataset, 1);
  plan.set(SkuIndex(0), NodeIndex(0), 0, 10.0, 0.0);
  plan.set(SkuIndex(0), NodeIndex(1), 0, 10.0, 0.0);
  DemandSource demand = DemandSource::replay(dataset, dataset.demand.first_date);
  PolicyRun run{"ranked", &plan, &serving, FulfillmentRule::kGreedy, false};
  Kpis greedy = simulate_run(dataset, run, demand, {.days = 1, .warmup_days = 0}, 0, 1);
  EXPECT_DOUBLE_EQ(greedy.nodes[0].outbound_units, 0.0);
  EXPECT_DOUBLE_EQ(greedy.nodes[1].outbound_units, 3.0);
  plan.set_fulfill_charge(SkuIndex(0), NodeIndex(1), 0, 5.0);
  ASSERT_TRUE(plan.ranks_options());
  Kpis ranked = simulate_run(dataset, run, demand, {.days = 1, .warmup_days = 0}, 0, 1);
  EXPECT_DOUBLE_EQ(ranked.nodes[0].outbound_units, 3.0);
  EXPECT_DOUBLE_EQ(ranked.nodes[1].outbound_units, 0.0);
  EXPECT_DOUBLE_EQ(ranked.lost_units, 0.0);
}

}  // namespace
}  // namespace echelon::simulate

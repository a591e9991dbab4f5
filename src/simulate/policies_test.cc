// SPDX-License-Identifier: Apache-2.0
#include "simulate/policies.h"

#include <gtest/gtest.h>

#include "inventory/distribution.h"
#include "inventory/service_level.h"
#include "simulate/compare.h"
#include "simulate/planner_policy.h"
#include "simulate/test_datasets.h"

namespace echelon::simulate {
namespace {

TEST(BaseStockLevel, IsInventoryModelsFillRateLevel) {
  // Review 1 day, lead 3 days, Poisson 4 a day.
  double level = base_stock_level(4.0, 4.0, 3.0, 1, 0.95);
  auto per_day = inventory::Distribution::poisson(4.0);
  EXPECT_GE(inventory::base_stock_fill_rate(per_day, 3.0, level), 0.95);
  EXPECT_LT(inventory::base_stock_fill_rate(per_day, 3.0, level - 1.0), 0.95);
  EXPECT_DOUBLE_EQ(base_stock_level(0.0, 0.0, 3.0, 1, 0.95), 0.0);
}

TEST(FirstChoiceLoads, SplitCellsByBucketToTheFirstEligibleNode) {
  network::Dataset dataset = testing::small_network_dataset(50, 1);
  ServingNetwork serving(dataset.network, dataset.config.order_hour_profile);
  DemandModel model = estimate_demand_model(dataset, dataset.demand.last_date + 1, 50);
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    auto loads = first_choice_loads(dataset, model, serving, sku, {0.9, 0.95, 0.97});
    double total = 0.0;
    for (const NodeLoad& load : loads) total += load.mean;
    EXPECT_NEAR(total, model.total_mean(sku), 1e-9);
    EXPECT_DOUBLE_EQ(loads[0].mean, 0.0);  // the DC serves no region
  }
  // Region A same-day orders before 13:00 go to SD_A; later ones are first served by SD_A's
  // 1-day option as a downgrade (fallback), so SD_A carries all of region A's same-day demand.
  auto loads = first_choice_loads(dataset, model, serving, SkuIndex(0), {0.9, 0.95, 0.97});
  double sameday_a = 0.0;
  for (const CellDemand& cell : model.cells(SkuIndex(0))) {
    if (cell.cell == 0) sameday_a = cell.mean;
  }
  EXPECT_GE(loads[3].mean, sameday_a - 1e-9);
}

TEST(NationalPolicy, ServesEveryRegionFromTheDcAtTwoDays) {
  network::Dataset dataset = testing::small_network_dataset(50, 1);
  auto policy = make_national_policy();
  auto net = policy->serving_network(dataset);
  ASSERT_TRUE(net.has_value());
  ServingNetwork serving(*net, dataset.config.order_hour_profile);
  for (const network::DemandClass& demand_class : serving.classes()) {
    bool dc_listed = false;
    for (const auto& option : demand_class.eligible) dc_listed |= option.node == NodeIndex(0);
    for (const auto& option : demand_class.fallback) dc_listed |= option.node == NodeIndex(0);
    EXPECT_TRUE(dc_listed);
  }
  DemandModel model = estimate_demand_model(dataset, dataset.demand.last_date + 1, 50);
  StockPlan plan = policy->plan(dataset, model, serving, {1.0, 1.0, 1.0});
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    EXPECT_GT(plan.order_up_to(sku, NodeIndex(0), 0), 0.0);
    for (std::size_t node = 1; node < 4; ++node) EXPECT_EQ(plan.order_up_to(sku, NodeIndex(node), 0), 0.0);
  }
}

TEST(Compare, CalibratesBaselinesToTargetsAndBoundsCostByTheFloor) {
  network::Dataset dataset = testing::small_network_dataset(400, 2);
  std::vector<std::unique_ptr<Policy>> policies;
  PlannerPolicyOptions planner;
  planner.lagrangian.max_iterations = 3;
  policies.push_back(make_echelon_planner_policy(planner));
  policies.push_back(make_single_echelon_policy());
  policies.push_back(make_perfect_information_policy());
  CompareOptions options;
  options.simulation = {.days = 120, .warmup_days = 20, .replications = 3};
  options.training_days = 180;
  options.calibration_days = 360;
  RunContext ctx(RunOptions{.threads = 2, .seed = 3, .log_level = LogLevel::kWarn});
  Comparison comparison = run_comparison(dataset, policies, options, ctx);
  ASSERT_EQ(comparison.policies.size(), 3u);
  const PolicyResult& single = comparison.policies[1];
  const PolicyResult& floor = comparison.policies[2];
  EXPECT_TRUE(single.targets_met_in_calibration);
  // The binding speed meets its target in calibration, within the step one unit of stock makes
  // on a network this small (three SKUs).
  double binding = *std::min_element(single.calibration_margin.begin(), single.calibration_margin.end());
  EXPECT_GE(binding, 0.0);
  EXPECT_LE(binding, 0.03);
  for (std::size_t rep = 0; rep < 3; ++rep) {
    // The floor loses nothing, ships everything on time from first choices and holds no stock.
    EXPECT_EQ(floor.replications[rep].lost_units, 0.0);
    EXPECT_EQ(floor.replications[rep].cost.holding, 0.0);
    EXPECT_LE(floor.replications[rep].cost.controllable(), single.replications[rep].cost.controllable());
    EXPECT_EQ(floor.replications[rep].demanded(), single.replications[rep].demanded());
  }
  ComparisonTable table = comparison_table(comparison, dataset.network.speeds);
  std::vector<std::string> head(table.header.begin(), table.header.begin() + 12);
  EXPECT_EQ(head, (std::vector<std::string>{"total_cost", "purchase_cost", "holding_cost", "inbound_cost",
                                            "outbound_cost", "downgrade_cost", "lost_sale_cost",
                                            "avg_stock_value", "lost_units", "in_region_fill",
                                            "on_time_sameday", "fill_sameday"}));
  // comparison.csv's columns: the contract's 10 + 2 per speed, then 7 cost half-widths.
  EXPECT_EQ(table.contract_columns, 10u + 2u * 3u + 7u);
  EXPECT_EQ(table.header[table.contract_columns - 1], "lost_sale_cost_ci");
  EXPECT_EQ(table.header[table.contract_columns], "controllable_cost");
  auto paired = paired_differences(comparison, "single_echelon");
  ASSERT_EQ(paired.size(), 2u);
  EXPECT_EQ(paired[0].policy, "echelon");
}

}  // namespace
}  // namespace echelon::simulate

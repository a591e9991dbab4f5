// SPDX-License-Identifier: Apache-2.0
// The SKU solver on the bundled example network: bounds bracket the models, every tier appears,
// results are reproducible, and prices move levels the way they should.
#include "optimize/sku_solver.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "inventory/loss_function.h"
#include "optimize/example_network_test_util.h"

namespace echelon::optimize {
namespace {

using testing::Example;
using testing::example;

TEST(SkuSolver, BoundsBracketTheModelsOnEverySku) {
  const Example& data = example();
  Prices prices = Prices::zero(data.dataset.network.node_count(), data.planning.speed_count());
  SkuSolverOptions options;
  int tiers[3] = {0, 0, 0};
  for (SkuIndex sku : all<SkuIndex>(data.dataset.sku_count())) {
    SkuPlan plan = solve_sku(data.planning, sku, data.rates.of(sku), prices, options);
    tiers[static_cast<int>(plan.tier)]++;
    double scale = 1e-7 * (1.0 + std::abs(plan.policy_priced));
    ASSERT_LE(plan.lower_bound_priced, plan.relaxed_priced + scale) << data.dataset.skus[sku].id;
    ASSERT_LE(plan.relaxed_priced, plan.policy_priced + scale) << data.dataset.skus[sku].id;
    ASSERT_TRUE(plan.vendor.valid());
    // What the DCs receive is what the stocking nodes ship (no stock appears or vanishes).
    double shipped_to_customers = 0.0;
    double dc_out = 0.0;
    for (const NodeLevel& level : plan.levels) {
      bool is_dc = data.dataset.network.nodes[level.node].type == network::NodeType::kDc;
      (is_dc ? dc_out : shipped_to_customers) += level.shipped_per_day;
    }
    ASSERT_NEAR(dc_out, shipped_to_customers, 1e-9);
  }
  EXPECT_GT(tiers[0], 0);
  EXPECT_GT(tiers[1], 0);
  EXPECT_GT(tiers[2], 0);
}

TEST(SkuSolver, LeastDcStockHoldsHalfTheSmallestOrderAndNeverExceedsThePlans) {
  // A slow SKU's DC order is the vendor's MOQ (in case packs), not a review cycle's flow: half of
  // it is on hand on average whatever the flow, so it is part of the least DC stock per unit.
  const Example& data = example();
  const network::Dataset& dataset = data.dataset;
  SkuSolverOptions options;
  const double z = 1.6448536269514722;  // 95% cycle service
  const double review = dataset.config.review_period_days;
  Prices prices = Prices::zero(dataset.network.node_count(), data.planning.speed_count());
  for (NodeIndex dc : data.planning.dcs) prices.storage[dc.value()] = 2.0;
  int moq_bound = 0;
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    double demand = 0.0;
    double variance = 0.0;
    for (const DemandRate& rate : data.rates.of(sku)) {
      demand += rate.mean_per_day;
      variance += rate.variance_per_day;
    }
    if (demand <= 0.0) continue;
    SkuProblem problem = build_sku_problem(data.planning, sku, data.rates.of(sku), tier_of(demand, options), options);
    for (const CandidateNode& candidate : problem.nodes) {
      if (!candidate.feeder.valid()) continue;
      double least = std::numeric_limits<double>::infinity();
      for (const network::SourcingOption& option : dataset.sourcing_of(sku)) {
        LaneIndex lane = dataset.network.lane_from_vendor(option.vendor, candidate.feeder);
        if (!lane.valid()) continue;
        const network::Lane& route = dataset.network.lanes[lane];
        double lead = option.lead_time_days_mean + route.transit_days_mean;
        double lead_sd = std::hypot(option.lead_time_days_sd, route.transit_days_sd);
        double smallest = std::ceil(std::max(option.moq, option.case_pack) / option.case_pack) * option.case_pack;
        double cycle = std::max(review * demand, smallest) / 2.0;
        double safety = z * std::sqrt(variance * (lead + review) + demand * demand * lead_sd * lead_sd);
        least = std::min(least, (cycle + safety) / demand);
        moq_bound += smallest > review * demand ? 1 : 0;
      }
      ASSERT_NEAR(candidate.feeder_stock_days, least, 1e-9 * least) << dataset.skus[sku].id;
    }
    // The plan's DC stock is never below what the FC layer already counted for it.
    SkuPlan plan = solve_sku(data.planning, sku, data.rates.of(sku), prices, options);
    EXPECT_GE(plan.upstream_extra(), -1e-9) << dataset.skus[sku].id;
    EXPECT_GE(plan.dc_priced_extra, -1e-9) << dataset.skus[sku].id;
  }
  EXPECT_GT(moq_bound, 0);  // the example has SKUs whose smallest order exceeds a cycle's flow
}

TEST(SkuSolver, TradedDcLevelIsLowerAndItsNodesWaitForIt) {
  // With the DC's cycle service traded against its children's holding (dc_level.h) the DC keeps
  // less safety stock, and its nodes' protection interval covers the delay that costs them.
  const Example& data = example();
  const network::Dataset& dataset = data.dataset;
  SkuSolverOptions fixed;
  SkuSolverOptions traded;
  traded.dc_cycle_service = 0.0;
  Prices prices = Prices::zero(dataset.network.node_count(), data.planning.speed_count());
  int longer = 0;
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    double demand = 0.0;
    for (const DemandRate& rate : data.rates.of(sku)) demand += rate.mean_per_day;
    if (demand <= 0.0) continue;
    const Tier tier = tier_of(demand, fixed);
    SkuProblem before = build_sku_problem(data.planning, sku, data.rates.of(sku), tier, fixed);
    SkuProblem after = build_sku_problem(data.planning, sku, data.rates.of(sku), tier, traded);
    ASSERT_GE(after.protection_days, before.protection_days) << dataset.skus[sku].id;
    longer += after.protection_days > before.protection_days ? 1 : 0;
    for (std::size_t candidate = 0; candidate < after.nodes.size(); ++candidate) {
      EXPECT_LE(after.nodes[candidate].feeder_stock_days, before.nodes[candidate].feeder_stock_days + 1e-12);
    }
    SkuPlan plan = solve_sku(data.planning, sku, data.rates.of(sku), prices, traded);
    EXPECT_GE(plan.upstream_extra(), -1e-9) << dataset.skus[sku].id;
    const network::SourcingOption& option = dataset.sourcing_of(sku)[plan.sourcing_option];
    for (const NodeLevel& level : plan.levels) {
      if (dataset.network.nodes[level.node].type != network::NodeType::kDc) continue;
      // S = F (L + R) + z sd at z = Phi^-1(h_child / (h_dc + h_child)), at least the median.
      const network::Lane& route = dataset.network.lanes[dataset.network.lane_from_vendor(option.vendor, level.node)];
      const double lead = option.lead_time_days_mean + route.transit_days_mean;
      const double lead_sd = std::hypot(option.lead_time_days_sd, route.transit_days_sd);
      const double flow = level.shipped_per_day;
      const double ratio = plan.variance_per_day / plan.demand_per_day;
      const double protection = lead + dataset.config.review_period_days;
      const double sd = std::sqrt(flow * ratio * protection + flow * flow * lead_sd * lead_sd);
      const double rate = data.planning.holding_rate[level.node.value()];
      double children = 0.0;
      int fed = 0;
      for (const CandidateNode& candidate : after.nodes) {
        if (candidate.feeder != level.node) continue;
        children += data.planning.holding_rate[candidate.node.value()];
        ++fed;
      }
      children /= std::max(1, fed);
      const double service = std::max(0.5, children / (rate + children));
      const double z = inventory::standard_normal_quantile(service);
      EXPECT_NEAR(level.relaxed_level, flow * protection + z * sd, 1e-9 * (1.0 + level.relaxed_level));
      EXPECT_LT(z, 1.6448536269514722);
    }
  }
  EXPECT_GT(longer, 0);  // some SKUs' nodes now plan for a longer wait
}

TEST(SkuSolver, Reproducible) {
  const Example& data = example();
  Prices prices = Prices::zero(data.dataset.network.node_count(), data.planning.speed_count());
  SkuSolverOptions options;
  for (std::size_t index : {0u, 7u, 42u}) {
    SkuIndex sku(index);
    SkuPlan first = solve_sku(data.planning, sku, data.rates.of(sku), prices, options);
    SkuPlan second = solve_sku(data.planning, sku, data.rates.of(sku), prices, options);
    EXPECT_EQ(first.policy_priced, second.policy_priced);
    ASSERT_EQ(first.levels.size(), second.levels.size());
    for (std::size_t entry = 0; entry < first.levels.size(); ++entry) {
      EXPECT_EQ(first.levels[entry].order_up_to, second.levels[entry].order_up_to);
    }
  }
}

TEST(SkuSolver, StoragePriceMovesStockAway) {
  // Pricing storage at the node holding the most stock of the fastest SKU lowers its level there.
  const Example& data = example();
  SkuIndex fastest(0);
  double best = -1.0;
  for (SkuIndex sku : all<SkuIndex>(data.dataset.sku_count())) {
    double rate = 0.0;
    for (const auto& entry : data.rates.of(sku)) rate += entry.mean_per_day;
    if (rate > best) {
      best = rate;
      fastest = sku;
    }
  }
  Prices prices = Prices::zero(data.dataset.network.node_count(), data.planning.speed_count());
  SkuSolverOptions options;
  SkuPlan base = solve_sku(data.planning, fastest, data.rates.of(fastest), prices, options);
  NodeLevel top = base.levels.front();
  for (const NodeLevel& level : base.levels) {
    if (data.dataset.network.nodes[level.node].type != network::NodeType::kDc &&
        level.order_up_to > top.order_up_to) {
      top = level;
    }
  }
  prices.storage[top.node.value()] = 1000.0;
  SkuPlan priced = solve_sku(data.planning, fastest, data.rates.of(fastest), prices, options);
  double after = 0.0;
  for (const NodeLevel& level : priced.levels) {
    if (level.node == top.node) after = level.order_up_to;
  }
  EXPECT_LT(after, top.order_up_to);
}

}  // namespace
}  // namespace echelon::optimize

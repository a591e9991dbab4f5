// SPDX-License-Identifier: Apache-2.0
// The SKU solver on the bundled example network: bounds bracket the models, every tier appears,
// results are reproducible, and prices move levels the way they should.
#include "optimize/sku_solver.h"

#include <gtest/gtest.h>

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

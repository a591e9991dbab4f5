// SPDX-License-Identifier: Apache-2.0
// The restricted master LP against its dual computed by hand (one coupling row: the dual
// function's maximum lies at a breakpoint, all of which are enumerated), against brute-force
// enumeration of every whole choice, and in the planner: after repair it never makes the plan
// dearer on the example network.
#include "optimize/plan_columns.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "optimize/example_network_test_util.h"
#include "optimize/lagrangian.h"

namespace echelon::optimize {
namespace {

struct Option {
  double cost;
  double use;
};

// SKUs with options (cost, use of the one coupling row, row 0).
MasterColumns one_row_columns(const std::vector<std::vector<Option>>& skus) {
  MasterColumns columns;
  columns.entry_offset.push_back(0);
  for (const auto& options : skus) {
    columns.column_count.push_back(static_cast<std::uint32_t>(options.size()));
    columns.center.push_back(0);
    for (const Option& option : options) {
      columns.cost.push_back(option.cost);
      columns.entries.push_back({0, static_cast<float>(option.use)});
      columns.entry_offset.push_back(columns.entries.size());
    }
  }
  return columns;
}

// max over prices p >= 0 of sum_k min_j (c_kj + p u_kj) - p b: concave and piecewise linear, so
// its maximum is at p = 0 or where two options of one SKU tie.
double dual_by_breakpoints(const std::vector<std::vector<Option>>& skus, double limit) {
  std::vector<double> prices{0.0};
  for (const auto& options : skus) {
    for (const Option& a : options) {
      for (const Option& b : options) {
        if (b.use < a.use) prices.push_back((b.cost - a.cost) / (a.use - b.use));
      }
    }
  }
  double best = -std::numeric_limits<double>::infinity();
  for (double price : prices) {
    if (price < 0.0) continue;
    double value = -price * limit;
    for (const auto& options : skus) {
      double cheapest = std::numeric_limits<double>::infinity();
      for (const Option& option : options) cheapest = std::min(cheapest, option.cost + price * static_cast<float>(option.use));
      value += cheapest;
    }
    best = std::max(best, value);
  }
  return best;
}

TEST(RestrictedMaster, MatchesTheDualAndRoundsOneSkuAtMost) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> cost(1.0, 10.0), use(0.0, 5.0);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<std::vector<Option>> skus(6);
    double smallest = 0.0, cheapest_use = 0.0;
    for (auto& options : skus) {
      options.resize(3);
      for (Option& option : options) option = {cost(random), use(random)};
      smallest += std::min_element(options.begin(), options.end(), [](auto& a, auto& b) { return a.use < b.use; })->use;
      cheapest_use += std::min_element(options.begin(), options.end(), [](auto& a, auto& b) { return a.cost < b.cost; })->use;
    }
    // A limit between the least use and the use of the cheapest options: the row binds.
    const double limit = smallest + 0.5 * (cheapest_use - smallest);
    MasterColumns columns = one_row_columns(skus);
    std::vector<double> fixed{0.0}, limits{limit};
    std::vector<char> at_least{0};
    MasterChoice choice = solve_restricted_master(columns, fixed, limits, at_least, 0.0);
    ASSERT_TRUE(choice.solved);
    EXPECT_NEAR(choice.excess, 0.0, 1e-9) << "trial " << trial;
    EXPECT_NEAR(choice.cost, dual_by_breakpoints(skus, limit), 1e-6) << "trial " << trial;

    // Every whole choice (3^6): none that fits is cheaper than the LP; the rounded choice
    // overuses the row by at most one SKU's spread of use (a basic solution has at most one
    // fractional SKU per coupling row).
    double best_whole = std::numeric_limits<double>::infinity();
    for (int code = 0; code < 729; ++code) {
      double total_cost = 0.0, total_use = 0.0;
      for (int sku = 0, rest = code; sku < 6; ++sku, rest /= 3) {
        total_cost += skus[sku][rest % 3].cost;
        total_use += static_cast<float>(skus[sku][rest % 3].use);
      }
      if (total_use <= limit) best_whole = std::min(best_whole, total_cost);
    }
    EXPECT_LE(choice.cost, best_whole + 1e-9);
    double rounded_use = 0.0, spread = 0.0;
    for (std::size_t sku = 0; sku < skus.size(); ++sku) {
      rounded_use += static_cast<float>(skus[sku][choice.column[sku]].use);
      for (const Option& a : skus[sku]) {
        for (const Option& b : skus[sku]) spread = std::max(spread, a.use - b.use);
      }
    }
    EXPECT_LE(rounded_use, limit + spread + 1e-6);
  }
}

TEST(RestrictedMaster, NearTiesKeepThePlanInHand) {
  // The second option is cheaper by less than the switch cost (1e-4 of 10): kept; with no
  // switch cost it is taken. The row does not bind.
  std::vector<std::vector<Option>> skus{{{10.0, 1.0}, {9.9995, 1.0}}};
  MasterColumns columns = one_row_columns(skus);
  std::vector<double> fixed{0.0}, limits{5.0};
  std::vector<char> at_least{0};
  EXPECT_EQ(solve_restricted_master(columns, fixed, limits, at_least).column[0], 0);
  EXPECT_EQ(solve_restricted_master(columns, fixed, limits, at_least, 0.0).column[0], 1);
}

TEST(RestrictedMaster, ElasticWhenNoMixFitsAndTakesTheLeastUse) {
  // Two SKUs whose least use already exceeds the limit: the LP takes it and reports the excess.
  std::vector<std::vector<Option>> skus{{{1.0, 4.0}, {5.0, 2.0}}, {{1.0, 3.0}, {9.0, 1.0}}};
  MasterColumns columns = one_row_columns(skus);
  std::vector<double> fixed{0.5}, limits{2.5};
  std::vector<char> at_least{0};
  MasterChoice choice = solve_restricted_master(columns, fixed, limits, at_least, 0.0);
  ASSERT_TRUE(choice.solved);
  EXPECT_EQ(choice.column[0], 1);
  EXPECT_EQ(choice.column[1], 1);
  EXPECT_NEAR(choice.excess, (0.5 + 2.0 + 1.0 - 2.5) / 2.5, 1e-6);
  EXPECT_NEAR(choice.cost, 14.0, 1e-6);
}

TEST(RestrictedMaster, AnOnTimeTargetIsALowerLimit) {
  // Row 0 counts on-time units, at least 5: the cheap option delivers 2, the dear one 6.
  std::vector<std::vector<Option>> skus{{{1.0, 2.0}, {4.0, 6.0}}};
  MasterColumns columns = one_row_columns(skus);
  std::vector<double> fixed{0.0}, limits{5.0};
  std::vector<char> at_least{1};
  MasterChoice choice = solve_restricted_master(columns, fixed, limits, at_least, 0.0);
  ASSERT_TRUE(choice.solved);
  // 0.25 x 1 + 0.75 x 4 delivers exactly 5.
  EXPECT_NEAR(choice.cost, 3.25, 1e-9);
  EXPECT_EQ(choice.column[0], 1);
}

TEST(RestrictedMaster, KeepsTheWidestSkusAndFixesTheOthersAtTheirCenter) {
  // Cost spreads 1, 5, 3: with room for two, SKUs 1 and 2 stay; SKU 0's center (its second
  // option, use 4) joins the fixed use.
  std::vector<std::vector<Option>> skus{{{2.0, 1.0}, {3.0, 4.0}}, {{1.0, 1.0}, {6.0, 0.0}}, {{4.0, 2.0}, {1.0, 3.0}}};
  MasterColumns columns = one_row_columns(skus);
  columns.center[0] = 1;
  std::vector<double> fixed{0.5};
  const std::vector<std::size_t> kept = keep_widest(columns, 2, fixed);
  EXPECT_EQ(kept, (std::vector<std::size_t>{1, 2}));
  EXPECT_DOUBLE_EQ(fixed[0], 4.5);
  ASSERT_EQ(columns.column_count.size(), 2u);
  EXPECT_EQ(columns.cost, (std::vector<double>{1.0, 6.0, 4.0, 1.0}));
  EXPECT_EQ(columns.entry_offset.back(), 4u);
  EXPECT_EQ(keep_widest(columns, 2, fixed).size(), 2u);
}

TEST(PlanColumns, KeepsEachDistinctPlanOnceAndFollowsTheCenter) {
  CapacityState state;
  state.limit = {{1.0, 1.0, 1.0}, {1.0, 1.0, std::numeric_limits<double>::infinity()}};
  auto plan = [](std::uint64_t sku, double cost, double storage) {
    SkuPlan result;
    result.sku = SkuIndex(sku);
    result.purchase = cost;
    result.storage_m3 = {storage, 0.0};
    result.inbound_units = {1.0, 0.0};
    result.outbound_units = {1.0, 2.0};  // node 1's outbound has no limit: not a row
    return result;
  };
  PlanColumns columns(10, 2, state, false);
  Prices prices = Prices::zero(2, 0);
  columns.add({plan(10, 1.0, 0.5), plan(11, 2.0, 0.5)}, prices, true);
  columns.add({plan(10, 1.0, 0.5), plan(11, 3.0, 0.25)}, prices, false);
  columns.add({plan(10, 1.0, 0.5), plan(11, 2.0, 0.5)}, prices, false);
  EXPECT_EQ(columns.column_count(), 3u);
  ASSERT_EQ(columns.columns_of(0).size(), 1u);
  ASSERT_EQ(columns.columns_of(1).size(), 2u);
  EXPECT_EQ(columns.center_of(1), 0u);
  columns.add_some({plan(11, 3.0, 0.25)}, prices);
  EXPECT_EQ(columns.column_count(), 3u);
  columns.add({plan(10, 1.0, 0.5), plan(11, 3.0, 0.25)}, prices, true);
  EXPECT_EQ(columns.center_of(1), 1u);
  EXPECT_EQ(columns.columns_of(1)[1].price_id, 1u);
  // storage, inbound, outbound of node 0 and inbound of node 1 are rows; node 1's outbound not.
  EXPECT_EQ(columns.entries_of(columns.columns_of(1)[1]).size(), 3u);
}

TEST(LagrangianSolver, RestrictedMasterNeverMakesTheExamplePlanDearer) {
  const testing::Example& data = testing::example();
  auto plan = [&](bool restricted_master) {
    LagrangianOptions options;
    options.max_iterations = 8;
    options.gap_target = 0.0;
    options.restricted_master = restricted_master;
    RunContext ctx(RunOptions{.threads = 2, .seed = 3, .log_level = LogLevel::kOff});
    options.sku.seed = ctx.seed();
    return LagrangianSolver(data.planning, data.rates, options).solve(ctx, nullptr);
  };
  LagrangianResult without = plan(false);
  LagrangianResult with = plan(true);
  ASSERT_NE(with.status, SolveStatus::kInfeasible);
  EXPECT_EQ(with.lower_bound, without.lower_bound);
  EXPECT_LE(with.plan_cost, without.plan_cost + 1e-9);
  EXPECT_LE(largest_overuse(with.capacity), kFeasibleOveruse);
  // The example needs repair (its FC storage is overused at the prices), so the LP runs.
  EXPECT_TRUE(std::any_of(with.notes.begin(), with.notes.end(),
                          [](const std::string& note) { return note.starts_with("restricted master"); }));
}

}  // namespace
}  // namespace echelon::optimize

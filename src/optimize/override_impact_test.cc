// SPDX-License-Identifier: Apache-2.0
// Planner overrides on the bundled example network: a fixed level binds and its cost impact is
// the difference of two independent solves; a bound that does not bind changes nothing and
// costs nothing; forecast_scale scales planned demand by its factor inside its window only.
#include "optimize/override_impact.h"

#include <gtest/gtest.h>

#include "network/overrides.h"
#include "optimize/example_network_test_util.h"

namespace echelon::optimize {
namespace {

using testing::example;

// Unpriced cost per day of a SKU plan, summed from its parts.
double unpriced_cost(const SkuPlan& plan) {
  const Outcome& outcome = plan.outcome;
  return outcome.holding + outcome.shipping + outcome.inbound + outcome.downgrade + outcome.lost_sale +
         plan.dc_holding + plan.vendor_inbound + plan.purchase;
}

// The first stocking node where `plan` holds a positive level.
const NodeLevel& first_stocked(const SkuPlan& plan, const PlanningNetwork& planning) {
  for (const NodeLevel& level : plan.levels) {
    for (NodeIndex node : planning.stocking) {
      if (level.node == node && level.order_up_to > 0.0) return level;
    }
  }
  ADD_FAILURE() << "no stocked node";
  return plan.levels.front();
}

network::Override level_rule(SkuIndex sku, network::OverrideKind kind, NodeIndex node, double value) {
  network::Override rule;
  rule.sku = sku;
  rule.kind = kind;
  rule.node = node;
  rule.value = value;
  return rule;
}

class OverrideImpactTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bare_ = example().dataset;
    bare_.overrides.clear();
    bare_planning_ = build_planning_network(bare_);
    prices_ = Prices::zero(bare_.network.node_count(), bare_planning_.speed_count());
  }
  [[nodiscard]] SkuPlan solve_bare(SkuIndex sku) const {
    return solve_sku(bare_planning_, sku, rates().of(sku), prices_, options_);
  }
  [[nodiscard]] const DemandRates& rates() const { return example().rates; }

  network::Dataset bare_;
  PlanningNetwork bare_planning_;
  Prices prices_;
  SkuSolverOptions options_;
};

TEST_F(OverrideImpactTest, FixedLevelCostsTheDifferenceOfTheTwoSolves) {
  const SkuIndex forced(7);
  const SkuIndex loose(42);
  const SkuPlan forced_free = solve_bare(forced);
  const SkuPlan loose_free = solve_bare(loose);
  const NodeLevel& forced_level = first_stocked(forced_free, bare_planning_);
  const NodeLevel& loose_level = first_stocked(loose_free, bare_planning_);
  const double fixed = forced_level.order_up_to + 5.0;

  network::Dataset dataset = bare_;
  dataset.overrides.push_back(level_rule(forced, network::OverrideKind::kFixedLevel, forced_level.node, fixed));
  dataset.overrides.push_back(level_rule(loose, network::OverrideKind::kMaxLevel, loose_level.node, 1e6));
  const PlanningNetwork planning = build_planning_network(dataset);
  RunContext ctx(RunOptions{.threads = 2, .log_level = LogLevel::kOff});
  const OverrideImpact impact = assess_overrides(planning, rates(), rates(), prices_, options_, ctx);

  // The reference: the forced SKU solved with its override, independently of the assessment.
  const SkuPlan forced_planned = solve_sku(planning, forced, rates().of(forced), prices_, options_);
  const double expected_impact = unpriced_cost(forced_planned) - unpriced_cost(forced_free);
  ASSERT_EQ(impact.effects.size(), 2U);
  const OverrideEffect& fixed_effect = impact.effects[0];
  EXPECT_TRUE(fixed_effect.changed);
  EXPECT_EQ(fixed_effect.level_with, fixed);
  EXPECT_EQ(fixed_effect.level_without, forced_level.order_up_to);
  EXPECT_GT(expected_impact, 0.0);  // forcing a level away from the optimum costs money
  EXPECT_NEAR(impact.cost_of(forced).impact(), expected_impact, 1e-9 * (1.0 + std::abs(expected_impact)));
  EXPECT_NEAR(impact.cost_of(forced).cost_without, unpriced_cost(forced_free), 1e-9);

  const OverrideEffect& loose_effect = impact.effects[1];
  EXPECT_FALSE(loose_effect.changed);
  EXPECT_EQ(loose_effect.level_with, loose_level.order_up_to);
  EXPECT_EQ(loose_effect.level_without, loose_level.order_up_to);
  EXPECT_EQ(impact.cost_of(loose).impact(), 0.0);

  EXPECT_EQ(impact.changed, 1U);
  EXPECT_NEAR(impact.cost_impact_per_day, expected_impact, 1e-9 * (1.0 + std::abs(expected_impact)));
}

TEST_F(OverrideImpactTest, ExcludedNodeHoldsNothingAndAssessmentIsThreadIndependent) {
  const SkuIndex sku(7);
  const SkuPlan free = solve_bare(sku);
  const NodeLevel& stocked = first_stocked(free, bare_planning_);
  network::Dataset dataset = bare_;
  dataset.overrides.push_back(level_rule(sku, network::OverrideKind::kExcludeNode, stocked.node, 1.0));
  const PlanningNetwork planning = build_planning_network(dataset);
  RunContext one(RunOptions{.threads = 1, .log_level = LogLevel::kOff});
  RunContext two(RunOptions{.threads = 2, .log_level = LogLevel::kOff});
  const OverrideImpact first = assess_overrides(planning, rates(), rates(), prices_, options_, one);
  const OverrideImpact second = assess_overrides(planning, rates(), rates(), prices_, options_, two);
  ASSERT_EQ(first.effects.size(), 1U);
  EXPECT_TRUE(first.effects[0].changed);
  EXPECT_EQ(first.effects[0].level_with, 0.0);
  EXPECT_EQ(first.effects[0].level_without, stocked.order_up_to);
  EXPECT_EQ(first.cost_impact_per_day, second.cost_impact_per_day);
}

TEST(ForecastScale, ScalesRatesByTheWindowsShareOfTheHorizon) {
  const DemandRates& rates = example().rates;
  const Date first = example().dataset.planning_date();
  network::Override promotion;
  promotion.sku = SkuIndex(7);
  promotion.kind = network::OverrideKind::kForecastScale;
  promotion.value = 2.0;
  promotion.start_date = first + 7;  // days 7..13 of 28: a quarter of the horizon
  promotion.end_date = first + 13;
  network::Override past = promotion;
  past.sku = SkuIndex(42);
  past.start_date = first - 30;
  past.end_date = first - 1;
  const std::vector<network::Override> rules{promotion, past};
  const DemandRates scaled = scale_rates(rates, rules, first, 28);
  for (SkuIndex sku : all<SkuIndex>(example().dataset.sku_count())) {
    // Mean factor (21 + 2 x 7) / 28; variance factor (21 + 4 x 7) / 28.
    const double mean_factor = sku == promotion.sku ? 1.25 : 1.0;
    const double variance_factor = sku == promotion.sku ? 1.75 : 1.0;
    ASSERT_EQ(scaled.of(sku).size(), rates.of(sku).size());
    for (std::size_t cell = 0; cell < rates.of(sku).size(); ++cell) {
      EXPECT_DOUBLE_EQ(scaled.of(sku)[cell].mean_per_day, mean_factor * rates.of(sku)[cell].mean_per_day);
      EXPECT_DOUBLE_EQ(scaled.of(sku)[cell].variance_per_day,
                       variance_factor * rates.of(sku)[cell].variance_per_day);
    }
  }
  EXPECT_GT(rates.of(promotion.sku).size(), 0U);
  // A window before the horizon does not bind the plan at all.
  const std::vector<network::Override> kept = network::overrides_within(rules, first, first + 27);
  ASSERT_EQ(kept.size(), 1U);
  EXPECT_EQ(kept[0].sku, promotion.sku);
}

}  // namespace
}  // namespace echelon::optimize

// SPDX-License-Identifier: Apache-2.0
// What a time-phased plan reports from its weeks: the average week's costs and gap (whose terms
// still add up), and the overrides' impact merged over the weeks each one is in force.
#include <gtest/gtest.h>

#include "optimize/override_impact.h"
#include "optimize/plan_evaluation.h"

namespace echelon::optimize {
namespace {

PlanEvaluation week(double bound, double plan, double purchase, double ci, double on_time) {
  PlanEvaluation evaluation;
  evaluation.lower_bound = bound;
  evaluation.plan_cost = plan;
  evaluation.purchase_cost = purchase;
  evaluation.controllable_cost = plan - purchase;
  evaluation.gap = (plan - bound) / evaluation.controllable_cost;
  // Split the gap in fixed shares: 40% lagrangian, 30% policy, 20% sampling, 10% certificate.
  evaluation.plan_cost_relaxed = bound + 0.5 * (plan - bound);
  evaluation.plan_cost_policy = bound + 0.8 * (plan - bound);
  evaluation.terms = {0.4 * evaluation.gap, 0.3 * evaluation.gap, 0.2 * evaluation.gap, 0.1 * evaluation.gap};
  evaluation.plan_cost_ci = ci;
  evaluation.holding = 0.1 * plan;
  evaluation.demand = {10.0};
  evaluation.on_time = {on_time};
  evaluation.delivered = {10.0};
  return evaluation;
}

TEST(AverageOverWeeks, IsTheAverageWeekWithItsOwnGap) {
  const std::vector<PlanEvaluation> weeks = {week(90.0, 100.0, 60.0, 3.0, 9.0), week(170.0, 200.0, 100.0, 4.0, 8.0)};
  const PlanEvaluation average = average_over_weeks(weeks);
  EXPECT_DOUBLE_EQ(average.lower_bound, 130.0);
  EXPECT_DOUBLE_EQ(average.plan_cost, 150.0);
  EXPECT_DOUBLE_EQ(average.purchase_cost, 80.0);
  EXPECT_DOUBLE_EQ(average.controllable_cost, 70.0);
  EXPECT_DOUBLE_EQ(average.gap, 20.0 / 70.0);
  EXPECT_DOUBLE_EQ(average.holding, 15.0);
  EXPECT_DOUBLE_EQ(average.on_time[0], 8.5);
  // Independent weeks: the mean's half-width is sqrt(3^2 + 4^2) / 2.
  EXPECT_DOUBLE_EQ(average.plan_cost_ci, 2.5);
  // The terms keep their shares of the gap and add up to it.
  EXPECT_NEAR(average.terms.lagrangian, 0.4 * average.gap, 1e-12);
  EXPECT_NEAR(average.terms.certificate, 0.1 * average.gap, 1e-12);
  EXPECT_NEAR(average.terms.lagrangian + average.terms.policy + average.terms.sampling + average.terms.certificate,
              average.gap, 1e-12);
}

TEST(MergeWeekImpacts, ARuleChangedWhenAnyWeekChangedItAndCostsAverageItsWeeks) {
  // Horizon rules 0 (SKU 3, weeks 1-2) and 1 (SKU 5, week 2 only); week 1 knows rule 0 as its 0,
  // week 2 knows rules 0 and 1 as its 0 and 1.
  OverrideImpact first;
  first.effects = {{.rule = 0, .changed = false, .level_with = 4.0, .level_without = 4.0}};
  first.skus = {{.sku = SkuIndex(3), .changed = false, .cost_with = 10.0, .cost_without = 10.0}};
  OverrideImpact second;
  second.effects = {{.rule = 0, .changed = true, .level_with = 9.0, .level_without = 5.0},
                    {.rule = 1, .changed = true, .level_with = 2.0, .level_without = 0.0}};
  second.skus = {{.sku = SkuIndex(3), .changed = true, .cost_with = 14.0, .cost_without = 11.0},
                 {.sku = SkuIndex(5), .changed = true, .cost_with = 7.0, .cost_without = 6.0}};
  const std::vector<OverrideImpact> weeks = {first, second};
  const std::vector<std::vector<std::size_t>> rule_of = {{0}, {0, 1}};
  const OverrideImpact merged = merge_week_impacts(weeks, rule_of, 2);
  ASSERT_EQ(merged.effects.size(), 2U);
  EXPECT_TRUE(merged.effects[0].changed);
  EXPECT_EQ(merged.effects[0].level_with, 4.0);  // its first week
  EXPECT_EQ(merged.effects[1].rule, 1U);
  EXPECT_EQ(merged.changed, 2U);
  ASSERT_EQ(merged.skus.size(), 2U);
  EXPECT_DOUBLE_EQ(merged.cost_of(SkuIndex(3)).cost_with, 12.0);
  EXPECT_DOUBLE_EQ(merged.cost_of(SkuIndex(3)).cost_without, 10.5);
  EXPECT_DOUBLE_EQ(merged.cost_of(SkuIndex(5)).impact(), 1.0);
  // Per day of the two-week horizon: (0 + 3 + 1) / 2.
  EXPECT_DOUBLE_EQ(merged.cost_impact_per_day, 2.0);
}

}  // namespace
}  // namespace echelon::optimize

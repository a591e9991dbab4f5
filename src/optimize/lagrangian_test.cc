// SPDX-License-Identifier: Apache-2.0
// The network planner on the bundled example: bounds bracket the plan, capacities are respected
// after repair, prices are non-negative, and results do not depend on the thread count.
#include "optimize/lagrangian.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "optimize/example_network_test_util.h"
#include "optimize/plan_evaluation.h"

namespace echelon::optimize {
namespace {

using testing::Example;
using testing::example;

LagrangianResult plan_with(int threads, int iterations) {
  const Example& data = example();
  LagrangianOptions options;
  options.max_iterations = iterations;
  options.gap_target = 0.0;
  RunContext ctx(RunOptions{.threads = threads, .seed = 3, .log_level = LogLevel::kOff});
  options.sku.seed = ctx.seed();
  LagrangianSolver solver(data.planning, data.rates, options);
  return solver.solve(ctx, nullptr);
}

TEST(LagrangianSolver, BoundBracketsAFeasiblePlan) {
  const Example& data = example();
  LagrangianResult result = plan_with(2, 6);
  ASSERT_NE(result.status, SolveStatus::kInfeasible) << result.notes.back();
  for (std::size_t node = 0; node < result.capacity.limit.size(); ++node) {
    for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
      EXPECT_LE(result.capacity.use[node][resource],
                result.capacity.limit[node][resource] * (1.0 + 1e-3) + 1e-9);
    }
    EXPECT_GE(result.prices.storage[node], 0.0);
    EXPECT_GE(result.prices.inbound[node], 0.0);
    EXPECT_GE(result.prices.outbound[node], 0.0);
  }
  RunContext ctx(RunOptions{.threads = 2, .seed = 3, .log_level = LogLevel::kOff});
  SkuSolverOptions sku_options;
  sku_options.seed = 3;
  PlanEvaluation evaluation = evaluate_plan(data.planning, data.rates, result, sku_options, ctx);
  // Weak duality: the bound is below the relaxed cost of any feasible plan, which is below its
  // policy cost on the same scenarios.
  EXPECT_LE(evaluation.lower_bound, evaluation.plan_cost_relaxed + 1e-6);
  EXPECT_LE(evaluation.plan_cost_relaxed, evaluation.plan_cost_policy + 1e-6);
  EXPECT_GT(evaluation.controllable_cost, 0.0);
  double terms = evaluation.terms.lagrangian + evaluation.terms.policy + evaluation.terms.sampling +
                 evaluation.terms.certificate;
  EXPECT_NEAR(terms, evaluation.gap, 1e-9);
  EXPECT_GE(evaluation.terms.certificate, -1e-12);
}

TEST(PlanEvaluation, MoreFreshScenariosNarrowThePlanCostsInterval) {
  // The same plan on 64 and on 4 x 64 fresh scenarios a SKU: the 95% interval of the mean
  // narrows by about sqrt(4), the estimates agree within it, and nothing fitted to the
  // optimization scenarios (relaxed and policy cost there, the bound) moves.
  const Example& data = example();
  LagrangianResult result = plan_with(2, 3);
  RunContext ctx(RunOptions{.threads = 2, .seed = 3, .log_level = LogLevel::kOff});
  SkuSolverOptions options;
  options.seed = 3;
  options.evaluation_scale = 1;
  PlanEvaluation few = evaluate_plan(data.planning, data.rates, result, options, ctx);
  options.evaluation_scale = 4;
  PlanEvaluation many = evaluate_plan(data.planning, data.rates, result, options, ctx);
  EXPECT_GT(many.plan_cost_ci, 0.35 * few.plan_cost_ci);
  EXPECT_LT(many.plan_cost_ci, 0.70 * few.plan_cost_ci);
  EXPECT_LT(std::abs(many.plan_cost - few.plan_cost), 2.0 * few.plan_cost_ci);
  EXPECT_EQ(many.plan_cost_relaxed, few.plan_cost_relaxed);
  EXPECT_EQ(many.plan_cost_policy, few.plan_cost_policy);
  EXPECT_EQ(many.lower_bound, few.lower_bound);
}

TEST(LagrangianSolver, IdenticalForAnyThreadCount) {
  LagrangianResult one = plan_with(1, 3);
  LagrangianResult two = plan_with(2, 3);
  ASSERT_EQ(one.skus.size(), two.skus.size());
  EXPECT_EQ(one.lower_bound, two.lower_bound);
  EXPECT_EQ(one.plan_cost, two.plan_cost);
  EXPECT_EQ(one.prices.storage, two.prices.storage);
  for (std::size_t sku = 0; sku < one.skus.size(); ++sku) {
    ASSERT_EQ(one.skus[sku].levels.size(), two.skus[sku].levels.size());
    for (std::size_t entry = 0; entry < one.skus[sku].levels.size(); ++entry) {
      ASSERT_EQ(one.skus[sku].levels[entry].order_up_to, two.skus[sku].levels[entry].order_up_to);
    }
  }
}

// A catalogue above the sample threshold: the first iterations run on the sample, then at most
// full_iterations on every SKU, and the note says so.
TEST(LagrangianSolver, StopsAfterTheFullIterationsThatFollowASample) {
  const Example& data = example();
  LagrangianOptions options;
  options.max_iterations = 30;
  options.gap_target = 0.0;
  options.dual_tolerance = -1.0;  // never stop for convergence
  options.sample_threshold = 100;
  options.sample_iterations = 3;
  options.full_iterations = 2;
  RunContext ctx(RunOptions{.threads = 2, .seed = 3, .log_level = LogLevel::kOff});
  options.sku.seed = ctx.seed();
  LagrangianResult result = LagrangianSolver(data.planning, data.rates, options).solve(ctx, nullptr);
  ASSERT_EQ(result.iterations, 5);
  ASSERT_EQ(result.log.size(), 5u);
  for (std::size_t index = 0; index < result.log.size(); ++index) {
    EXPECT_EQ(result.log[index].sampled, index < 3) << "iteration " << index + 1;
  }
  EXPECT_NE(std::find(result.notes.begin(), result.notes.end(),
                      "2 iterations on the whole catalogue after 3 on a sample"),
            result.notes.end());
  EXPECT_NE(result.status, SolveStatus::kInfeasible);
}

// After a sample, the full iterations stop once two in a row raised the best bound by less than
// full_stall of the controllable cost: with a threshold no rise can reach, after the third; with
// one every step passes, only at full_iterations.
TEST(LagrangianSolver, StopsTheFullIterationsWhenTheBoundStallsAfterASample) {
  const Example& data = example();
  LagrangianOptions options;
  options.max_iterations = 30;
  options.gap_target = 0.0;
  options.dual_tolerance = -1.0;
  options.sample_threshold = 100;
  options.sample_iterations = 3;
  options.full_iterations = 6;
  RunContext ctx(RunOptions{.threads = 2, .seed = 3, .log_level = LogLevel::kOff});
  options.sku.seed = ctx.seed();
  options.full_stall = 1.0;
  LagrangianResult stalled = LagrangianSolver(data.planning, data.rates, options).solve(ctx, nullptr);
  EXPECT_EQ(stalled.iterations, 6);
  EXPECT_NE(std::find(stalled.notes.begin(), stalled.notes.end(),
                      "3 iterations on the whole catalogue after 3 on a sample (the bound had stopped rising)"),
            stalled.notes.end());
  options.full_stall = -1.0;
  LagrangianResult all = LagrangianSolver(data.planning, data.rates, options).solve(ctx, nullptr);
  EXPECT_EQ(all.iterations, 9);
  // The first six iterations are the same in both runs.
  for (std::size_t index = 0; index < stalled.log.size(); ++index) {
    EXPECT_EQ(stalled.log[index].lower_bound, all.log[index].lower_bound) << "iteration " << index + 1;
  }
}

}  // namespace
}  // namespace echelon::optimize

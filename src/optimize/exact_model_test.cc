// SPDX-License-Identifier: Apache-2.0
// The exact reference on a small generated network: the decomposition's lower bound is below the
// exact optimum, the exact optimum is below the decomposition plan's relaxed cost, and that plan
// is within half a percent of it (DESIGN section 5a). FC-layer costs on the same scenarios: the
// DC layer follows the FC flows by the same rule in both methods and is left out of both sides.
#include "optimize/exact_model.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "core/error.h"
#include "io/dataset_reader.h"
#include "io/generate/generator.h"
#include "optimize/plan_evaluation.h"

namespace echelon::optimize {
namespace {

struct Small {
  network::Dataset dataset;
  PlanningNetwork planning;
  DemandRates rates;
};

const Small& small() {
  static const Small* loaded = [] {
    RunContext ctx(RunOptions{.threads = 1, .seed = 2, .log_level = LogLevel::kOff});
    // One directory per process: ctest runs this file's tests side by side.
    auto dir = std::filesystem::temp_directory_path() / ("echelon_exact_model_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    io::generate_dataset({.skus = 48, .nodes = 4, .regions = 6, .days = 120}, dir, ctx);
    auto* result = new Small{io::read_dataset(dir, ctx), {}, {}};
    std::filesystem::remove_all(dir);
    result->planning = build_planning_network(result->dataset);
    result->rates = rates_from_history(result->dataset, result->dataset.planning_date(), 56);
    return result;
  }();
  return *loaded;
}

// FC-layer relaxed cost of a plan on the optimization scenarios (evaluation minus the upstream).
double fc_relaxed(const LagrangianResult& result, const SkuSolverOptions& options) {
  const Small& data = small();
  RunContext ctx(RunOptions{.threads = 2, .seed = 2, .log_level = LogLevel::kOff});
  PlanEvaluation evaluation = evaluate_plan(data.planning, data.rates, result, options, ctx);
  double upstream = 0.0;
  for (const SkuPlan& plan : result.skus) upstream += plan.upstream_extra();
  return evaluation.plan_cost_relaxed - upstream;
}

TEST(ExactModel, BracketsTheDecomposition) {
  const Small& data = small();
  SkuSolverOptions sku;
  sku.seed = 2;
  sku.fast_units_per_day = 0.0;  // every SKU on the full model, as the exact reference
  sku.slow_units_per_day = 0.0;
  RunContext ctx(RunOptions{.threads = 2, .seed = 2, .log_level = LogLevel::kOff});
  LagrangianResult exact = solve_exact(data.planning, data.rates, sku, ExactOptions{}, ctx);
  ASSERT_EQ(exact.status, SolveStatus::kGapReached) << (exact.notes.empty() ? "" : exact.notes.back());

  LagrangianOptions options;
  options.sku = sku;
  options.gap_target = 0.0;
  LagrangianResult decomposition = LagrangianSolver(data.planning, data.rates, options).solve(ctx, nullptr);
  ASSERT_NE(decomposition.status, SolveStatus::kInfeasible);

  double optimum = exact.lower_bound;  // proven optimal: CBC's bound is the optimum
  double plan = fc_relaxed(decomposition, sku);
  EXPECT_LE(decomposition.lower_bound, optimum + 1e-6 * optimum);
  EXPECT_LE(optimum, plan + 1e-6 * optimum);
  // Within half a percent of the exact optimum (DESIGN section 5a); measured 1.0007 here (48 SKUs:
  // 1.0020 on 36 SKUs, 1.0031 on 24; 1.013 on 12, where one SKU's whole units weigh more).
  EXPECT_LE(plan, 1.005 * optimum);
  // The exact plan's own relaxed cost, with the flows it chose under the coupling rows, is its
  // optimum; its levels evaluated without the rows never cost more (their flows may then break a
  // binding storage row, as here where FC storage binds).
  EXPECT_NEAR(fc_relaxed(exact, sku), optimum, 1e-6 * optimum);
  RunContext eval_ctx(RunOptions{.threads = 2, .seed = 2, .log_level = LogLevel::kOff});
  PlanEvaluation uncoupled = evaluate_plan(data.planning, data.rates, exact, sku, eval_ctx);
  double free_flows = 0.0;
  for (const SkuEvaluation& evaluation : uncoupled.skus) free_flows += evaluation.relaxed;
  EXPECT_LE(free_flows, optimum + 1e-6 * optimum);
}

TEST(ExactModel, ReportsAnInstanceWithoutAFeasiblePlan) {
  // A minimum level far beyond a node's storage: no plan fits. The result says so and still
  // carries every node's limits (the outputs are written from them), with no plan.
  network::Dataset dataset = small().dataset;
  NodeIndex tight;
  for (NodeIndex node : all<NodeIndex>(dataset.network.node_count())) {
    if (std::isfinite(dataset.network.nodes[node].storage_m3) && dataset.network.nodes[node].type != network::NodeType::kDc) {
      tight = node;
    }
  }
  ASSERT_TRUE(tight.valid());
  const double units = 10.0 * dataset.network.nodes[tight].storage_m3 / dataset.skus[SkuIndex(0)].unit_volume_m3;
  network::Override at_least;
  at_least.sku = SkuIndex(0);
  at_least.kind = network::OverrideKind::kMinLevel;
  at_least.value = units;
  at_least.node = tight;
  dataset.overrides.push_back(at_least);
  PlanningNetwork planning = build_planning_network(dataset);
  SkuSolverOptions sku;
  RunContext ctx(RunOptions{.threads = 1, .seed = 2, .log_level = LogLevel::kOff});
  LagrangianResult exact = solve_exact(planning, small().rates, sku, ExactOptions{}, ctx);
  EXPECT_EQ(exact.status, SolveStatus::kInfeasible);
  EXPECT_TRUE(exact.skus.empty());
  EXPECT_FALSE(exact.coupled_relaxed_cost.has_value());
  ASSERT_EQ(exact.capacity.limit.size(), dataset.network.node_count());
  ASSERT_EQ(exact.capacity.use.size(), dataset.network.node_count());
  EXPECT_DOUBLE_EQ(exact.capacity.limit[tight.value()][0], dataset.network.nodes[tight].storage_m3);
}

TEST(ExactModel, RefusesInstancesTooLargeForIt) {
  const Small& data = small();
  SkuSolverOptions sku;
  ExactOptions options;
  options.max_columns = 100;
  RunContext ctx(RunOptions{.threads = 1, .seed = 2, .log_level = LogLevel::kOff});
  try {
    (void)solve_exact(data.planning, data.rates, sku, options, ctx);
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("too large for --method exact"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace echelon::optimize

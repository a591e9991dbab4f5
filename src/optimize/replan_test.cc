// SPDX-License-Identifier: Apache-2.0
// Incremental re-plan on the bundled example: a plan's stored state reads back bit for bit; a
// re-plan with unchanged inputs keeps every plan and the bound; after one SKU's demand changes
// only that SKU is solved again, at the previous prices, and the bound equals the one a solve of
// every SKU at the bound prices gives (weak duality from scratch).
#include "optimize/plan_state.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "core/error.h"
#include "optimize/example_network_test_util.h"
#include "optimize/lagrangian.h"
#include "optimize/plan_gather.h"

namespace echelon::optimize {
namespace {

using testing::Example;
using testing::example;

constexpr std::uint64_t kSetup = 0x5EED;

struct Planned {
  LagrangianResult result;
  PlanEvaluation evaluation;
  PlanState state;
};

LagrangianOptions options_for_test() {
  LagrangianOptions options;
  options.max_iterations = 4;
  options.gap_target = 0.0;
  options.sku.seed = 3;
  return options;
}

std::filesystem::path scratch(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("echelon_replan_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir / name;
}

// Plans the example with `rates`, writes its state and reads it back.
const Planned& planned() {
  static const Planned* once = [] {
    const Example& data = example();
    RunContext ctx(RunOptions{.threads = 2, .seed = 3, .log_level = LogLevel::kOff});
    LagrangianSolver solver(data.planning, data.rates, options_for_test());
    auto* planned = new Planned;
    planned->result = solver.solve(ctx, nullptr);
    planned->evaluation = evaluate_plan(data.planning, data.rates, planned->result, options_for_test().sku, ctx);
    const auto path = scratch("plan_state.bin");
    write_plan_state(path, kSetup, data.dataset, sku_fingerprints(data.dataset, data.rates),
                     planned->result.prices, planned->result.bound_prices, planned->result.skus,
                     planned->result.sku_bounds, planned->evaluation.skus);
    planned->state = *read_plan_state(path, data.dataset.network.node_count(), data.planning.speed_count());
    return planned;
  }();
  return *once;
}

std::vector<std::byte> bytes_of(const SkuPlan& plan) {
  ByteWriter out;
  encode(plan, out);
  return out.take();
}

TEST(PlanState, ReadsBackEveryPlanBoundAndEvaluation) {
  const Example& data = example();
  const Planned& run = planned();
  EXPECT_EQ(run.state.setup_fingerprint, kSetup);
  EXPECT_EQ(run.state.prices.storage, run.result.prices.storage);
  EXPECT_EQ(run.state.bound_prices.outbound, run.result.bound_prices.outbound);
  ASSERT_EQ(run.state.skus.size(), data.dataset.sku_count());
  ASSERT_EQ(run.result.sku_bounds.size(), run.result.skus.size());
  for (std::size_t index = 0; index < run.result.skus.size(); ++index) {
    const SkuPlan& plan = run.result.skus[index];
    const StoredSku& stored = run.state.skus.at(data.dataset.skus[plan.sku].id);
    EXPECT_EQ(bytes_of(stored.plan), bytes_of(plan));
    EXPECT_EQ(stored.bound, run.result.sku_bounds[index]);
    EXPECT_EQ(stored.evaluation.fresh, run.evaluation.skus[index].fresh);
    EXPECT_EQ(stored.evaluation.outcome.on_time, run.evaluation.skus[index].outcome.on_time);
  }
}

TEST(PlanState, MissingIsNoneAndDamagedIsAnInputErrorNamingTheFile) {
  const Example& data = example();
  planned();  // writes plan_state.bin
  const std::size_t nodes = data.dataset.network.node_count();
  EXPECT_FALSE(read_plan_state(scratch("absent.bin"), nodes, 3).has_value());
  const auto garbage = scratch("garbage.bin");
  std::ofstream(garbage) << "sku_id,node_id\n";
  EXPECT_THROW(read_plan_state(garbage, nodes, 3), InputError);
  // A state cut short.
  const auto whole = scratch("plan_state.bin");
  const auto cut = scratch("cut.bin");
  std::filesystem::copy_file(whole, cut, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::resize_file(cut, std::filesystem::file_size(whole) - 100);
  try {
    read_plan_state(cut, nodes, data.planning.speed_count());
    FAIL() << "a truncated state was read";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("cut.bin"), std::string::npos) << error.what();
  }
  // Another network.
  EXPECT_THROW(read_plan_state(whole, nodes + 1, data.planning.speed_count()), InputError);
}

TEST(Replan, UnchangedInputsKeepEveryPlanAndTheBound) {
  const Example& data = example();
  const Planned& run = planned();
  RunContext ctx(RunOptions{.threads = 2, .seed = 3, .log_level = LogLevel::kOff});
  LagrangianSolver solver(data.planning, data.rates, options_for_test());
  std::vector<std::optional<SkuEvaluation>> known;
  LagrangianResult again = solver.replan(ctx, run.state, known);
  EXPECT_EQ(again.skus_solved, 0u);
  EXPECT_EQ(again.lower_bound, run.result.lower_bound);
  EXPECT_EQ(again.plan_cost, run.result.plan_cost);
  ASSERT_EQ(again.skus.size(), run.result.skus.size());
  for (std::size_t index = 0; index < again.skus.size(); ++index) {
    EXPECT_EQ(bytes_of(again.skus[index]), bytes_of(run.result.skus[index]));
    EXPECT_TRUE(known[index].has_value());
  }
  LocalExchange local;
  PlanEvaluation evaluation =
      evaluate_plan(data.planning, data.rates, again, options_for_test().sku, ctx, local, &known);
  EXPECT_EQ(evaluation.plan_cost, run.evaluation.plan_cost);
  EXPECT_EQ(evaluation.gap, run.evaluation.gap);
}

// The SKU with the most (`busiest`) or the least positive demand.
std::size_t pick_sku(const DemandRates& rates, std::size_t skus, bool busiest) {
  std::size_t pick = 0;
  double best = busiest ? -1.0 : 1e300;
  for (std::size_t sku = 0; sku < skus; ++sku) {
    double total = 0.0;
    for (const DemandRate& rate : rates.of(SkuIndex(sku))) total += rate.mean_per_day;
    if (total > 0.0 && (busiest ? total > best : total < best)) {
      best = total;
      pick = sku;
    }
  }
  return pick;
}

struct Changed {
  std::size_t sku = 0;
  DemandRates rates;
  LagrangianResult result;
  std::vector<std::optional<SkuEvaluation>> known;
};

// Re-plans the example after `sku` sells half as much again.
Changed replan_after_change(std::size_t sku) {
  const Example& data = example();
  Changed changed;
  changed.sku = sku;
  changed.rates = data.rates;
  for (std::size_t at = changed.rates.sku_offset[sku]; at < changed.rates.sku_offset[sku + 1]; ++at) {
    changed.rates.rates[at].mean_per_day *= 1.5;
    changed.rates.rates[at].variance_per_day *= 2.25;
  }
  RunContext ctx(RunOptions{.threads = 2, .seed = 3, .log_level = LogLevel::kOff});
  LagrangianSolver solver(data.planning, changed.rates, options_for_test());
  changed.result = solver.replan(ctx, planned().state, changed.known);
  return changed;
}

// The bound from scratch: every SKU solved at the bound prices, minus the prices' terms.
double bound_from_scratch(const DemandRates& rates, const LagrangianResult& result) {
  const Example& data = example();
  const Prices& prices = planned().state.bound_prices;
  double bound = 0.0;
  for (std::size_t sku = 0; sku < data.dataset.sku_count(); ++sku) {
    bound += solve_sku(data.planning, SkuIndex(sku), rates.of(SkuIndex(sku)), prices, options_for_test().sku)
                 .bound_priced();
  }
  for (std::size_t node = 0; node < result.capacity.limit.size(); ++node) {
    for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
      const double limit = result.capacity.limit[node][resource];
      if (std::isfinite(limit)) bound -= price_of(prices, static_cast<Resource>(resource), node) * limit;
    }
  }
  return bound;
}

TEST(Replan, OnlyTheChangedSkuIsSolvedAtThePreviousPrices) {
  const Example& data = example();
  const Planned& run = planned();
  const Changed changed = replan_after_change(pick_sku(data.rates, data.dataset.sku_count(), false));
  const LagrangianResult& again = changed.result;
  ASSERT_EQ(again.skus_solved, 1u);
  for (std::size_t index = 0; index < again.skus.size(); ++index) {
    EXPECT_EQ(changed.known[index].has_value(), index != changed.sku) << index;
  }
  // A slow SKU's change still fits: no repair, the prices stay, and its plan is the
  // subproblem's answer at them.
  EXPECT_EQ(again.prices.storage, run.state.prices.storage);
  const SkuPlan direct = solve_sku(data.planning, SkuIndex(changed.sku), changed.rates.of(SkuIndex(changed.sku)),
                                   run.state.prices, options_for_test().sku);
  EXPECT_EQ(bytes_of(again.skus[changed.sku]), bytes_of(direct));
  EXPECT_NEAR(again.lower_bound, bound_from_scratch(changed.rates, again), 1e-9 * std::abs(again.lower_bound));
}

TEST(Replan, AChangeThatOverloadsANodeIsRepairedAndTheBoundHolds) {
  const Example& data = example();
  const Planned& run = planned();
  const Changed changed = replan_after_change(pick_sku(data.rates, data.dataset.sku_count(), true));
  const LagrangianResult& again = changed.result;
  ASSERT_EQ(again.skus_solved, 1u);
  EXPECT_NE(again.status, SolveStatus::kInfeasible);
  EXPECT_LE(largest_overuse(again.capacity), kFeasibleOveruse);
  EXPECT_GT(again.skus[changed.sku].demand_per_day, run.result.skus[changed.sku].demand_per_day);
  EXPECT_NEAR(again.lower_bound, bound_from_scratch(changed.rates, again), 1e-9 * std::abs(again.lower_bound));
  RunContext ctx(RunOptions{.threads = 2, .seed = 3, .log_level = LogLevel::kOff});
  LocalExchange local;
  PlanEvaluation evaluation =
      evaluate_plan(data.planning, changed.rates, again, options_for_test().sku, ctx, local, &changed.known);
  EXPECT_LE(evaluation.lower_bound, evaluation.plan_cost_relaxed + 1e-6);  // weak duality
  EXPECT_GT(evaluation.plan_cost, run.evaluation.plan_cost);  // more demand costs more
  // Every evaluation taken as stored belongs to an unchanged plan: evaluating all afresh agrees.
  PlanEvaluation afresh = evaluate_plan(data.planning, changed.rates, again, options_for_test().sku, ctx);
  EXPECT_NEAR(evaluation.plan_cost, afresh.plan_cost, 1e-9 * afresh.plan_cost);
}

}  // namespace
}  // namespace echelon::optimize

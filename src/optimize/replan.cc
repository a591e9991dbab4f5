// SPDX-License-Identifier: Apache-2.0
// Incremental re-plan (LagrangianSolver::replan): an earlier plan's SKUs carry over where their
// inputs are unchanged, the rest are solved at the earlier prices.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "optimize/lagrangian.h"
#include "optimize/plan_state.h"

namespace echelon::optimize {
namespace {

// What a plan decides (vendor option and levels), to tell which plans repair changed.
std::uint64_t decisions_of(const SkuPlan& plan) {
  Fingerprint print;
  print.add(static_cast<std::uint64_t>(plan.sourcing_option));
  for (const NodeLevel& level : plan.levels) {
    print.add(static_cast<std::uint64_t>(level.node.value())).add(level.order_up_to);
  }
  return print.value();
}

}  // namespace

LagrangianResult LagrangianSolver::replan(RunContext& ctx, const PlanState& previous,
                                          std::vector<std::optional<SkuEvaluation>>& known) {
  const auto start = std::chrono::steady_clock::now();
  const network::Dataset& dataset = *planning_.dataset;
  LagrangianResult result;
  result.prices = previous.prices;
  result.bound_prices = previous.bound_prices;
  result.capacity = initial_state();
  const std::vector<SkuIndex> everyone = own_skus();
  const std::vector<std::uint64_t> fingerprints = sku_fingerprints(dataset, rates_);

  std::vector<SkuPlan> plans(everyone.size());
  result.sku_bounds.assign(everyone.size(), 0.0);
  known.assign(everyone.size(), std::nullopt);
  std::vector<SkuIndex> changed;
  std::vector<std::size_t> changed_at;  // positions in `everyone`
  for (std::size_t index = 0; index < everyone.size(); ++index) {
    const SkuIndex sku = everyone[index];
    const auto stored = previous.skus.find(dataset.skus[sku].id);
    if (stored == previous.skus.end() || stored->second.fingerprint != fingerprints[sku.value()]) {
      changed.push_back(sku);
      changed_at.push_back(index);
      continue;
    }
    plans[index] = stored->second.plan;
    plans[index].sku = sku;  // its position may have moved in the catalogue
    result.sku_bounds[index] = stored->second.bound;
    known[index] = stored->second.evaluation;
  }
  const auto solve_start = std::chrono::steady_clock::now();
  std::vector<SkuPlan> solved;
  solve_subproblems(ctx, changed, result.prices, solved);
  std::vector<SkuPlan> at_bound_prices;
  const bool same_prices = result.bound_prices.storage == result.prices.storage &&
                           result.bound_prices.inbound == result.prices.inbound &&
                           result.bound_prices.outbound == result.prices.outbound &&
                           result.bound_prices.service == result.prices.service;
  if (!same_prices) solve_subproblems(ctx, changed, result.bound_prices, at_bound_prices);
  for (std::size_t entry = 0; entry < changed.size(); ++entry) {
    const std::size_t index = changed_at[entry];
    result.sku_bounds[index] = same_prices ? solved[entry].bound_priced() : at_bound_prices[entry].bound_priced();
    plans[index] = std::move(solved[entry]);
  }
  const double solve_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - solve_start).count();
  const double match_ms = std::chrono::duration<double, std::milli>(solve_start - start).count();

  // The bound: every SKU's certified bound at the bound prices, and those prices' terms on
  // today's limits and targets.
  CapacityState at_bound = result.capacity;
  accumulate_use(plans, 1.0, at_bound);
  const auto [bounds, changed_count] = sum_over_ranks<2>(exchange_, everyone, [&](SkuIndex sku) {
    const std::size_t index = sku.value() - everyone.front().value();
    return std::array{result.sku_bounds[index], known[index] ? 0.0 : 1.0};
  });
  const double bound = bounds + constraint_terms(result.bound_prices, at_bound);
  result.skus_solved = static_cast<std::size_t>(changed_count);
  const std::size_t total = dataset.sku_count();
  result.notes.push_back(fmt::format("incremental re-plan: solved {} of {} SKUs again (new or changed inputs), "
                                     "{} kept their plan; on rank 0 {:.1f} ms to match inputs, {:.1f} ms to solve",
                                     result.skus_solved, total, total - result.skus_solved, match_ms, solve_ms));
  ctx.log().info("{}", result.notes.back());

  std::vector<std::uint64_t> before(plans.size());
  for (std::size_t index = 0; index < plans.size(); ++index) before[index] = decisions_of(plans[index]);
  result.status = SolveStatus::kIterationLimit;
  // Only the SKUs solved again may move into unused capacity: a kept plan stays as it was planned
  // (and re-solving them all would cost a full pass).
  finish(ctx, std::move(plans), bound, changed, result);
  // Repair may have switched kept plans: those are evaluated again.
  for (std::size_t index = 0; index < result.skus.size(); ++index) {
    if (known[index] && decisions_of(result.skus[index]) != before[index]) known[index].reset();
  }
  return result;
}

}  // namespace echelon::optimize

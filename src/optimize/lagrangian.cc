// SPDX-License-Identifier: Apache-2.0
#include "optimize/lagrangian.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace echelon::optimize {
namespace {

constexpr double kFeasibleOveruse = 1e-3;  // relative overuse tolerated as "fits"

double largest_overuse(const CapacityState& state) {
  double worst = 0.0;
  for (std::size_t node = 0; node < state.limit.size(); ++node) {
    for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
      double limit = state.limit[node][resource];
      if (!std::isfinite(limit)) continue;
      double use = state.use[node][resource];
      worst = std::max(worst, limit > 0.0 ? (use - limit) / limit : (use > 0.0 ? 1.0 : 0.0));
    }
  }
  return worst;
}

}  // namespace

double& price_of(Prices& prices, Resource resource, std::size_t node) {
  switch (resource) {
    case Resource::kStorage: return prices.storage[node];
    case Resource::kInbound: return prices.inbound[node];
    case Resource::kOutbound: return prices.outbound[node];
  }
  return prices.storage[node];
}

double price_of(const Prices& prices, Resource resource, std::size_t node) {
  switch (resource) {
    case Resource::kStorage: return prices.storage[node];
    case Resource::kInbound: return prices.inbound[node];
    case Resource::kOutbound: return prices.outbound[node];
  }
  return 0.0;
}

std::string_view to_string(Resource resource) {
  switch (resource) {
    case Resource::kStorage: return "storage";
    case Resource::kInbound: return "inbound";
    case Resource::kOutbound: return "outbound";
  }
  return "storage";
}

double plan_cost_per_day(const SkuPlan& plan) {
  const Outcome& outcome = plan.outcome;
  return outcome.holding + outcome.shipping + outcome.inbound + outcome.downgrade +
         outcome.lost_sale + plan.dc_holding + plan.vendor_inbound + plan.purchase;
}

LagrangianSolver::LagrangianSolver(const PlanningNetwork& planning, const DemandRates& rates,
                                   LagrangianOptions options)
    : planning_(planning), rates_(rates), options_(std::move(options)) {}

void LagrangianSolver::solve_subproblems(RunContext& ctx, const std::vector<SkuIndex>& skus,
                                         const Prices& prices, std::vector<SkuPlan>& plans) const {
  plans.resize(skus.size());
  parallel_for(ctx.pool(), 0, skus.size(), 16, [&](std::size_t first, std::size_t last) {
    if (ctx.cancelled()) return;
    for (std::size_t index = first; index < last; ++index) {
      plans[index] = solve_sku(planning_, skus[index], rates_.of(skus[index]), prices, options_.sku);
    }
  });
}

void LagrangianSolver::accumulate_use(const std::vector<SkuPlan>& plans, double weight,
                                      CapacityState& state) const {
  for (auto& row : state.use) row = {0.0, 0.0, 0.0};
  std::fill(state.service_on_time.begin(), state.service_on_time.end(), 0.0);
  for (const SkuPlan& plan : plans) {
    for (std::size_t node = 0; node < state.use.size(); ++node) {
      state.use[node][0] += weight * plan.storage_m3[node];
      state.use[node][1] += weight * plan.inbound_units[node];
      state.use[node][2] += weight * plan.outbound_units[node];
    }
    for (std::size_t speed = 0; speed < state.service_on_time.size(); ++speed) {
      state.service_on_time[speed] += weight * plan.outcome.on_time[speed];
    }
  }
}

double LagrangianSolver::dual_value(const std::vector<SkuPlan>& plans, double weight,
                                    const Prices& prices, const CapacityState& state) const {
  double value = 0.0;
  for (const SkuPlan& plan : plans) value += weight * plan.bound_priced();
  for (std::size_t node = 0; node < state.limit.size(); ++node) {
    for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
      double limit = state.limit[node][resource];
      if (!std::isfinite(limit)) continue;
      value -= price_of(prices, static_cast<Resource>(resource), node) * limit;
    }
  }
  for (std::size_t speed = 0; speed < state.service_target.size(); ++speed) {
    value += prices.service[speed] * state.service_target[speed];
  }
  return value;
}

LagrangianResult LagrangianSolver::solve(RunContext& ctx, const Prices* warm_start) {
  const network::Dataset& dataset = *planning_.dataset;
  const std::size_t nodes = dataset.network.node_count();
  const std::size_t speeds = planning_.speed_count();
  const std::size_t sku_count = dataset.sku_count();
  LagrangianResult result;
  result.prices = warm_start != nullptr ? *warm_start : Prices::zero(nodes, speeds);
  CapacityState& state = result.capacity;
  state.limit.resize(nodes);
  state.use.assign(nodes, {0.0, 0.0, 0.0});
  for (NodeIndex node : all<NodeIndex>(nodes)) {
    const auto& spec = dataset.network.nodes[node];
    state.limit[node.value()] = {spec.storage_m3, spec.inbound_units_per_day,
                                 spec.outbound_units_per_day};
  }
  state.service_target.assign(speeds, 0.0);
  state.service_on_time.assign(speeds, 0.0);
  if (options_.service_constraints) {
    for (const DemandRate& rate : rates_.rates) {
      state.service_target[rate.speed.value()] +=
          dataset.config.speeds[rate.speed.value()].target_fill * rate.mean_per_day;
    }
  }

  std::vector<SkuIndex> everyone(sku_count);
  for (std::size_t sku = 0; sku < sku_count; ++sku) everyone[sku] = SkuIndex(sku);
  // A stratified sample: every k-th SKU in order of velocity, so all tiers are represented.
  std::vector<SkuIndex> sample;
  double sample_weight = 1.0;
  if (sku_count > options_.sample_threshold) {
    std::vector<std::pair<double, std::size_t>> by_rate(sku_count);
    for (std::size_t sku = 0; sku < sku_count; ++sku) {
      double rate = 0.0;
      for (const DemandRate& entry : rates_.of(SkuIndex(sku))) rate += entry.mean_per_day;
      by_rate[sku] = {rate, sku};
    }
    std::stable_sort(by_rate.begin(), by_rate.end());
    std::size_t stride = (2 * sku_count + options_.sample_threshold - 1) / options_.sample_threshold;
    for (std::size_t rank = stride / 2; rank < sku_count; rank += stride) {
      sample.push_back(SkuIndex(by_rate[rank].second));
    }
    std::sort(sample.begin(), sample.end());
    sample_weight = static_cast<double>(sku_count) / static_cast<double>(sample.size());
  }

  double best_bound = -std::numeric_limits<double>::infinity();
  double best_feasible = std::numeric_limits<double>::infinity();
  double step_scale = 1.0;
  int stalled = 0;
  std::vector<SkuPlan> plans;
  bool plans_are_full = false;
  result.status = SolveStatus::kIterationLimit;
  for (int iteration = 1; iteration <= options_.max_iterations; ++iteration) {
    bool sampled = !sample.empty() && iteration <= options_.sample_iterations;
    const auto& skus = sampled ? sample : everyone;
    double weight = sampled ? sample_weight : 1.0;
    // Phase: solve subproblems.
    solve_subproblems(ctx, skus, result.prices, plans);
    plans_are_full = !sampled;
    if (ctx.cancelled()) {
      result.status = SolveStatus::kCancelled;
      break;
    }
    // Phase: compute bound.
    accumulate_use(plans, weight, state);
    double bound = dual_value(plans, weight, result.prices, state);
    double cost = 0.0;
    double purchase = 0.0;
    for (const SkuPlan& plan : plans) {
      cost += weight * plan_cost_per_day(plan);
      purchase += weight * plan.purchase;
    }
    double overuse = largest_overuse(state);
    if (!sampled) {
      if (bound > best_bound + 1e-9 * std::abs(bound)) {
        best_bound = bound;
        stalled = 0;
      } else {
        ++stalled;
      }
      if (overuse <= kFeasibleOveruse) best_feasible = std::min(best_feasible, cost);
    }
    result.log.push_back({iteration, sampled, bound, cost, overuse});
    result.iterations = iteration;
    double controllable = std::max(1e-9, best_feasible - purchase);
    double gap = std::isfinite(best_feasible) ? (best_feasible - best_bound) / controllable : 1.0;
    ctx.report({.phase = "optimize",
                .done = static_cast<double>(iteration),
                .total = static_cast<double>(options_.max_iterations),
                .message = fmt::format("iter {}{}  bound {:.6g}  plan {:.6g}  gap {}  overuse {:.1f}%",
                                       iteration, sampled ? " (sample)" : "", bound, cost,
                                       std::isfinite(best_feasible) ? fmt::format("{:.2f}%", 100 * gap) : "-",
                                       100.0 * overuse)});
    ctx.log().debug("iteration {}: bound {:.6g} plan {:.6g} overuse {:.4f}", iteration, bound, cost,
                    overuse);
    if (!sampled && overuse <= kFeasibleOveruse && gap <= options_.gap_target) {
      result.status = SolveStatus::kGapReached;
      break;
    }
    if (ctx.elapsed_seconds() > options_.time_limit_seconds) {
      result.status = SolveStatus::kTimeLimit;
      break;
    }
    if (stalled >= 3) {
      step_scale *= 0.5;
      stalled = 0;
    }

    // Phase: update prices. Constraints are normalised by their limit; Polyak's step aims at
    // the gap between the plan's priced cost and the bound.
    double norm = 0.0;
    std::vector<std::array<double, kResourceCount>> direction(nodes, {0.0, 0.0, 0.0});
    for (std::size_t node = 0; node < nodes; ++node) {
      for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
        double limit = state.limit[node][resource];
        if (!std::isfinite(limit) || limit <= 0.0) continue;
        double price = price_of(result.prices, static_cast<Resource>(resource), node);
        double slope = (state.use[node][resource] - limit) / limit;
        if (price <= 0.0 && slope < 0.0) slope = 0.0;  // projection: price already at zero
        direction[node][resource] = slope;
        norm += slope * slope;
      }
    }
    std::vector<double> service_direction(speeds, 0.0);
    for (std::size_t speed = 0; speed < speeds; ++speed) {
      double target = state.service_target[speed];
      if (target <= 0.0) continue;
      double slope = (target - state.service_on_time[speed]) / target;
      if (result.prices.service[speed] <= 0.0 && slope < 0.0) slope = 0.0;
      service_direction[speed] = slope;
      norm += slope * slope;
    }
    if (norm <= 1e-18) {
      if (!sampled && overuse <= kFeasibleOveruse) {
        result.status = SolveStatus::kOptimal;
        break;
      }
      continue;
    }
    double target_value = std::isfinite(best_feasible) ? best_feasible : cost;
    double distance = std::max(target_value - bound, 0.01 * std::abs(bound) + 1e-9);
    double step = step_scale * distance / norm;
    for (std::size_t node = 0; node < nodes; ++node) {
      for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
        double limit = state.limit[node][resource];
        if (!std::isfinite(limit) || limit <= 0.0) continue;
        double& price = price_of(result.prices, static_cast<Resource>(resource), node);
        price = std::max(0.0, price + step * direction[node][resource] / limit);
      }
    }
    for (std::size_t speed = 0; speed < speeds; ++speed) {
      double target = state.service_target[speed];
      if (target <= 0.0) continue;
      result.prices.service[speed] =
          std::max(0.0, result.prices.service[speed] + step * service_direction[speed] / target);
    }
  }
  if (!plans_are_full && !ctx.cancelled()) {
    solve_subproblems(ctx, everyone, result.prices, plans);
    accumulate_use(plans, 1.0, state);
    best_bound = std::max(best_bound, dual_value(plans, 1.0, result.prices, state));
  }

  // Phase: recover primal. Raise the price of each resource still overused, re-solving only
  // the SKUs that use it, until the plan fits.
  for (int round = 0; round < options_.repair_rounds && largest_overuse(state) > kFeasibleOveruse &&
                      !ctx.cancelled();
       ++round) {
    std::vector<char> touched(sku_count, 0);
    for (std::size_t node = 0; node < nodes; ++node) {
      for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
        double limit = state.limit[node][resource];
        if (!std::isfinite(limit) || state.use[node][resource] <= limit * (1.0 + kFeasibleOveruse)) {
          continue;
        }
        double& price = price_of(result.prices, static_cast<Resource>(resource), node);
        // Start from the average priced cost per unit of use, then double.
        double total = 0.0;
        for (const SkuPlan& plan : plans) total += plan.total_priced();
        double seed = 0.01 * total / std::max(1e-9, state.use[node][resource]);
        price = std::max(2.0 * price, seed);
        for (std::size_t sku = 0; sku < sku_count; ++sku) {
          const SkuPlan& plan = plans[sku];
          double use = resource == 0 ? plan.storage_m3[node]
                                     : (resource == 1 ? plan.inbound_units[node] : plan.outbound_units[node]);
          if (use > 0.0) touched[sku] = 1;
        }
      }
    }
    std::vector<SkuIndex> again;
    for (std::size_t sku = 0; sku < sku_count; ++sku) {
      if (touched[sku]) again.push_back(SkuIndex(sku));
    }
    std::vector<SkuPlan> repaired;
    solve_subproblems(ctx, again, result.prices, repaired);
    for (std::size_t index = 0; index < again.size(); ++index) {
      plans[again[index].value()] = std::move(repaired[index]);
    }
    accumulate_use(plans, 1.0, state);
    result.notes.push_back(fmt::format("repair round {}: re-solved {} SKUs, largest overuse {:.2f}%",
                                       round + 1, again.size(), 100.0 * largest_overuse(state)));
  }
  double final_overuse = largest_overuse(state);
  if (final_overuse > kFeasibleOveruse) {
    result.status = SolveStatus::kInfeasible;
    result.notes.push_back(fmt::format(
        "capacity still overused by {:.2f}% after repair: the plan does not fit", 100.0 * final_overuse));
  }
  result.lower_bound = best_bound;
  result.plan_cost = 0.0;
  result.purchase_cost = 0.0;
  for (const SkuPlan& plan : plans) {
    result.plan_cost += plan_cost_per_day(plan);
    result.purchase_cost += plan.purchase;
  }
  if (result.status != SolveStatus::kInfeasible && result.status != SolveStatus::kCancelled &&
      result.status != SolveStatus::kTimeLimit) {
    double gap = (result.plan_cost - result.lower_bound) /
                 std::max(1e-9, result.plan_cost - result.purchase_cost);
    if (gap <= options_.gap_target) result.status = SolveStatus::kGapReached;
  }
  result.skus = std::move(plans);
  return result;
}

}  // namespace echelon::optimize

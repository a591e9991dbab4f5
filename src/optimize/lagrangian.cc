// SPDX-License-Identifier: Apache-2.0
#include "optimize/lagrangian.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <numeric>

#include "optimize/plan_columns.h"
#include "optimize/price_master.h"

namespace echelon::optimize {
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

LagrangianOptions lagrangian_options(const network::OptimizerSettings& settings) {
  LagrangianOptions options;
  options.max_iterations = settings.max_iterations;
  options.gap_target = settings.gap_target;
  options.time_limit_seconds = settings.time_limit_seconds;
  options.sku.fast_units_per_day = settings.fast_units_per_day;
  options.sku.slow_units_per_day = settings.slow_units_per_day;
  options.sku.fast_scenarios = settings.scenarios;
  options.sku.medium_scenarios = std::max(8, settings.scenarios / 2);
  options.sku.dc_cycle_service = settings.dc_cycle_service;
  return options;
}

double plan_cost_per_day(const SkuPlan& plan) {
  const Outcome& outcome = plan.outcome;
  return outcome.holding + outcome.shipping + outcome.inbound + outcome.downgrade +
         outcome.lost_sale + plan.dc_holding + plan.vendor_inbound + plan.purchase;
}

LagrangianSolver::LagrangianSolver(const PlanningNetwork& planning, const DemandRates& rates,
                                   LagrangianOptions options)
    : planning_(planning),
      rates_(rates),
      options_(std::move(options)),
      exchange_(local_exchange_),
      partition_(partition_skus(rates_, planning_.dataset->sku_count(), options_.sku, 1)) {}

LagrangianSolver::LagrangianSolver(const PlanningNetwork& planning, const DemandRates& rates,
                                   LagrangianOptions options, SkuExchange& exchange)
    : planning_(planning),
      rates_(rates),
      options_(std::move(options)),
      exchange_(exchange),
      partition_(partition_skus(rates_, planning_.dataset->sku_count(), options_.sku, exchange.size())) {}

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
  const std::size_t nodes = state.limit.size();
  const std::size_t speeds = state.service_on_time.size();
  // Exact sums over every rank's plans, laid out as: use, then relaxed use, per node and
  // resource; on time, then relaxed on time, per speed.
  std::vector<ExactSum> sums(2 * nodes * kResourceCount + 2 * speeds);
  auto use_sum = [&](std::size_t relaxed, std::size_t node, std::size_t resource) -> ExactSum& {
    return sums[(relaxed * nodes + node) * kResourceCount + resource];
  };
  auto on_time_sum = [&](std::size_t relaxed, std::size_t speed) -> ExactSum& {
    return sums[2 * nodes * kResourceCount + relaxed * speeds + speed];
  };
  for (const SkuPlan& plan : plans) {
    for (std::size_t node = 0; node < nodes; ++node) {
      use_sum(0, node, 0) += plan.storage_m3[node];
      use_sum(0, node, 1) += plan.inbound_units[node];
      use_sum(0, node, 2) += plan.outbound_units[node];
    }
    for (std::size_t node = 0; node < plan.relaxed_storage_m3.size(); ++node) {
      use_sum(1, node, 0) += plan.relaxed_storage_m3[node];
      use_sum(1, node, 1) += plan.relaxed_inbound_units[node];
      use_sum(1, node, 2) += plan.relaxed_outbound_units[node];
    }
    for (std::size_t speed = 0; speed < speeds; ++speed) {
      on_time_sum(0, speed) += plan.outcome.on_time[speed];
      if (speed < plan.relaxed_on_time.size()) on_time_sum(1, speed) += plan.relaxed_on_time[speed];
    }
  }
  exchange_.sum(sums);
  state.use.assign(nodes, {0.0, 0.0, 0.0});
  state.relaxed_use.assign(nodes, {0.0, 0.0, 0.0});
  for (std::size_t node = 0; node < nodes; ++node) {
    for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
      state.use[node][resource] = weight * use_sum(0, node, resource).value();
      state.relaxed_use[node][resource] = weight * use_sum(1, node, resource).value();
    }
  }
  state.relaxed_on_time.assign(speeds, 0.0);
  for (std::size_t speed = 0; speed < speeds; ++speed) {
    state.service_on_time[speed] = weight * on_time_sum(0, speed).value();
    state.relaxed_on_time[speed] = weight * on_time_sum(1, speed).value();
  }
}

double LagrangianSolver::constraint_terms(const Prices& prices, const CapacityState& state) const {
  double value = 0.0;
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


namespace {

// The priced constraints as one vector in scaled coordinates: a node resource's price times its
// limit, a speed's service price times its target (both a cost per day), so that every
// supergradient component is a relative violation and one trust radius fits all of them.
class Coupling {
 public:
  explicit Coupling(const CapacityState& state) {
    for (std::size_t node = 0; node < state.limit.size(); ++node) {
      for (std::size_t resource = 0; resource < kResourceCount; ++resource) {
        double limit = state.limit[node][resource];
        if (std::isfinite(limit) && limit > 0.0) entries_.push_back({node, resource, false, limit});
      }
    }
    for (std::size_t speed = 0; speed < state.service_target.size(); ++speed) {
      double target = state.service_target[speed];
      if (target > 0.0) entries_.push_back({speed, 0, true, target});
    }
  }

  [[nodiscard]] std::size_t size() const { return entries_.size(); }

  [[nodiscard]] std::vector<double> scaled(const Prices& prices) const {
    std::vector<double> point;
    point.reserve(entries_.size());
    for (const Entry& entry : entries_) {
      double price = entry.service ? prices.service[entry.index]
                                   : price_of(prices, static_cast<Resource>(entry.resource), entry.index);
      point.push_back(price * entry.scale);
    }
    return point;
  }

  void apply(std::span<const double> point, Prices& prices) const {
    for (std::size_t index = 0; index < entries_.size(); ++index) {
      const Entry& entry = entries_[index];
      double price = std::max(0.0, point[index]) / entry.scale;
      if (entry.service) {
        prices.service[entry.index] = price;
      } else {
        price_of(prices, static_cast<Resource>(entry.resource), entry.index) = price;
      }
    }
  }

  // Supergradient in scaled coordinates: the relative violation of each constraint by the
  // policy plans, or by the relaxed model's points.
  [[nodiscard]] std::vector<double> slope(const CapacityState& state, bool policy) const {
    const auto& use = policy ? state.use : state.relaxed_use;
    const auto& on_time = policy ? state.service_on_time : state.relaxed_on_time;
    std::vector<double> result;
    result.reserve(entries_.size());
    for (const Entry& entry : entries_) {
      result.push_back(entry.service ? (entry.scale - on_time[entry.index]) / entry.scale
                                     : (use[entry.index][entry.resource] - entry.scale) / entry.scale);
    }
    return result;
  }

 private:
  struct Entry {
    std::size_t index;     // node, or speed
    std::size_t resource;  // for nodes
    bool service;
    double scale;          // limit or target
  };
  std::vector<Entry> entries_;
};

// A first trust radius: the Polyak step for closing `distance` along the projected slope.
double initial_radius(std::span<const double> point, std::span<const double> slope, double distance) {
  double norm = 0.0;
  double largest = 0.0;
  for (std::size_t index = 0; index < slope.size(); ++index) {
    double component = point[index] <= 0.0 && slope[index] < 0.0 ? 0.0 : slope[index];
    norm += component * component;
    largest = std::max(largest, std::abs(component));
  }
  if (norm <= 1e-18) return std::max(1e-6, 0.01 * distance);
  return std::clamp(distance * largest / norm, 1e-6 * distance, 10.0 * distance);
}

}  // namespace

LagrangianSolver::Answer LagrangianSolver::evaluate(RunContext& ctx, const std::vector<SkuIndex>& skus,
                                                    double weight, const Prices& prices,
                                                    std::vector<SkuPlan>& plans,
                                                    CapacityState& state) const {
  solve_subproblems(ctx, skus, prices, plans);
  accumulate_use(plans, weight, state);
  Answer answer;
  const auto [bound, model, cost, purchase] = sum_over_ranks<4>(exchange_, plans, [this](const SkuPlan& plan) {
    return std::array{plan.bound_priced(),
                      options_.price_policy ? plan.total_priced() : plan.relaxed_point_priced,
                      plan_cost_per_day(plan), plan.purchase};
  });
  answer.bound = weight * bound;
  answer.model = weight * model;
  answer.cost = weight * cost;
  answer.purchase = weight * purchase;
  double terms = constraint_terms(prices, state);
  answer.bound += terms;
  answer.model += terms;
  answer.overuse = largest_overuse(state);
  return answer;
}

CapacityState LagrangianSolver::initial_state() const {
  const network::Dataset& dataset = *planning_.dataset;
  const std::size_t nodes = dataset.network.node_count();
  const std::size_t speeds = planning_.speed_count();
  CapacityState state;
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
  return state;
}

std::vector<SkuIndex> LagrangianSolver::own_skus() const {
  std::vector<SkuIndex> skus;
  for (std::size_t sku = partition_.begin(exchange_.rank()); sku < partition_.end(exchange_.rank()); ++sku) {
    skus.push_back(SkuIndex(sku));
  }
  return skus;
}

LagrangianResult LagrangianSolver::solve(RunContext& ctx, const Prices* warm_start) {
  const network::Dataset& dataset = *planning_.dataset;
  const std::size_t nodes = dataset.network.node_count();
  const std::size_t speeds = planning_.speed_count();
  LagrangianResult result;
  result.prices = warm_start != nullptr ? *warm_start : Prices::zero(nodes, speeds);
  result.capacity = initial_state();
  CapacityState& state = result.capacity;
  const Coupling coupling(state);

  const std::size_t first_sku = partition_.begin(exchange_.rank());
  const std::size_t last_sku = partition_.end(exchange_.rank());
  const std::vector<SkuIndex> everyone = own_skus();
  double sample_weight = 1.0;
  std::vector<SkuIndex> sample = stratified_sample(sample_weight);

  double best_bound = -std::numeric_limits<double>::infinity();
  double best_feasible = std::numeric_limits<double>::infinity();
  std::vector<SkuPlan> plans;
  std::vector<SkuPlan> center_plans;  // the full solve at the best prices so far
  Prices center_prices = result.prices;
  std::unique_ptr<PriceMaster> master;
  bool master_on_sample = false;
  bool sample_done = sample.empty();
  const bool sample_used = !sample.empty();  // alike on every rank (before the rank's share)
  std::vector<double> full_bounds;  // the best bound after each full iteration (after a sample)
  double sample_radius = 0.0;
  std::erase_if(sample, [&](SkuIndex sku) { return sku.value() < first_sku || sku.value() >= last_sku; });
  bool have_center = false;  // on every rank alike (center_plans may be empty on a rank)
  PlanColumns columns(first_sku, last_sku - first_sku, state, options_.service_constraints);
  // The per-SKU bounds behind the best bound, for an incremental re-plan (plan_state.h).
  auto keep_bounds = [&](const Prices& prices) {
    result.bound_prices = prices;
    result.sku_bounds.resize(plans.size());
    for (std::size_t index = 0; index < plans.size(); ++index) result.sku_bounds[index] = plans[index].bound_priced();
  };
  result.status = SolveStatus::kIterationLimit;
  for (int iteration = 1; iteration <= options_.max_iterations; ++iteration) {
    bool sampled = !sample_done && iteration <= options_.sample_iterations;
    if (master && master_on_sample && !sampled) {
      // From the sample to the whole catalogue: start from the sample's best prices.
      coupling.apply(master->center(), result.prices);
      sample_radius = master->radius();
      master.reset();
    }
    const auto& skus = sampled ? sample : everyone;
    double weight = sampled ? sample_weight : 1.0;
    // Phases: solve subproblems, compute bound.
    Answer answer = evaluate(ctx, skus, weight, result.prices, plans, state);
    if (exchange_.any(ctx.cancelled())) {
      result.status = SolveStatus::kCancelled;
      break;
    }
    std::vector<double> point = coupling.scaled(result.prices);
    std::vector<double> slope = coupling.slope(state, options_.price_policy);
    if (!master) {
      double distance = std::max(answer.cost - answer.model, 0.01 * std::abs(answer.model) + 1e-9);
      double radius = sample_radius > 0.0 ? sample_radius : initial_radius(point, slope, distance);
      master = std::make_unique<PriceMaster>(coupling.size(), PriceMasterOptions{.initial_radius = radius});
      master_on_sample = sampled;
    }
    bool is_center = master->add(point, answer.model, slope);
    if (!sampled) {
      if (answer.bound > best_bound) {  // certified at any prices
        best_bound = answer.bound;
        keep_bounds(result.prices);
      }
      if (options_.restricted_master) columns.add(plans, result.prices, is_center);
      if (is_center) {
        center_plans = plans;
        center_prices = result.prices;
        have_center = true;
      }
      if (answer.overuse <= kFeasibleOveruse) best_feasible = std::min(best_feasible, answer.cost);
    }
    result.log.push_back({iteration, sampled, answer.bound, answer.cost, answer.overuse});
    result.iterations = iteration;
    double controllable = std::max(1e-9, (std::isfinite(best_feasible) ? best_feasible : answer.cost) -
                                             answer.purchase);
    double gap = std::isfinite(best_feasible) ? (best_feasible - best_bound) / controllable : 1.0;
    ctx.report({.phase = "optimize",
                .done = static_cast<double>(iteration),
                .total = static_cast<double>(options_.max_iterations),
                .message = fmt::format("iter {}{}  bound {:.6g}  plan {:.6g}  gap {}  overuse {:.1f}%",
                                       iteration, sampled ? " (sample)" : "", answer.bound, answer.cost,
                                       std::isfinite(best_feasible) ? fmt::format("{:.2f}%", 100 * gap) : "-",
                                       100.0 * answer.overuse)});
    ctx.log().debug("iteration {}: bound {:.6g} model {:.6g} plan {:.6g} overuse {:.4f} radius {:.3g} at {:.1f} s",
                    iteration, answer.bound, answer.model, answer.cost, answer.overuse, master->radius(),
                    ctx.elapsed_seconds());
    if (!sampled && gap <= options_.gap_target) {
      result.status = SolveStatus::kGapReached;
      break;
    }
    if (exchange_.any(ctx.elapsed_seconds() > options_.time_limit_seconds)) {
      result.status = SolveStatus::kTimeLimit;
      break;
    }
    if (sample_used && !sampled) {
      full_bounds.push_back(best_bound);
      const int full_done = static_cast<int>(full_bounds.size());
      // The sample's prices are often as good as the whole catalogue's get: once two full
      // iterations in a row have raised the bound by less than full_stall of the controllable
      // cost, more of them (each a pass over every SKU) would not move it either.
      const bool stalled = full_done >= 3 && full_done < options_.full_iterations &&
                           best_bound - full_bounds[full_done - 3] < options_.full_stall * controllable;
      if (full_done >= options_.full_iterations || stalled) {
        result.notes.push_back(fmt::format("{} iterations on the whole catalogue after {} on a sample{}", full_done,
                                           iteration - full_done, stalled ? " (the bound had stopped rising)" : ""));
        break;
      }
    }
    // Where the master can do no more, the status stays iteration_limit (DESIGN 5a) unless the
    // final gap reaches the target; the note says why it stopped.
    if (coupling.size() == 0) {
      if (!sampled) {
        result.notes.push_back("no coupling constraint: every SKU solved on its own");
        break;
      }
      sample_done = true;
      continue;
    }
    // Phase: update prices.
    std::vector<double> next = master->next();
    double promised = master->predicted() - master->best_value();
    if (promised <= options_.dual_tolerance * controllable) {
      // The model sees no better prices: the dual is solved as far as the oracle can tell.
      if (sampled) {
        sample_done = true;
        continue;
      }
      result.notes.push_back(fmt::format("prices converged after {} iterations", iteration));
      break;
    }
    coupling.apply(next, result.prices);
  }
  if (!have_center && !exchange_.any(ctx.cancelled())) {
    if (master) coupling.apply(master->center(), result.prices);
    center_prices = result.prices;
    Answer answer = evaluate(ctx, everyone, 1.0, center_prices, center_plans, state);
    if (options_.restricted_master) columns.add(center_plans, center_prices, true);
    plans = center_plans;
    if (answer.bound > best_bound) {
      best_bound = answer.bound;
      keep_bounds(center_prices);
    }
  }
  result.prices = center_prices;
  finish(ctx, std::move(center_plans), best_bound, everyone, result, options_.restricted_master ? &columns : nullptr);
  return result;
}

void LagrangianSolver::finish(RunContext& ctx, std::vector<SkuPlan> plans, double bound,
                              const std::vector<SkuIndex>& fill_candidates, LagrangianResult& result,
                              PlanColumns* columns) const {
  CapacityState& state = result.capacity;
  accumulate_use(plans, 1.0, state);

  // Phase: recover primal. Repair first (its re-solved plans join the columns); once the plan
  // fits, the restricted master over every plan seen (iterations and repair rounds) picks the
  // cheapest mix that fits, and repair mends what taking one plan per SKU overuses.
  repair(ctx, plans, result, columns);
  if (columns != nullptr && largest_overuse(state) <= kFeasibleOveruse && !exchange_.any(ctx.cancelled())) {
    columns->add(plans, result.prices, true);
    if (recover_from_columns(ctx, *columns, plans, result)) repair(ctx, plans, result, nullptr);
  }
  if (largest_overuse(state) <= kFeasibleOveruse) fill_slack(ctx, plans, fill_candidates, result);
  double final_overuse = largest_overuse(state);
  if (final_overuse > kFeasibleOveruse) {
    result.status = SolveStatus::kInfeasible;
    result.notes.push_back(fmt::format(
        "capacity still overused by {:.2f}% after repair: the plan does not fit", 100.0 * final_overuse));
  }
  result.lower_bound = bound;
  const auto [plan_cost, purchase_cost] = sum_over_ranks<2>(
      exchange_, plans, [](const SkuPlan& plan) { return std::array{plan_cost_per_day(plan), plan.purchase}; });
  result.plan_cost = plan_cost;
  result.purchase_cost = purchase_cost;
  if (result.status != SolveStatus::kInfeasible && result.status != SolveStatus::kCancelled &&
      result.status != SolveStatus::kTimeLimit) {
    double gap = (result.plan_cost - result.lower_bound) /
                 std::max(1e-9, result.plan_cost - result.purchase_cost);
    if (gap <= options_.gap_target) result.status = SolveStatus::kGapReached;
  }
  result.skus = std::move(plans);
}

std::vector<SkuIndex> LagrangianSolver::stratified_sample(double& weight) const {
  // Every k-th SKU in order of velocity, so that all tiers are represented.
  const std::size_t sku_count = planning_.dataset->sku_count();
  std::vector<SkuIndex> sample;
  weight = 1.0;
  if (sku_count <= options_.sample_threshold) return sample;
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
  weight = static_cast<double>(sku_count) / static_cast<double>(sample.size());
  return sample;
}

}  // namespace echelon::optimize

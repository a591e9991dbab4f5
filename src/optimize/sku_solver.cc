// SPDX-License-Identifier: Apache-2.0
#include "optimize/sku_solver.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/assert.h"
#include "core/rng.h"
#include "inventory/distribution.h"
#include "optimize/dc_level.h"
#include "optimize/policy_model.h"
#include "optimize/relaxed_model.h"
#include "optimize/scenarios.h"

namespace echelon::optimize {
namespace {

constexpr double kDaysPerYear = 365.0;

// Days of DC stock per unit of flow at the least, for a SKU whose whole demand is `demand.flow`
// units a day: half an order of cycle stock (an order is a review cycle's flow, at least
// `order_minimum`, the vendor's MOQ or case pack) plus the safety stock z sqrt(F v T + F^2 sd^2),
// per unit at F = demand. Both are concave in the flow F and zero at none (per unit of flow they
// fall as F grows) and z does not depend on F, so this chord never exceeds what any flow up to
// the whole demand needs (the backorders, which add to the stock on hand, are left out).
double dc_stock_days(const DcLeadTimeDemand& demand, double order_minimum, double cycle_service) {
  if (demand.flow <= 0.0) return demand.review / 2.0;
  const double cycle = std::max(demand.review, order_minimum / demand.flow) / 2.0;
  return cycle + std::max(0.0, dc_stock(demand, cycle_service).safety) / demand.flow;
}

// The cycle service of `dc` for this SKU: fixed by the options, or traded against the mean holding
// rate of the SKU's candidates it feeds.
double feeder_cycle_service(const PlanningNetwork& planning, const SkuProblem& problem, NodeIndex dc,
                            const SkuSolverOptions& options) {
  double rate = 0.0;
  int children = 0;
  for (const CandidateNode& candidate : problem.nodes) {
    if (candidate.feeder != dc) continue;
    rate += planning.holding_rate[candidate.node.value()];
    ++children;
  }
  if (children == 0) return dc_cycle_service(options.dc_cycle_service, 1.0, 1.0);
  return dc_cycle_service(options.dc_cycle_service, planning.holding_rate[dc.value()], rate / children);
}

// A SKU's demand over all its cells, per day.
struct DemandTotal {
  double mean = 0.0;
  double variance = 0.0;
  [[nodiscard]] double variance_ratio() const { return mean > 0.0 ? variance / mean : 1.0; }
};

DemandTotal total_of(std::span<const DemandRate> rates) {
  DemandTotal total;
  for (const DemandRate& rate : rates) {
    total.mean += rate.mean_per_day;
    total.variance += rate.variance_per_day;
  }
  return total;
}

// The DC's demand for a flow of `flow` units a day bought from `option` over `route`.
DcLeadTimeDemand dc_demand(const network::SourcingOption& option, const network::Lane& route, double flow,
                           double variance_ratio, double review) {
  return {flow, variance_ratio, option.lead_time_days_mean + route.transit_days_mean,
          std::hypot(option.lead_time_days_sd, route.transit_days_sd), review};
}

// The mean delay a unit shipped by `dc` waits for its shortfalls, at the SKU's whole demand and
// the least of its vendors' (0 without a DC).
double feeder_delay_days(const PlanningNetwork& planning, SkuIndex sku, const SkuProblem& problem, NodeIndex dc,
                         const DemandTotal& total, const SkuSolverOptions& options) {
  if (!dc.valid() || total.mean <= 0.0) return 0.0;
  const network::Dataset& dataset = *planning.dataset;
  const double service = feeder_cycle_service(planning, problem, dc, options);
  double delay = std::numeric_limits<double>::infinity();
  for (const network::SourcingOption& option : dataset.sourcing_of(sku)) {
    LaneIndex lane = dataset.network.lane_from_vendor(option.vendor, dc);
    if (!lane.valid()) continue;
    const network::Lane& route = dataset.network.lanes[lane];
    delay = std::min(delay,
                     dc_stock(dc_demand(option, route, total.mean, total.variance_ratio(), problem.review_days), service)
                         .delay_days);
  }
  return std::isfinite(delay) ? delay : 0.0;
}

// The smallest order a vendor takes: its MOQ, rounded up to whole case packs.
double order_minimum(const network::SourcingOption& option) {
  const double moq = std::max(option.moq, option.case_pack);
  return option.case_pack > 0.0 ? std::ceil(moq / option.case_pack) * option.case_pack : moq;
}

// Every candidate's cheapest cost per unit up to its DC (vendor, lane and the least DC holding)
// and least DC stock days, with the chord of the DC stock at `chord_demand` units a day: valid
// for any flow up to it.
void set_least_upstream(const PlanningNetwork& planning, SkuIndex sku, double chord_demand, double variance_ratio,
                        const SkuSolverOptions& options, SkuProblem& problem) {
  const network::Dataset& dataset = *planning.dataset;
  const network::Sku& spec = dataset.skus[sku];
  for (CandidateNode& candidate : problem.nodes) {
    candidate.upstream_cost_per_unit = std::numeric_limits<double>::infinity();
    candidate.feeder_stock_days = std::numeric_limits<double>::infinity();
    for (const network::SourcingOption& option : dataset.sourcing_of(sku)) {
      double lane_cost = 0.0;
      double dc_holding = 0.0;
      if (candidate.feeder.valid()) {
        LaneIndex lane = dataset.network.lane_from_vendor(option.vendor, candidate.feeder);
        if (!lane.valid()) continue;
        const network::Lane& route = dataset.network.lanes[lane];
        lane_cost = route.cost_per_unit + route.cost_per_m3 * spec.unit_volume_m3;
        double days = dc_stock_days(dc_demand(option, route, chord_demand, variance_ratio, problem.review_days),
                                    order_minimum(option),
                                    feeder_cycle_service(planning, problem, candidate.feeder, options));
        candidate.feeder_stock_days = std::min(candidate.feeder_stock_days, days);
        dc_holding = option.unit_cost * planning.holding_rate[candidate.feeder.value()] / kDaysPerYear * days;
      }
      candidate.upstream_cost_per_unit =
          std::min(candidate.upstream_cost_per_unit, option.unit_cost + lane_cost + dc_holding);
    }
    if (!std::isfinite(candidate.upstream_cost_per_unit)) candidate.upstream_cost_per_unit = 0.0;
    if (!std::isfinite(candidate.feeder_stock_days)) candidate.feeder_stock_days = 0.0;
  }
}

// Levels where each class's cheapest on-time candidate holds its mean plus a margin.
std::vector<double> starting_levels(const CostModel& costs) {
  const SkuProblem& problem = costs.problem();
  std::vector<double> mean(problem.nodes.size(), 0.0), variance(problem.nodes.size(), 0.0);
  const auto& network = costs.network();
  for (std::size_t active = 0; active < problem.demand.size(); ++active) {
    std::size_t cheapest = network.cheapest_arc[active];
    if (cheapest == TransportNetwork::kLost) continue;
    std::size_t best_candidate = network.arc_node[cheapest];
    mean[best_candidate] += problem.demand[active].mean_per_day * problem.protection_days;
    variance[best_candidate] += problem.demand[active].variance_per_day * problem.protection_days;
  }
  std::vector<double> start(problem.nodes.size());
  for (std::size_t candidate = 0; candidate < start.size(); ++candidate) {
    start[candidate] = mean[candidate] + 1.3 * std::sqrt(variance[candidate]);
  }
  return start;
}

// Upper end of the search box: the most demand a node can receive in any scenario. A level above
// it is never used and only costs holding, so the box holds the minimum and stays tight, which
// keeps the certified bound close.
std::vector<double> upper_levels(const CostModel& costs, const ScenarioSet& scenarios) {
  const SkuProblem& problem = costs.problem();
  const auto& network = costs.network();
  std::vector<double> upper(problem.nodes.size(), 0.0);
  std::vector<double> reach(problem.nodes.size());
  for (std::size_t scenario = 0; scenario < scenarios.scenario_count; ++scenario) {
    auto totals = scenarios.totals_of(scenario);
    std::fill(reach.begin(), reach.end(), 0.0);
    for (std::size_t active = 0; active < problem.demand.size(); ++active) {
      for (std::size_t arc = network.arc_offset[active]; arc < network.arc_offset[active + 1]; ++arc) {
        reach[network.arc_node[arc]] += totals[active];
      }
    }
    for (std::size_t candidate = 0; candidate < upper.size(); ++candidate) {
      upper[candidate] = std::max(upper[candidate], reach[candidate]);
    }
  }
  for (std::size_t candidate = 0; candidate < upper.size(); ++candidate) {
    upper[candidate] = std::min(problem.nodes[candidate].max_level,
                                std::max(upper[candidate], problem.nodes[candidate].min_level));
  }
  return upper;
}

// The slow tier: the best single node with its newsvendor level on the demand it can reach.
std::vector<double> closed_form_levels(const CostModel& costs, std::span<const double> lower,
                                       std::span<const double> upper) {
  const SkuProblem& problem = costs.problem();
  const auto& network = costs.network();
  const double interval = problem.protection_days;
  std::vector<double> best_level(lower.begin(), lower.end());
  double best_cost = std::numeric_limits<double>::infinity();
  double lost_unit = problem.demand.empty() ? 0.0 : network.lost_cost[0];
  double total_mean = 0.0;
  for (const ActiveClass& active : problem.demand) total_mean += active.mean_per_day * interval;
  for (std::size_t candidate = 0; candidate < problem.nodes.size(); ++candidate) {
    double mean = 0.0;
    double variance = 0.0;
    double weighted_cost = 0.0;
    for (std::size_t active = 0; active < problem.demand.size(); ++active) {
      int arc = costs.arc_of(active, candidate);
      if (arc < 0) continue;
      double class_mean = problem.demand[active].mean_per_day * interval;
      mean += class_mean;
      variance += problem.demand[active].variance_per_day * interval;
      weighted_cost += class_mean * network.arc_cost[arc];
    }
    double w = costs.level_cost()[candidate];
    double level = 0.0;
    double expected_served = 0.0;
    if (mean > 0.0) {
      double arc_cost = weighted_cost / mean;
      inventory::Distribution demand = variance > mean * (1.0 + 1e-9)
                                           ? inventory::Distribution::negative_binomial(mean, variance)
                                           : inventory::Distribution::poisson(mean);
      double margin = lost_unit - arc_cost;
      if (margin > w) level = demand.quantile(1.0 - w / margin);
      level = std::clamp(level, lower[candidate], upper[candidate]);
      expected_served = mean - demand.loss(level);
      double cost = w * level + arc_cost * expected_served + lost_unit * (total_mean - expected_served);
      if (cost < best_cost) {
        best_cost = cost;
        best_level.assign(lower.begin(), lower.end());
        best_level[candidate] = level;
      }
    }
  }
  return best_level;
}

struct VendorChoice {
  std::size_t option = 0;
  double purchase = 0.0;
  double holding = 0.0;
  double inbound = 0.0;
  double priced_extra = 0.0;
  std::vector<NodeLevel> dc_levels;
};

// Evaluates every sourcing option for the flows through each DC (at each DC's cycle service) and
// keeps the cheapest.
VendorChoice choose_vendor(const PlanningNetwork& planning, SkuIndex sku, std::span<const double> dc_flow,
                           std::span<const double> dc_service, std::span<const double> dc_stock_days_priced,
                           double variance_ratio, const Prices& prices) {
  const network::Dataset& dataset = *planning.dataset;
  const network::Sku& spec = dataset.skus[sku];
  const double review = dataset.config.review_period_days;
  VendorChoice best;
  double best_total = std::numeric_limits<double>::infinity();
  auto sourcing = dataset.sourcing_of(sku);
  for (std::size_t index = 0; index < sourcing.size(); ++index) {
    const network::SourcingOption& option = sourcing[index];
    VendorChoice choice;
    choice.option = index;
    bool feasible = true;
    for (std::size_t dc_index = 0; dc_index < planning.dcs.size(); ++dc_index) {
      double flow = dc_flow[dc_index];
      NodeIndex dc = planning.dcs[dc_index];
      LaneIndex lane = dataset.network.lane_from_vendor(option.vendor, dc);
      if (!lane.valid()) {
        if (flow > 0.0) feasible = false;
        continue;
      }
      if (flow <= 0.0) continue;
      const network::Lane& route = dataset.network.lanes[lane];
      DcStock stock = dc_stock(dc_demand(option, route, flow, variance_ratio, review), dc_service[dc_index]);
      double order = std::max({flow * review, option.moq, option.case_pack});
      order = std::ceil(order / option.case_pack) * option.case_pack;
      // On hand: the safety stock, half an order and the backorders (E[(S - D)+] = S - E[D] + B).
      double on_hand = std::max(0.0, stock.safety) + order / 2.0 + stock.expected_backorders;
      double holding = option.unit_cost * planning.holding_rate[dc.value()] / kDaysPerYear;
      choice.purchase += option.unit_cost * flow;
      choice.holding += holding * on_hand;
      choice.inbound += (route.cost_per_unit + route.cost_per_m3 * spec.unit_volume_m3) * flow;
      std::size_t node = dc.value();
      // The FC layer already prices the DC's throughput and its least stock per unit shipped.
      choice.priced_extra += prices.storage.empty() ? 0.0
                                                    : prices.storage[node] * spec.unit_volume_m3 *
                                                          (on_hand - dc_stock_days_priced[dc_index] * flow);
      NodeLevel level;
      level.node = dc;
      level.order_up_to = std::ceil(stock.order_up_to);
      level.relaxed_level = stock.order_up_to;
      level.safety_stock = level.order_up_to - (stock.order_up_to - stock.safety);
      level.expected_on_hand = on_hand;
      level.shipped_per_day = flow;
      level.received_per_day = flow;
      choice.dc_levels.push_back(level);
    }
    if (!feasible) continue;
    double total = choice.purchase + choice.holding + choice.inbound + choice.priced_extra;
    if (total < best_total) {
      best_total = total;
      best = std::move(choice);
    }
  }
  if (best_total == std::numeric_limits<double>::infinity()) best.option = 0;
  return best;
}

// Fills in `plan` from its FC-layer levels: the policy outcome, the relaxed value at the levels,
// the vendor and DC levels, and the use of every priced resource.
void complete_plan(const PlanningNetwork& planning, const SkuProblem& problem, PolicyModel& policy,
                   RelaxedModel& relaxed, const Prices& prices, const SkuSolverOptions& options,
                   std::span<const double> level, std::span<const double> relaxed_level, SkuPlan& plan) {
  const network::Dataset& dataset = *planning.dataset;
  const SkuIndex sku = plan.sku;
  const std::size_t candidates = problem.nodes.size();
  const double demand_per_day = plan.demand_per_day;
  const double variance_per_day = plan.variance_per_day;
  plan.outcome = policy.outcome(level);
  plan.policy_priced = plan.outcome.total;
  plan.relaxed_priced = relaxed.evaluate(level, {});
  plan.relaxed_optimum_priced = std::min(plan.relaxed_optimum_priced, plan.relaxed_priced);

  // DC flows: what each DC ships to the stocking nodes it feeds.
  const std::size_t nodes = dataset.network.node_count();
  std::vector<double> dc_flow(planning.dcs.size(), 0.0);
  for (std::size_t candidate = 0; candidate < candidates; ++candidate) {
    NodeIndex feeder = planning.feeder[problem.nodes[candidate].node.value()];
    for (std::size_t dc = 0; dc < planning.dcs.size(); ++dc) {
      if (planning.dcs[dc] == feeder) dc_flow[dc] += plan.outcome.shipped[candidate];
    }
  }
  std::vector<double> dc_days(planning.dcs.size(), 0.0);
  std::vector<double> dc_service(planning.dcs.size(), 0.0);
  for (std::size_t dc = 0; dc < planning.dcs.size(); ++dc) {
    dc_service[dc] = feeder_cycle_service(planning, problem, planning.dcs[dc], options);
  }
  for (const CandidateNode& candidate : problem.nodes) {
    for (std::size_t dc = 0; dc < planning.dcs.size(); ++dc) {
      if (planning.dcs[dc] == candidate.feeder) dc_days[dc] = candidate.feeder_stock_days;
    }
  }
  double variance_ratio = demand_per_day > 0.0 ? variance_per_day / demand_per_day : 1.0;
  VendorChoice vendor = choose_vendor(planning, sku, dc_flow, dc_service, dc_days, variance_ratio, prices);
  auto sourcing = dataset.sourcing_of(sku);
  plan.sourcing_option = vendor.option;
  plan.vendor = sourcing.empty() ? VendorIndex::invalid() : sourcing[vendor.option].vendor;
  plan.purchase = vendor.purchase;
  plan.dc_holding = vendor.holding;
  plan.vendor_inbound = vendor.inbound;
  plan.dc_priced_extra = vendor.priced_extra;

  plan.storage_m3.assign(nodes, 0.0);
  plan.inbound_units.assign(nodes, 0.0);
  plan.outbound_units.assign(nodes, 0.0);
  const double volume = dataset.skus[sku].unit_volume_m3;
  for (std::size_t candidate = 0; candidate < candidates; ++candidate) {
    if (level[candidate] <= 0.0 && plan.outcome.shipped[candidate] <= 0.0) continue;
    NodeLevel entry;
    entry.node = problem.nodes[candidate].node;
    entry.order_up_to = level[candidate];
    entry.relaxed_level = relaxed_level[candidate];
    entry.safety_stock = level[candidate] - plan.outcome.shipped[candidate] * problem.protection_days;
    entry.expected_on_hand = std::max(0.0, plan.outcome.stock[candidate]);
    entry.shipped_per_day = plan.outcome.shipped[candidate];
    entry.received_per_day = plan.outcome.shipped[candidate];
    entry.fulfill_charge = policy.costs().charge(candidate);
    plan.levels.push_back(entry);
  }
  for (NodeLevel dc_level : vendor.dc_levels) {
    // A DC that serves customers too ranks its options like any other node.
    const int candidate = policy.costs().candidate_of(dc_level.node);
    if (candidate >= 0) dc_level.fulfill_charge = policy.costs().charge(static_cast<std::size_t>(candidate));
    plan.levels.push_back(dc_level);
  }
  for (const NodeLevel& entry : plan.levels) {
    std::size_t node = entry.node.value();
    plan.storage_m3[node] += volume * entry.expected_on_hand;
    plan.inbound_units[node] += entry.received_per_day;
    plan.outbound_units[node] += entry.shipped_per_day;
  }

  // The relaxed model's point: the use its priced value stands for (linear in the prices), so the
  // master's cut and supergradient come from one model.
  Outcome point = relaxed.outcome(relaxed_level);
  plan.relaxed_point_priced = point.total;
  plan.relaxed_on_time = point.on_time;
  plan.relaxed_storage_m3.assign(nodes, 0.0);
  plan.relaxed_inbound_units.assign(nodes, 0.0);
  plan.relaxed_outbound_units.assign(nodes, 0.0);
  for (std::size_t candidate = 0; candidate < candidates; ++candidate) {
    const CandidateNode& spec = problem.nodes[candidate];
    std::size_t node = spec.node.value();
    double shipped = point.shipped[candidate];
    plan.relaxed_storage_m3[node] += volume * point.stock[candidate];
    plan.relaxed_inbound_units[node] += shipped;
    plan.relaxed_outbound_units[node] += shipped;
    if (!spec.feeder.valid()) continue;
    std::size_t dc = spec.feeder.value();
    plan.relaxed_storage_m3[dc] += volume * spec.feeder_stock_days * shipped;
    plan.relaxed_inbound_units[dc] += shipped;
    plan.relaxed_outbound_units[dc] += shipped;
  }
}

}  // namespace

Tier tier_of(double demand_per_day, const SkuSolverOptions& options) {
  if (demand_per_day >= options.fast_units_per_day) return Tier::kFast;
  if (demand_per_day < options.slow_units_per_day) return Tier::kSlow;
  return Tier::kMedium;
}

std::string_view to_string(Tier tier) {
  switch (tier) {
    case Tier::kFast: return "fast";
    case Tier::kMedium: return "medium";
    case Tier::kSlow: return "slow";
  }
  return "slow";
}

namespace {

// build_sku_problem without the candidates' upstream costs and least DC stock (set_least_upstream).
SkuProblem build_problem_before_upstream(const PlanningNetwork& planning, SkuIndex sku,
                                         std::span<const DemandRate> rates, Tier tier,
                                         const SkuSolverOptions& options) {
  const network::Dataset& dataset = *planning.dataset;
  const network::Sku& spec = dataset.skus[sku];
  const auto& config = dataset.config;
  const std::size_t speeds = planning.speed_count();
  SkuProblem problem;
  problem.stream_key = hash_id(spec.id);
  problem.classes = &planning.classes;
  problem.network_nodes = dataset.network.node_count();
  problem.review_days = config.review_period_days;
  problem.unit_volume_m3 = spec.unit_volume_m3;
  problem.lost_sale_penalty =
      std::max(config.costs.lost_sale_minimum, config.costs.lost_sale_fraction * spec.price);
  for (const auto& speed : config.speeds) problem.downgrade_penalty.push_back(speed.downgrade_penalty);

  for (const DemandRate& rate : rates) {
    for (std::size_t index : planning.classes_by_cell[rate.region.value() * speeds + rate.speed.value()]) {
      double share = planning.classes[index].share;
      if (share <= 0.0) continue;
      double mean = share * rate.mean_per_day;
      // Thinning keeps the negative binomial's dispersion: var = s m + s^2 (v - m).
      double variance = share * rate.mean_per_day +
                        share * share * std::max(0.0, rate.variance_per_day - rate.mean_per_day);
      problem.demand.push_back({index, mean, std::max(mean, variance)});
    }
  }

  // Candidates: every stocking node not excluded for this SKU, with override bounds.
  std::vector<double> score(dataset.network.node_count(), 0.0);
  for (const ActiveClass& active : problem.demand) {
    const auto& eligible = planning.classes[active.class_index].eligible;
    for (std::size_t rank = 0; rank < eligible.size(); ++rank) {
      score[eligible[rank].node.value()] += active.mean_per_day / static_cast<double>(rank + 1);
    }
  }
  std::vector<NodeIndex> nodes;
  for (NodeIndex node : planning.stocking) {
    bool excluded = false;
    for (const auto& rule : dataset.overrides) {
      excluded |= rule.sku == sku && rule.kind == network::OverrideKind::kExcludeNode && rule.node == node;
    }
    if (!excluded) nodes.push_back(node);
  }
  if (tier == Tier::kMedium && nodes.size() > static_cast<std::size_t>(options.medium_candidates)) {
    std::stable_sort(nodes.begin(), nodes.end(), [&](NodeIndex a, NodeIndex b) {
      return score[a.value()] > score[b.value()];
    });
    nodes.resize(static_cast<std::size_t>(options.medium_candidates));
    std::sort(nodes.begin(), nodes.end());
  }
  double transit = 0.0;
  for (NodeIndex node : nodes) {
    CandidateNode candidate;
    candidate.node = node;
    candidate.holding_per_day = spec.unit_cost * planning.holding_rate[node.value()] / kDaysPerYear;
    candidate.inbound_cost_per_unit = planning.feeder_lane_cost_unit[node.value()] +
                                      planning.feeder_lane_cost_m3[node.value()] * spec.unit_volume_m3;
    for (const auto& rule : dataset.overrides) {
      if (rule.sku != sku || (rule.node.valid() && rule.node != node)) continue;
      if (rule.kind == network::OverrideKind::kMinLevel) candidate.min_level = rule.value;
      if (rule.kind == network::OverrideKind::kMaxLevel) candidate.max_level = rule.value;
      if (rule.kind == network::OverrideKind::kFixedLevel) {
        candidate.min_level = candidate.max_level = rule.value;
      }
    }
    candidate.feeder = planning.feeder[node.value()];
    transit += planning.feeder_transit[node.value()];
    problem.nodes.push_back(candidate);
  }
  // Each node waits its lane's transit and, where the DC's level is traded against that wait, on
  // average the delay its DC's shortfalls pass on (at a fixed high quantile a small fraction of a
  // day, left out as before).
  if (options.dc_cycle_service <= 0.0) {
    const DemandTotal total = total_of(rates);
    for (const CandidateNode& candidate : problem.nodes) {
      transit += feeder_delay_days(planning, sku, problem, candidate.feeder, total, options);
    }
  }
  double lead = nodes.empty() ? 0.0 : transit / static_cast<double>(nodes.size());
  problem.protection_days = problem.review_days + std::max(1.0, std::round(lead));
  return problem;
}

}  // namespace

SkuProblem build_sku_problem(const PlanningNetwork& planning, SkuIndex sku,
                             std::span<const DemandRate> rates, Tier tier,
                             const SkuSolverOptions& options) {
  SkuProblem problem = build_problem_before_upstream(planning, sku, rates, tier, options);
  const DemandTotal total = total_of(rates);
  set_least_upstream(planning, sku, total.mean, total.variance_ratio(), options, problem);
  return problem;
}

SkuModel build_sku_model(const PlanningNetwork& planning, SkuIndex sku, std::span<const DemandRate> rates,
                         Tier tier, const SkuSolverOptions& options) {
  SkuModel model;
  model.problem = build_problem_before_upstream(planning, sku, rates, tier, options);
  model.scenarios = draw_scenarios(model.problem, static_cast<std::size_t>(scenario_count(tier, options)),
                                   options.seed, Purpose::kDemandScenario);
  // No flow exceeds the scenarios' demand, which may be above the mean: take the chord there.
  const ScenarioSet& scenarios = model.scenarios;
  double sampled = 0.0;
  for (double units : scenarios.totals) sampled += units;
  sampled /= std::max<double>(1.0, static_cast<double>(scenarios.scenario_count)) * model.problem.protection_days;
  const DemandTotal total = total_of(rates);
  set_least_upstream(planning, sku, std::max(total.mean, sampled), total.variance_ratio(), options, model.problem);
  return model;
}

SkuPlan solve_sku(const PlanningNetwork& planning, SkuIndex sku, std::span<const DemandRate> rates,
                  const Prices& prices, const SkuSolverOptions& options) {
  const DemandTotal total = total_of(rates);
  SkuPlan plan;
  plan.sku = sku;
  plan.tier = tier_of(total.mean, options);
  plan.demand_per_day = total.mean;
  plan.variance_per_day = total.variance;
  SkuModel model = build_sku_model(planning, sku, rates, plan.tier, options);
  const SkuProblem& problem = model.problem;
  const ScenarioSet& scenarios = model.scenarios;
  plan.protection_days = problem.protection_days;
  CostModel costs(problem, prices);
  const std::size_t candidates = problem.nodes.size();
  RelaxedModel relaxed(costs, scenarios);
  PolicyModel policy(costs, scenarios);
  std::vector<double> lower(candidates), upper = upper_levels(costs, scenarios);
  for (std::size_t candidate = 0; candidate < candidates; ++candidate) {
    lower[candidate] = problem.nodes[candidate].min_level;
  }
  std::vector<double> relaxed_level;
  std::vector<double> level;
  if (plan.tier == Tier::kSlow || problem.demand.empty()) {
    // The closed form is the plan; a few cuts of the relaxed model from there certify it.
    level = closed_form_levels(costs, lower, upper);
    MinimizeOptions minimize;
    minimize.max_evaluations = options.slow_relaxed_evaluations;
    RelaxedSolution solution = minimize_relaxed(relaxed, level, lower, upper, minimize);
    relaxed_level = solution.level;
    plan.relaxed_optimum_priced = solution.value;
    plan.lower_bound_priced = solution.lower_bound;
  } else {
    MinimizeOptions minimize;
    bool fast = plan.tier == Tier::kFast;
    minimize.max_evaluations = fast ? options.fast_relaxed_evaluations : options.medium_relaxed_evaluations;
    RelaxedSolution solution = minimize_relaxed(relaxed, starting_levels(costs), lower, upper, minimize);
    relaxed_level = solution.level;
    plan.relaxed_optimum_priced = solution.value;
    plan.lower_bound_priced = solution.lower_bound;
    level = search_policy(policy, solution.level, lower, upper,
                          fast ? options.fast_policy_evaluations : options.medium_policy_evaluations)
                .level;
  }
  complete_plan(planning, problem, policy, relaxed, prices, options, level, relaxed_level, plan);
  return plan;
}

SkuPlan plan_at_levels(const PlanningNetwork& planning, SkuIndex sku, std::span<const DemandRate> rates,
                       std::span<const double> level, const Prices& prices,
                       const SkuSolverOptions& options) {
  const DemandTotal total = total_of(rates);
  SkuPlan plan;
  plan.sku = sku;
  plan.demand_per_day = total.mean;
  plan.variance_per_day = total.variance;
  plan.tier = tier_of(plan.demand_per_day, options);
  SkuModel model = build_sku_model(planning, sku, rates, plan.tier, options);
  const SkuProblem& problem = model.problem;
  const ScenarioSet& scenarios = model.scenarios;
  ECHELON_ASSERT(level.size() == problem.nodes.size(), "one level per candidate node");
  plan.protection_days = problem.protection_days;
  CostModel costs(problem, prices);
  RelaxedModel relaxed(costs, scenarios);
  PolicyModel policy(costs, scenarios);
  plan.relaxed_optimum_priced = std::numeric_limits<double>::infinity();
  complete_plan(planning, problem, policy, relaxed, prices, options, level, level, plan);
  // Given levels carry no certificate of their own: the bound is their relaxed value.
  plan.lower_bound_priced = plan.relaxed_priced;
  return plan;
}

int scenario_count(Tier tier, const SkuSolverOptions& options) {
  return tier == Tier::kFast     ? options.fast_scenarios
         : tier == Tier::kMedium ? options.medium_scenarios
                                 : options.slow_scenarios;
}

}  // namespace echelon::optimize

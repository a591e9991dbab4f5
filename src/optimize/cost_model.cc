// SPDX-License-Identifier: Apache-2.0
#include "optimize/cost_model.h"

#include <algorithm>

namespace echelon::optimize {
namespace {

double price_of(const std::vector<double>& prices, NodeIndex node) {
  return prices.empty() ? 0.0 : prices[node.value()];
}

}  // namespace

CostModel::CostModel(const SkuProblem& problem, const Prices& prices, std::span<const double> ranking)
    : problem_(problem) {
  const double review = problem.review_days;
  const double interval = problem.protection_days;
  const double cycle_share = 1.0 - review / (2.0 * interval);
  speed_count_ = problem.downgrade_penalty.size();
  candidate_of_.assign(problem.network_nodes, -1);
  network_.node_count = problem.nodes.size();
  for (std::size_t candidate = 0; candidate < problem.nodes.size(); ++candidate) {
    NodeIndex node = problem.nodes[candidate].node;
    candidate_of_[node.value()] = static_cast<int>(candidate);
    double storage = prices.storage.empty() ? 0.0 : prices.storage[node.value()];
    double w = problem.nodes[candidate].holding_per_day + problem.unit_volume_m3 * storage;
    level_cost_.push_back(w);
    served_weight_.push_back(w * cycle_share);
  }
  // Per candidate, what serving a unit from it costs besides the option's shipping: inbound and
  // vendor transport, the throughput prices of the node and of its DC (with the DC stock a unit
  // shipped needs), less the holding a unit served saves over the interval.
  std::vector<double> landed(problem.nodes.size(), 0.0);
  for (std::size_t candidate = 0; candidate < problem.nodes.size(); ++candidate) {
    const CandidateNode& node = problem.nodes[candidate];
    double throughput = price_of(prices.inbound, node.node) + price_of(prices.outbound, node.node);
    if (node.feeder.valid()) {
      throughput += price_of(prices.inbound, node.feeder) + price_of(prices.outbound, node.feeder) +
                    price_of(prices.storage, node.feeder) * problem.unit_volume_m3 * node.feeder_stock_days;
    }
    landed[candidate] = node.inbound_cost_per_unit + node.upstream_cost_per_unit + throughput -
                        served_weight_[candidate] * interval;
  }
  charge_ = landed;
  if (!ranking.empty()) {
    for (std::size_t candidate = 0; candidate < problem.nodes.size(); ++candidate) {
      charge_[candidate] = ranking[problem.nodes[candidate].node.value()];
    }
  }
  // Each class's arcs: its eligible options, then its fallback ones, each group ranked by shipping
  // plus charge (ties keep the network's order), the order the policy model and
  // fulfill::fulfill_ranked serve in.
  struct Option {
    std::uint32_t candidate;
    double shipping;
    double rank;    // shipping + charge
    double landed;  // shipping + landed cost under `prices`
  };
  std::vector<Option> group;
  std::vector<std::uint32_t> arc_nodes;
  std::vector<double> arc_costs;
  for (const ActiveClass& active : problem.demand) {
    const network::DemandClass& demand_class = (*problem.classes)[active.class_index];
    std::size_t speed = demand_class.speed.value();
    double reward = prices.service.empty() ? 0.0 : prices.service[speed];
    arc_nodes.clear();
    arc_costs.clear();
    auto add_options = [&](const std::vector<network::ServingOption>& options, bool on_time) {
      group.clear();
      for (const network::ServingOption& option : options) {
        int candidate = candidate_of_[option.node.value()];
        if (candidate < 0) continue;
        const auto index = static_cast<std::size_t>(candidate);
        group.push_back({static_cast<std::uint32_t>(candidate), option.cost_per_unit,
                         option.cost_per_unit + charge_[index], option.cost_per_unit + landed[index]});
      }
      std::stable_sort(group.begin(), group.end(),
                       [](const Option& a, const Option& b) { return a.rank < b.rank; });
      const double penalty = on_time ? 0.0 : problem.downgrade_penalty[speed];
      for (const Option& option : group) {
        arc_nodes.push_back(option.candidate);
        arc_costs.push_back((option.landed + penalty - (on_time ? reward : 0.0)) / interval);
        arcs_.push_back({option.candidate, static_cast<std::uint32_t>(speed), on_time, option.shipping, penalty});
      }
    };
    add_options(demand_class.eligible, true);
    add_options(demand_class.fallback, false);
    network_.add_class(arc_nodes, arc_costs, problem.lost_sale_penalty / review);
  }
}

int CostModel::arc_of(std::size_t active, std::size_t candidate) const {
  for (std::size_t arc = network_.arc_offset[active]; arc < network_.arc_offset[active + 1]; ++arc) {
    if (network_.arc_node[arc] == candidate) return static_cast<int>(arc);
  }
  return -1;
}

void CostModel::begin(Outcome& outcome, std::span<const double> level) const {
  const std::size_t candidates = level.size();
  outcome = Outcome{};
  outcome.stock.assign(level.begin(), level.end());
  outcome.shipped.assign(candidates, 0.0);
  outcome.demand.assign(speed_count_, 0.0);
  outcome.on_time.assign(speed_count_, 0.0);
  outcome.downgraded.assign(speed_count_, 0.0);
  outcome.lost.assign(speed_count_, 0.0);
  for (std::size_t candidate = 0; candidate < candidates; ++candidate) {
    outcome.total += level_cost_[candidate] * level[candidate];
    outcome.holding += problem_.nodes[candidate].holding_per_day * level[candidate];
  }
}

void CostModel::add(Outcome& outcome, std::span<const double> flow, std::span<const double> lost,
                    std::span<const double> class_totals,
                    std::span<const std::uint32_t> positive, double weight) const {
  const double interval = problem_.protection_days;
  const double review = problem_.review_days;
  const double cycle_share = 1.0 - review / (2.0 * interval);
  for (std::size_t active : positive) {
    std::size_t speed = (*problem_.classes)[problem_.demand[active].class_index].speed.value();
    outcome.demand[speed] += weight * class_totals[active] / interval;
    for (std::size_t arc = network_.arc_offset[active]; arc < network_.arc_offset[active + 1]; ++arc) {
      double units = flow[arc];
      if (units <= 0.0) continue;
      const ArcInfo& info = arcs_[arc];
      double per_day = weight * units / interval;
      outcome.total += weight * units * network_.arc_cost[arc];
      outcome.shipping += per_day * info.ship_cost;
      outcome.inbound += per_day * problem_.nodes[info.candidate].inbound_cost_per_unit;
      outcome.upstream += per_day * problem_.nodes[info.candidate].upstream_cost_per_unit;
      outcome.downgrade += per_day * info.downgrade_penalty;
      outcome.shipped[info.candidate] += per_day;
      double holding = problem_.nodes[info.candidate].holding_per_day;
      outcome.holding -= weight * units * holding * cycle_share;
      outcome.stock[info.candidate] -= weight * units * cycle_share;
      (info.on_time ? outcome.on_time : outcome.downgraded)[speed] += per_day;
    }
    if (lost[active] > 0.0) {
      outcome.total += weight * lost[active] * network_.lost_cost[active];
      outcome.lost_sale += weight * lost[active] * network_.lost_cost[active];
      outcome.lost[speed] += weight * lost[active] / review;  // the interval shortage is the cycle's
    }
  }
}

}  // namespace echelon::optimize

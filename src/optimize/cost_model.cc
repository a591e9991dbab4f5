// SPDX-License-Identifier: Apache-2.0
#include "optimize/cost_model.h"

#include <algorithm>

namespace echelon::optimize {

CostModel::CostModel(const SkuProblem& problem, const Prices& prices) : problem_(problem) {
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
  std::vector<std::uint32_t> arc_nodes;
  std::vector<double> arc_costs;
  for (const ActiveClass& active : problem.demand) {
    const network::DemandClass& demand_class = (*problem.classes)[active.class_index];
    std::size_t speed = demand_class.speed.value();
    double reward = prices.service.empty() ? 0.0 : prices.service[speed];
    arc_nodes.clear();
    arc_costs.clear();
    auto add_options = [&](const std::vector<network::ServingOption>& options, bool on_time) {
      for (const network::ServingOption& option : options) {
        int candidate = candidate_of_[option.node.value()];
        if (candidate < 0) continue;
        std::size_t node = option.node.value();
        double throughput = (prices.inbound.empty() ? 0.0 : prices.inbound[node]) +
                            (prices.outbound.empty() ? 0.0 : prices.outbound[node]);
        NodeIndex feeder = problem.nodes[candidate].feeder;
        if (feeder.valid()) {
          std::size_t dc = feeder.value();
          throughput += (prices.inbound.empty() ? 0.0 : prices.inbound[dc]) +
                        (prices.outbound.empty() ? 0.0 : prices.outbound[dc]) +
                        (prices.storage.empty() ? 0.0 : prices.storage[dc]) * problem.unit_volume_m3 *
                            problem.nodes[candidate].feeder_stock_days;
        }
        double penalty = on_time ? 0.0 : problem.downgrade_penalty[speed];
        double transport = problem.nodes[candidate].inbound_cost_per_unit +
                           problem.nodes[candidate].upstream_cost_per_unit;
        double per_unit =
            option.cost_per_unit + transport + penalty + throughput - (on_time ? reward : 0.0);
        arc_nodes.push_back(static_cast<std::uint32_t>(candidate));
        arc_costs.push_back(-served_weight_[candidate] + per_unit / interval);
        arcs_.push_back({static_cast<std::uint32_t>(candidate), static_cast<std::uint32_t>(speed),
                         on_time, option.cost_per_unit, penalty});
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

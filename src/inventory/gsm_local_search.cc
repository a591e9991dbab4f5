// SPDX-License-Identifier: Apache-2.0
#include "inventory/gsm_local_search.h"

#include <algorithm>
#include <cmath>

namespace echelon::inventory {

std::vector<double> improve_gsm_policy(const GsmNetwork& network, std::vector<double> outbound) {
  const std::size_t count = network.size();
  const std::vector<GsmStage>& stages = network.stages();
  const std::vector<GsmEdge>& edges = network.edges();
  std::vector<double> coefficient(count);
  for (std::size_t stage = 0; stage < count; ++stage) coefficient[stage] = network.cost_coefficient(stage);
  // Inbound CST of `stage` if supplier `changed` quoted `value` instead.
  auto inbound_with = [&](std::size_t stage, std::size_t changed, double value) {
    double inbound = stages[stage].external_inbound_cst;
    for (std::size_t edge : network.in_edges(stage)) {
      std::size_t supplier = edges[edge].from;
      inbound = std::max(inbound, supplier == changed ? value : outbound[supplier]);
    }
    return inbound;
  };
  auto stage_cost = [&](std::size_t stage, double inbound, double quoted) {
    double net = inbound + stages[stage].processing_time - quoted;
    return net < -1e-9 ? -1.0 : coefficient[stage] * std::sqrt(std::max(0.0, net));
  };
  std::vector<double> candidates;
  bool improved = true;
  for (int sweep = 0; improved && sweep < 100; ++sweep) {
    improved = false;
    for (std::size_t stage : network.topological_order()) {
      const GsmStage& data = stages[stage];
      double inbound = inbound_with(stage, count, 0.0);
      double top = std::min(data.max_outbound_cst, inbound + data.processing_time);
      candidates.assign({0.0, top});
      for (std::size_t edge : network.out_edges(stage)) {
        std::size_t customer = edges[edge].to;
        candidates.push_back(outbound[customer] - stages[customer].processing_time);
        double others = stages[customer].external_inbound_cst;
        for (std::size_t other : network.in_edges(customer)) {
          if (edges[other].from != stage) others = std::max(others, outbound[edges[other].from]);
        }
        candidates.push_back(others);
      }
      // Cost now of the stage and its customers.
      double current = stage_cost(stage, inbound, outbound[stage]);
      for (std::size_t edge : network.out_edges(stage)) {
        std::size_t customer = edges[edge].to;
        current += stage_cost(customer, inbound_with(customer, count, 0.0), outbound[customer]);
      }
      double best = current;
      double best_value = outbound[stage];
      for (double value : candidates) {
        if (value < 0.0 || value > top || value == outbound[stage]) continue;
        double total = stage_cost(stage, inbound, value);
        bool feasible = total >= 0.0;
        for (std::size_t edge : network.out_edges(stage)) {
          if (!feasible) break;
          std::size_t customer = edges[edge].to;
          double part = stage_cost(customer, inbound_with(customer, stage, value), outbound[customer]);
          feasible = part >= 0.0;
          total += part;
        }
        if (feasible && total < best - 1e-12 * std::max(1.0, best)) {
          best = total;
          best_value = value;
        }
      }
      if (best_value != outbound[stage]) {
        outbound[stage] = best_value;
        improved = true;
      }
    }
  }
  return outbound;
}

}  // namespace echelon::inventory

// SPDX-License-Identifier: Apache-2.0
#include "inventory/gsm_lagrangian.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "inventory/gsm_tree.h"

namespace echelon::inventory {

GsmLagrangianResult gsm_lagrangian_bound(const GsmNetwork& network, double upper_bound,
                                         double time_limit_seconds, int max_iterations) {
  const auto start = std::chrono::steady_clock::now();
  const std::size_t count = network.size();
  const std::vector<GsmStage>& stages = network.stages();
  const std::vector<GsmEdge>& edges = network.edges();
  GsmLagrangianResult result;
  for (const GsmStage& stage : stages) {
    for (double value : {stage.processing_time, stage.external_inbound_cst, stage.max_outbound_cst}) {
      if (std::isfinite(value) && value != std::floor(value)) return result;
    }
  }
  result.applicable = true;
  result.cost = upper_bound;
  result.lower_bound = -std::numeric_limits<double>::infinity();

  // Spanning forest by Kruskal, arcs between costly stages first.
  std::vector<std::size_t> by_weight(edges.size());
  std::iota(by_weight.begin(), by_weight.end(), 0);
  auto weight = [&](std::size_t edge) {
    return network.cost_coefficient(edges[edge].from) + network.cost_coefficient(edges[edge].to);
  };
  std::stable_sort(by_weight.begin(), by_weight.end(),
                   [&](std::size_t first, std::size_t second) { return weight(first) > weight(second); });
  std::vector<std::size_t> parent(count);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](std::size_t node) {
    while (parent[node] != node) node = parent[node] = parent[parent[node]];
    return node;
  };
  ForestProgram program;
  program.use_edge.assign(edges.size(), false);
  std::vector<std::size_t> priced;
  for (std::size_t edge : by_weight) {
    std::size_t first = find(edges[edge].from);
    std::size_t second = find(edges[edge].to);
    if (first != second) {
      parent[first] = second;
      program.use_edge[edge] = true;
    } else {
      priced.push_back(edge);
    }
  }
  std::vector<double> multiplier(priced.size(), 0.0);
  std::vector<double> subgradient(priced.size(), 0.0);
  double step_scale = 2.0;
  int stalled = 0;
  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > time_limit_seconds) break;
    program.outbound_price.assign(count, 0.0);
    program.inbound_price.assign(count, 0.0);
    for (std::size_t index = 0; index < priced.size(); ++index) {
      program.outbound_price[edges[priced[index]].from] += multiplier[index];
      program.inbound_price[edges[priced[index]].to] += multiplier[index];
    }
    ForestOptimum optimum = solve_forest_program(network, program);
    ++result.iterations;
    if (!std::isfinite(optimum.value)) break;  // no policy at all
    if (optimum.value > result.lower_bound + 1e-12 * std::abs(optimum.value)) {
      result.lower_bound = optimum.value;
      stalled = 0;
    } else if (++stalled >= 5) {
      step_scale *= 0.5;
      stalled = 0;
    }
    std::vector<double> policy = network.repair(std::vector<double>(optimum.outbound.begin(), optimum.outbound.end()));
    GsmEvaluation evaluation = network.evaluate(policy);
    if (evaluation.feasible && evaluation.cost < result.cost) {
      result.cost = evaluation.cost;
      result.outbound_cst = std::move(policy);
    }
    if (priced.empty() || result.cost - result.lower_bound <= 1e-9 * result.cost) break;
    double norm = 0.0;
    for (std::size_t index = 0; index < priced.size(); ++index) {
      const GsmEdge& edge = edges[priced[index]];
      double violation = optimum.outbound[edge.from] - optimum.inbound[edge.to];
      // Components that would push a zero multiplier below zero do not move.
      subgradient[index] = multiplier[index] <= 0.0 && violation < 0.0 ? 0.0 : violation;
      norm += subgradient[index] * subgradient[index];
    }
    if (norm == 0.0) break;  // the forest solution satisfies every priced arc: bound is tight
    double target = std::isfinite(result.cost) ? result.cost : 1.05 * std::abs(optimum.value) + 1.0;
    double step = step_scale * (target - optimum.value) / norm;
    for (std::size_t index = 0; index < priced.size(); ++index) {
      multiplier[index] = std::max(0.0, multiplier[index] + step * subgradient[index]);
    }
    if (step_scale < 1e-4) break;
  }
  return result;
}

}  // namespace echelon::inventory

// SPDX-License-Identifier: Apache-2.0
#include "inventory/gsm_tree.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace echelon::inventory {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

bool is_integer(double value) { return std::isinf(value) || value == std::floor(value); }

// Per stage: the function handed to the remaining neighbour and, for each of its arguments,
// the stage's own best partner value (SI for a function of S, S for a function of SI).
struct StageTable {
  bool of_outbound = true;       // true: f(S) (neighbour is a customer); false: g(SI)
  std::vector<double> value;     // over 0..M
  std::vector<int> partner;      // best SI for each S, or best S for each SI
};

}  // namespace

ForestOptimum solve_forest_program(const GsmNetwork& network, const ForestProgram& program) {
  const std::size_t count = network.size();
  const std::vector<GsmStage>& stages = network.stages();
  for (const GsmStage& stage : stages) {
    if (!is_integer(stage.processing_time) || !is_integer(stage.max_outbound_cst) ||
        !is_integer(stage.external_inbound_cst)) {
      throw std::invalid_argument("the tree solver needs integer times");
    }
  }
  std::vector<double> max_inbound = network.max_inbound_cst();
  int horizon = 0;
  for (std::size_t stage = 0; stage < count; ++stage) {
    horizon = std::max(horizon, static_cast<int>(max_inbound[stage] + stages[stage].processing_time));
  }
  const auto width = static_cast<std::size_t>(horizon) + 1;

  // Neighbours with the edge direction: +1 when the neighbour is a customer.
  struct Link {
    std::size_t stage;
    bool customer;
  };
  std::vector<std::vector<Link>> links(count);
  for (std::size_t index = 0; index < network.edges().size(); ++index) {
    if (!program.use_edge.empty() && !program.use_edge[index]) continue;
    const GsmEdge& edge = network.edges()[index];
    links[edge.from].push_back({edge.to, true});
    links[edge.to].push_back({edge.from, false});
  }
  // Leaf-first elimination order; `parent` is the one neighbour left when a stage goes.
  std::vector<std::size_t> degree(count);
  std::vector<bool> removed(count, false);
  std::vector<std::size_t> order;
  for (std::size_t stage = 0; stage < count; ++stage) {
    degree[stage] = links[stage].size();
    if (degree[stage] <= 1) order.push_back(stage);
  }
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> parent(count, kNone);
  std::vector<std::vector<std::size_t>> children(count);
  for (std::size_t next = 0; next < order.size(); ++next) {
    std::size_t stage = order[next];
    removed[stage] = true;
    for (const Link& link : links[stage]) {
      if (removed[link.stage]) continue;
      parent[stage] = link.stage;
      children[link.stage].push_back(stage);
      if (--degree[link.stage] == 1) order.push_back(link.stage);
    }
  }

  if (order.size() != count) throw std::invalid_argument("the GSM edges chosen do not form a forest");
  std::vector<StageTable> tables(count);
  // prefix[i][x] = min_{S <= x} f_i(S) with its argmin; suffix[i][x] = min_{SI >= x} g_i(SI).
  std::vector<std::vector<double>> reduced(count);
  std::vector<std::vector<int>> reduced_arg(count);
  auto own_cost = [&](std::size_t stage, int outbound, int inbound) {
    const GsmStage& data = stages[stage];
    if (outbound > data.max_outbound_cst || inbound < data.external_inbound_cst ||
        inbound > max_inbound[stage]) {
      return kInfinity;
    }
    double net = inbound + data.processing_time - outbound;
    if (net < 0.0) return kInfinity;
    double total = network.cost_coefficient(stage) * std::sqrt(net);
    if (!program.outbound_price.empty()) {
      total += program.outbound_price[stage] * outbound - program.inbound_price[stage] * inbound;
    }
    for (std::size_t child : children[stage]) {
      const StageTable& table = tables[child];
      total += table.of_outbound ? reduced[child][static_cast<std::size_t>(inbound)]
                                 : reduced[child][static_cast<std::size_t>(outbound)];
    }
    return total;
  };
  auto customer_of = [&](std::size_t stage, std::size_t other) {
    for (const Link& link : links[stage]) {
      if (link.stage == other) return link.customer;
    }
    return false;
  };

  std::vector<std::pair<int, int>> root_choice(count, {0, 0});
  std::vector<double> component_cost(count, 0.0);
  for (std::size_t stage : order) {
    StageTable& table = tables[stage];
    table.value.assign(width, kInfinity);
    table.partner.assign(width, 0);
    if (parent[stage] == kNone) {
      double best = kInfinity;
      for (int outbound = 0; outbound <= horizon; ++outbound) {
        for (int inbound = 0; inbound <= horizon; ++inbound) {
          double value = own_cost(stage, outbound, inbound);
          if (value < best) {
            best = value;
            root_choice[stage] = {outbound, inbound};
          }
        }
      }
      component_cost[stage] = best;
      continue;
    }
    table.of_outbound = customer_of(stage, parent[stage]);
    for (int argument = 0; argument <= horizon; ++argument) {
      for (int other = 0; other <= horizon; ++other) {
        double value = table.of_outbound ? own_cost(stage, argument, other) : own_cost(stage, other, argument);
        if (value < table.value[static_cast<std::size_t>(argument)]) {
          table.value[static_cast<std::size_t>(argument)] = value;
          table.partner[static_cast<std::size_t>(argument)] = other;
        }
      }
    }
    // A customer parent sees min over S <= its SI; a supplier parent sees min over SI >= its S.
    reduced[stage].assign(width, kInfinity);
    reduced_arg[stage].assign(width, 0);
    if (table.of_outbound) {
      for (std::size_t point = 0; point < width; ++point) {
        bool better = point == 0 || table.value[point] < reduced[stage][point - 1];
        reduced[stage][point] = better ? table.value[point] : reduced[stage][point - 1];
        reduced_arg[stage][point] = better ? static_cast<int>(point) : reduced_arg[stage][point - 1];
      }
    } else {
      for (std::size_t point = width; point-- > 0;) {
        bool better = point + 1 == width || table.value[point] <= reduced[stage][point + 1];
        reduced[stage][point] = better ? table.value[point] : reduced[stage][point + 1];
        reduced_arg[stage][point] = better ? static_cast<int>(point) : reduced_arg[stage][point + 1];
      }
    }
  }

  // Recover the CSTs from the roots down.
  std::vector<int> outbound(count, 0);
  std::vector<int> inbound(count, 0);
  for (auto position = order.rbegin(); position != order.rend(); ++position) {
    std::size_t stage = *position;
    if (parent[stage] == kNone) {
      outbound[stage] = root_choice[stage].first;
      inbound[stage] = root_choice[stage].second;
    } else {
      const StageTable& table = tables[stage];
      std::size_t up = parent[stage];
      if (table.of_outbound) {
        outbound[stage] = reduced_arg[stage][static_cast<std::size_t>(inbound[up])];
        inbound[stage] = table.partner[static_cast<std::size_t>(outbound[stage])];
      } else {
        inbound[stage] = reduced_arg[stage][static_cast<std::size_t>(outbound[up])];
        outbound[stage] = table.partner[static_cast<std::size_t>(inbound[stage])];
      }
    }
  }
  ForestOptimum optimum;
  optimum.outbound = std::move(outbound);
  optimum.inbound = std::move(inbound);
  for (std::size_t stage = 0; stage < count; ++stage) {
    if (parent[stage] == kNone) optimum.value += component_cost[stage];
  }
  return optimum;
}

GsmSolution solve_gsm_tree(const GsmNetwork& network) {
  if (!network.is_forest()) throw std::invalid_argument("the GSM network is not a tree");
  ForestOptimum optimum = solve_forest_program(network, ForestProgram{});
  GsmSolution solution;
  solution.outbound_cst = network.repair(std::vector<double>(optimum.outbound.begin(), optimum.outbound.end()));
  GsmEvaluation evaluation = network.evaluate(solution.outbound_cst);
  if (!std::isfinite(optimum.value) || !evaluation.feasible) {
    throw std::invalid_argument("the GSM instance has no feasible policy");
  }
  solution.cost = evaluation.cost;
  solution.lower_bound = evaluation.cost;
  solution.proven_optimal = true;
  return solution;
}

}  // namespace echelon::inventory

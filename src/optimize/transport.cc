// SPDX-License-Identifier: Apache-2.0
#include "optimize/transport.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <queue>

#include "core/assert.h"

namespace echelon::optimize {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kTolerance = 1e-9;

// Parent links of the shortest-path tree: how a vertex was reached.
enum ParentKind : std::int64_t { kForwardArc = 0, kBackwardArc = 1, kToLost = 2 };

std::int64_t encode(ParentKind kind, std::size_t index) {
  return static_cast<std::int64_t>(index) * 3 + kind;
}

}  // namespace

std::size_t TransportNetwork::add_class(std::span<const std::uint32_t> nodes,
                                        std::span<const double> costs, double lost) {
  ECHELON_ASSERT(nodes.size() == costs.size(), "one cost per arc");
  arc_node.insert(arc_node.end(), nodes.begin(), nodes.end());
  arc_cost.insert(arc_cost.end(), costs.begin(), costs.end());
  arc_offset.push_back(arc_node.size());
  lost_cost.push_back(lost);
  return class_count++;
}

TransportResult TransportSolver::solve(const TransportNetwork& network,
                                       std::span<const double> demand,
                                       std::span<const double> level) {
  const std::size_t classes = network.class_count;
  const std::size_t nodes = network.node_count;
  const std::size_t arcs = network.arc_node.size();
  flow_.assign(arcs, 0.0);
  lost_.assign(classes, 0.0);
  load_.assign(nodes, 0.0);
  potential_.assign(classes + nodes + 1, 0.0);
  node_arcs_.resize(nodes);
  for (auto& list : node_arcs_) list.clear();
  arc_class_.resize(arcs);

  // Every class takes its cheapest option as if nodes had no limit; potentials make every
  // residual arc's reduced cost non-negative (class potential = -cheapest cost).
  double cost = 0.0;
  for (std::size_t cls = 0; cls < classes; ++cls) {
    double best = network.lost_cost[cls];
    std::size_t best_arc = arcs;
    for (std::size_t arc = network.arc_offset[cls]; arc < network.arc_offset[cls + 1]; ++arc) {
      arc_class_[arc] = static_cast<std::uint32_t>(cls);
      node_arcs_[network.arc_node[arc]].push_back(arc);
      if (network.arc_cost[arc] < best) {
        best = network.arc_cost[arc];
        best_arc = arc;
      }
    }
    potential_[cls] = -best;
    if (demand[cls] <= 0.0) continue;
    if (best_arc == arcs) {
      lost_[cls] = demand[cls];
    } else {
      flow_[best_arc] = demand[cls];
      load_[network.arc_node[best_arc]] += demand[cls];
    }
    cost += best * demand[cls];
  }

  // Push the excess of overloaded nodes to slack or to lost sales along shortest paths.
  for (std::size_t node = 0; node < nodes; ++node) {
    while (load_[node] > level[node] + kTolerance) {
      if (!push_excess(network, level, node)) break;
    }
  }

  cost = 0.0;
  for (std::size_t arc = 0; arc < arcs; ++arc) cost += network.arc_cost[arc] * flow_[arc];
  for (std::size_t cls = 0; cls < classes; ++cls) cost += network.lost_cost[cls] * lost_[cls];
  compute_duals(network, level);
  return {cost, dual_, flow_, lost_};
}

bool TransportSolver::push_excess(const TransportNetwork& network, std::span<const double> level,
                                  std::size_t source_node) {
  const std::size_t classes = network.class_count;
  const std::size_t nodes = network.node_count;
  const std::size_t vertices = classes + nodes + 1;
  const std::size_t lost_vertex = classes + nodes;
  distance_.assign(vertices, kInfinity);
  parent_arc_.assign(vertices, -1);
  parent_vertex_.assign(vertices, 0);
  done_.assign(vertices, 0);

  using Entry = std::pair<double, std::uint32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  std::size_t source = classes + source_node;
  distance_[source] = 0.0;
  queue.push({0.0, static_cast<std::uint32_t>(source)});
  std::size_t terminal = vertices;
  auto relax = [&](std::size_t from, std::size_t to, double reduced, std::int64_t how) {
    double candidate = distance_[from] + std::max(0.0, reduced);
    if (candidate < distance_[to]) {
      distance_[to] = candidate;
      parent_arc_[to] = how;
      parent_vertex_[to] = static_cast<std::uint32_t>(from);
      queue.push({candidate, static_cast<std::uint32_t>(to)});
    }
  };
  while (!queue.empty()) {
    auto [dist, vertex] = queue.top();
    queue.pop();
    if (done_[vertex] || dist > distance_[vertex]) continue;
    done_[vertex] = 1;
    bool is_node = vertex >= classes && vertex < lost_vertex;
    if (vertex == lost_vertex ||
        (is_node && vertex != source && load_[vertex - classes] < level[vertex - classes] - kTolerance)) {
      terminal = vertex;
      break;
    }
    if (is_node) {
      // Take flow back from a class this node serves.
      for (std::size_t arc : node_arcs_[vertex - classes]) {
        if (flow_[arc] <= kTolerance) continue;
        std::size_t cls = arc_class_[arc];
        double reduced = -network.arc_cost[arc] + potential_[vertex] - potential_[cls];
        relax(vertex, cls, reduced, encode(kBackwardArc, arc));
      }
    } else {
      std::size_t cls = vertex;
      for (std::size_t arc = network.arc_offset[cls]; arc < network.arc_offset[cls + 1]; ++arc) {
        std::size_t to = classes + network.arc_node[arc];
        double reduced = network.arc_cost[arc] + potential_[cls] - potential_[to];
        relax(cls, to, reduced, encode(kForwardArc, arc));
      }
      double reduced = network.lost_cost[cls] + potential_[cls] - potential_[lost_vertex];
      relax(cls, lost_vertex, reduced, encode(kToLost, cls));
    }
  }
  if (terminal == vertices) return false;  // cannot happen: lost sales always have room

  // Potentials: pi += min(d(v), d(terminal)) keeps every reduced cost non-negative.
  double cap = distance_[terminal];
  for (std::size_t vertex = 0; vertex < vertices; ++vertex) {
    potential_[vertex] += std::min(distance_[vertex], cap);
  }

  // Bottleneck: the source's excess, backward flows on the path, the terminal's slack.
  double amount = load_[source_node] - level[source_node];
  if (terminal != lost_vertex) {
    amount = std::min(amount, level[terminal - classes] - load_[terminal - classes]);
  }
  for (std::size_t vertex = terminal; vertex != source; vertex = parent_vertex_[vertex]) {
    std::int64_t how = parent_arc_[vertex];
    if (how % 3 == kBackwardArc) amount = std::min(amount, flow_[how / 3]);
  }
  for (std::size_t vertex = terminal; vertex != source; vertex = parent_vertex_[vertex]) {
    std::int64_t how = parent_arc_[vertex];
    std::size_t index = static_cast<std::size_t>(how / 3);
    switch (static_cast<ParentKind>(how % 3)) {
      case kForwardArc: flow_[index] += amount; break;
      case kBackwardArc: flow_[index] -= amount; break;
      case kToLost: lost_[index] += amount; break;
    }
  }
  load_[source_node] -= amount;
  if (terminal != lost_vertex) load_[terminal - classes] += amount;
  return amount > 0.0;
}

void TransportSolver::compute_duals(const TransportNetwork& network,
                                    std::span<const double> level) {
  // Shortest distances from a virtual root (0 to every vertex) over the residual graph with a
  // super sink T behind every node with slack and behind lost sales. They are valid potentials;
  // the node dual is max(0, pi(T) - pi(node)).
  const std::size_t classes = network.class_count;
  const std::size_t nodes = network.node_count;
  const std::size_t lost_vertex = classes + nodes;
  const std::size_t sink = lost_vertex + 1;
  const std::size_t vertices = sink + 1;
  distance_.assign(vertices, 0.0);
  done_.assign(vertices, 1);  // "in queue" flags
  std::deque<std::size_t> queue;
  for (std::size_t vertex = 0; vertex < vertices; ++vertex) queue.push_back(vertex);
  double total_lost = 0.0;
  for (double lost : lost_) total_lost += lost;
  auto relax = [&](std::size_t from, std::size_t to, double cost) {
    if (distance_[from] + cost < distance_[to] - 1e-12) {
      distance_[to] = distance_[from] + cost;
      if (!done_[to]) {
        done_[to] = 1;
        queue.push_back(to);
      }
    }
  };
  std::size_t relaxations = 0;
  const std::size_t limit = 64 * vertices * (network.arc_node.size() + vertices);
  while (!queue.empty() && relaxations < limit) {
    std::size_t vertex = queue.front();
    queue.pop_front();
    done_[vertex] = 0;
    ++relaxations;
    if (vertex < classes) {
      for (std::size_t arc = network.arc_offset[vertex]; arc < network.arc_offset[vertex + 1]; ++arc) {
        relax(vertex, classes + network.arc_node[arc], network.arc_cost[arc]);
      }
      relax(vertex, lost_vertex, network.lost_cost[vertex]);
    } else if (vertex < lost_vertex) {
      std::size_t node = vertex - classes;
      for (std::size_t arc : node_arcs_[node]) {
        if (flow_[arc] > kTolerance) relax(vertex, arc_class_[arc], -network.arc_cost[arc]);
      }
      if (load_[node] < level[node] - kTolerance) relax(vertex, sink, 0.0);
    } else if (vertex == lost_vertex) {
      for (std::size_t cls = 0; cls < classes; ++cls) {
        if (lost_[cls] > kTolerance) relax(vertex, cls, -network.lost_cost[cls]);
      }
      relax(vertex, sink, 0.0);
    } else {
      for (std::size_t node = 0; node < nodes; ++node) {
        if (load_[node] > kTolerance) relax(sink, classes + node, 0.0);
      }
      if (total_lost > kTolerance) relax(sink, lost_vertex, 0.0);
    }
  }
  dual_.assign(nodes, 0.0);
  for (std::size_t node = 0; node < nodes; ++node) {
    dual_[node] = std::max(0.0, distance_[sink] - distance_[classes + node]);
  }
}

}  // namespace echelon::optimize

// SPDX-License-Identifier: Apache-2.0
#include "optimize/transport.h"

#include <algorithm>
#include <limits>

#include "core/assert.h"

namespace echelon::optimize {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kTolerance = 1e-9;

}  // namespace

std::size_t TransportNetwork::add_class(std::span<const std::uint32_t> nodes,
                                        std::span<const double> costs, double lost) {
  ECHELON_ASSERT(nodes.size() == costs.size(), "one cost per arc");
  const std::size_t first = arc_node.size();
  std::size_t best_arc = TransportNetwork::kLost;
  double best = lost;
  for (std::size_t index = 0; index < costs.size(); ++index) {
    if (costs[index] < best) {
      best = costs[index];
      best_arc = first + index;
    }
  }
  arc_node.insert(arc_node.end(), nodes.begin(), nodes.end());
  arc_cost.insert(arc_cost.end(), costs.begin(), costs.end());
  arc_class.insert(arc_class.end(), nodes.size(), static_cast<std::uint32_t>(class_count));
  arc_offset.push_back(arc_node.size());
  lost_cost.push_back(lost);
  cheapest_arc.push_back(best_arc);
  return class_count++;
}

TransportResult TransportSolver::solve(const TransportNetwork& network,
                                       std::span<const double> demand,
                                       std::span<const double> level) {
  positive_.clear();
  for (std::size_t cls = 0; cls < network.class_count; ++cls) {
    if (demand[cls] > 0.0) positive_.push_back(static_cast<std::uint32_t>(cls));
  }
  return solve(network, demand, positive_, level);
}

TransportResult TransportSolver::solve(const TransportNetwork& network,
                                       std::span<const double> demand,
                                       std::span<const std::uint32_t> positive,
                                       std::span<const double> level) {
  const std::size_t classes = network.class_count;
  const std::size_t nodes = network.node_count;
  const std::size_t arcs = network.arc_node.size();
  width_ = nodes + 1;
  if (flow_.size() != arcs) {
    flow_.assign(arcs, 0.0);
  } else {
    for (std::size_t arc : touched_) flow_[arc] = 0.0;
  }
  touched_.clear();
  lost_.assign(classes, 0.0);
  load_.assign(nodes, 0.0);
  dual_.assign(nodes, 0.0);
  node_arcs_.resize(nodes);
  for (auto& list : node_arcs_) list.clear();

  // Every class takes its cheapest option as if nodes had no limit.
  double cost = 0.0;
  for (std::size_t cls : positive) {
    std::size_t best_arc = network.cheapest_arc[cls];
    if (best_arc == TransportNetwork::kLost) {
      lost_[cls] = demand[cls];
      cost += network.lost_cost[cls] * demand[cls];
    } else {
      flow_[best_arc] = demand[cls];
      touched_.push_back(best_arc);
      load_[network.arc_node[best_arc]] += demand[cls];
      node_arcs_[network.arc_node[best_arc]].push_back(best_arc);
      cost += network.arc_cost[best_arc] * demand[cls];
    }
  }
  bool overloaded = false;
  for (std::size_t node = 0; node < nodes; ++node) {
    overloaded = overloaded || load_[node] > level[node] + kTolerance;
  }
  if (!overloaded) return {cost, dual_, flow_, lost_};

  // Contracted graph rows; node potentials start at 0, which keeps every reduced cost
  // non-negative because every class sits at its cheapest option.
  move_cost_.assign(width_ * width_, kInfinity);
  move_arc_.assign(width_ * width_, -1);
  move_to_.assign(width_ * width_, -1);
  potential_.assign(width_, 0.0);
  // Rows are built when first needed: a Dijkstra pops the node, or the duals need every row.
  row_stale_.assign(nodes, 1);

  // Each push saturates a class move, a slack or the excess; the cap only guards against
  // round-off cycling on degenerate instances.
  std::size_t pushes_left = 64 * (classes + nodes + 1) + 1024;
  for (std::size_t node = 0; node < nodes; ++node) {
    while (load_[node] > level[node] + kTolerance && pushes_left > 0) {
      --pushes_left;
      if (!push_excess(network, level, node)) break;
    }
  }

  cost = 0.0;
  for (std::size_t cls : positive) {
    for (std::size_t arc = network.arc_offset[cls]; arc < network.arc_offset[cls + 1]; ++arc) {
      cost += network.arc_cost[arc] * flow_[arc];
    }
    cost += network.lost_cost[cls] * lost_[cls];
  }
  compute_duals(network, positive, level);
  return {cost, dual_, flow_, lost_};
}

void TransportSolver::refresh_row(const TransportNetwork& network, std::size_t node) {
  double* cost_row = move_cost_.data() + node * width_;
  std::int64_t* arc_row = move_arc_.data() + node * width_;
  std::int64_t* to_row = move_to_.data() + node * width_;
  std::fill(cost_row, cost_row + width_, kInfinity);
  std::fill(arc_row, arc_row + width_, -1);
  auto& arcs_here = node_arcs_[node];
  // Drop arcs whose flow has gone; keep the rest.
  arcs_here.erase(std::remove_if(arcs_here.begin(), arcs_here.end(),
                                 [&](std::size_t arc) { return flow_[arc] <= kTolerance; }),
                  arcs_here.end());
  const std::size_t lost_vertex = width_ - 1;
  for (std::size_t arc : arcs_here) {
    std::size_t cls = network.arc_class[arc];
    double base = network.arc_cost[arc];
    for (std::size_t other = network.arc_offset[cls]; other < network.arc_offset[cls + 1]; ++other) {
      std::size_t to = network.arc_node[other];
      if (to == node) continue;
      double move = network.arc_cost[other] - base;
      if (move < cost_row[to]) {
        cost_row[to] = move;
        arc_row[to] = static_cast<std::int64_t>(arc);
        to_row[to] = static_cast<std::int64_t>(other);
      }
    }
    double to_lost = network.lost_cost[cls] - base;
    if (to_lost < cost_row[lost_vertex]) {
      cost_row[lost_vertex] = to_lost;
      arc_row[lost_vertex] = static_cast<std::int64_t>(arc);
      to_row[lost_vertex] = -1;
    }
  }
}

bool TransportSolver::push_excess(const TransportNetwork& network, std::span<const double> level,
                                  std::size_t source) {
  const std::size_t nodes = network.node_count;
  const std::size_t lost_vertex = nodes;
  distance_.assign(width_, kInfinity);
  parent_.assign(width_, 0);
  done_.assign(width_, 0);
  distance_[source] = 0.0;
  std::size_t terminal = width_;
  // Dense Dijkstra: the contracted graph has only N + 1 vertices.
  while (true) {
    std::size_t vertex = width_;
    double best = kInfinity;
    for (std::size_t candidate = 0; candidate < width_; ++candidate) {
      if (!done_[candidate] && distance_[candidate] < best) {
        best = distance_[candidate];
        vertex = candidate;
      }
    }
    if (vertex == width_) break;
    done_[vertex] = 1;
    if (vertex != lost_vertex && row_stale_[vertex]) {
      refresh_row(network, vertex);
      row_stale_[vertex] = 0;
    }
    if (vertex == lost_vertex || (vertex != source && load_[vertex] < level[vertex] - kTolerance)) {
      terminal = vertex;
      break;
    }
    const double* row = move_cost_.data() + vertex * width_;
    for (std::size_t to = 0; to < width_; ++to) {
      if (done_[to] || row[to] == kInfinity) continue;
      double reduced = std::max(0.0, row[to] + potential_[vertex] - potential_[to]);
      if (distance_[vertex] + reduced < distance_[to]) {
        distance_[to] = distance_[vertex] + reduced;
        parent_[to] = static_cast<std::uint32_t>(vertex);
      }
    }
  }
  if (terminal == width_) return false;  // cannot happen: lost sales always have room
  double cap = distance_[terminal];
  for (std::size_t vertex = 0; vertex < width_; ++vertex) {
    potential_[vertex] += std::min(distance_[vertex], cap);
  }

  // Bottleneck: the excess, the class flows moved at each hop, the terminal's slack.
  double amount = load_[source] - level[source];
  if (terminal != lost_vertex) amount = std::min(amount, level[terminal] - load_[terminal]);
  for (std::size_t vertex = terminal; vertex != source; vertex = parent_[vertex]) {
    std::size_t from = parent_[vertex];
    amount = std::min(amount, flow_[move_arc_[from * width_ + vertex]]);
  }
  for (std::size_t vertex = terminal; vertex != source; vertex = parent_[vertex]) {
    std::size_t from = parent_[vertex];
    std::size_t arc = static_cast<std::size_t>(move_arc_[from * width_ + vertex]);
    std::int64_t to_arc = move_to_[from * width_ + vertex];
    flow_[arc] -= amount;
    load_[from] -= amount;
    if (to_arc < 0) {
      lost_[network.arc_class[arc]] += amount;
    } else {
      if (flow_[to_arc] <= kTolerance) {
        node_arcs_[vertex].push_back(static_cast<std::size_t>(to_arc));
        touched_.push_back(static_cast<std::size_t>(to_arc));
      }
      flow_[to_arc] += amount;
      load_[vertex] += amount;
    }
  }
  // Rows of every node on the path changed.
  for (std::size_t vertex = terminal; vertex != source; vertex = parent_[vertex]) {
    if (vertex != lost_vertex) row_stale_[vertex] = 1;
  }
  row_stale_[source] = 1;
  return amount > kTolerance;
}

void TransportSolver::compute_duals(const TransportNetwork& network,
                                    std::span<const std::uint32_t> positive,
                                    std::span<const double> level) {
  // Shortest distances from a virtual root over the contracted residual graph with a super sink
  // T: nodes with slack and "lost" lead to T; T leads back to nodes that ship and to "lost" when
  // units are lost; "lost" leads to a node through a class it serves partly (c_at - p_a). They
  // are valid potentials, and the node dual is max(0, d(T) - d(node)).
  const std::size_t nodes = network.node_count;
  const std::size_t lost_vertex = nodes;
  const std::size_t sink = nodes + 1;
  for (std::size_t node = 0; node < nodes; ++node) {
    if (row_stale_[node]) refresh_row(network, node);
  }
  const std::size_t vertices = nodes + 2;
  std::vector<double>& from_lost = distance_;  // reuse: cheapest lost -> node move
  from_lost.assign(nodes, kInfinity);
  double total_lost = 0.0;
  for (std::size_t cls : positive) {
    if (lost_[cls] <= kTolerance) continue;
    total_lost += lost_[cls];
    for (std::size_t arc = network.arc_offset[cls]; arc < network.arc_offset[cls + 1]; ++arc) {
      from_lost[network.arc_node[arc]] =
          std::min(from_lost[network.arc_node[arc]], network.arc_cost[arc] - network.lost_cost[cls]);
    }
  }
  std::vector<double>& edge = edge_;
  edge.assign(vertices * vertices, kInfinity);
  for (std::size_t from = 0; from < nodes; ++from) {
    std::copy_n(move_cost_.data() + from * width_, width_, edge.data() + from * vertices);
    if (load_[from] < level[from] - kTolerance) edge[from * vertices + sink] = 0.0;
    if (load_[from] > kTolerance) edge[sink * vertices + from] = 0.0;
  }
  for (std::size_t to = 0; to < nodes; ++to) edge[lost_vertex * vertices + to] = from_lost[to];
  edge[lost_vertex * vertices + sink] = 0.0;
  if (total_lost > kTolerance) edge[sink * vertices + lost_vertex] = 0.0;
  // Shortest distances from a virtual root joined to every vertex at cost 0, by label
  // correcting over a FIFO queue (Bellman-Ford that rescans only vertices whose distance
  // dropped). No negative cycles at an optimum; the relaxation budget bounds round-off loops.
  std::vector<double>& distance = potential_;  // reuse: the pushes are done
  distance.assign(vertices, 0.0);
  queue_.clear();
  queued_.assign(vertices, 1);
  for (std::size_t vertex = 0; vertex < vertices; ++vertex) {
    queue_.push_back(static_cast<std::uint32_t>(vertex));
  }
  std::size_t budget = vertices * vertices;
  for (std::size_t head = 0; head < queue_.size() && budget > 0; ++head, --budget) {
    std::size_t from = queue_[head];
    queued_[from] = 0;
    const double* row = edge.data() + from * vertices;
    for (std::size_t to = 0; to < vertices; ++to) {
      if (row[to] == kInfinity) continue;
      if (distance[from] + row[to] < distance[to] - 1e-12) {
        distance[to] = distance[from] + row[to];
        if (!queued_[to]) {
          queued_[to] = 1;
          queue_.push_back(static_cast<std::uint32_t>(to));
        }
      }
    }
  }
  for (std::size_t node = 0; node < nodes; ++node) {
    dual_[node] = std::max(0.0, distance[sink] - distance[node]);
  }
}

}  // namespace echelon::optimize

// SPDX-License-Identifier: Apache-2.0
// The hindsight-optimal allocation of one scenario's demand to stocked nodes: a transportation
// problem. Classes (demand classes with positive demand) ship from nodes along arcs (an on-time
// or a fallback option, with a cost per unit) or lose the unit (a lost-sale cost per unit);
// node n ships at most its level S_n in total:
//
//   min  sum_arcs cost * x + sum_classes lost_cost * u
//   s.t. sum_{n} x_{a,n} + u_a = d_a   for every class a,   sum_{a} x_{a,n} <= S_n,   x, u >= 0.
//
// Solved exactly by successive shortest paths: every class first takes its cheapest option as if
// nodes had no limit (optimal without the capacity rows), then the excess of overloaded nodes is
// pushed along shortest residual paths to nodes with slack or to lost sales. Paths run on the
// contracted graph of nodes (plus "lost"): the edge n -> m costs the cheapest move of one unit of
// a class served at n over to m (c_am - c_an), so a shortest path costs O(N^2) whatever the
// number of classes, and a node's row is rebuilt only when a path search or the duals need it
// after its classes changed. Node duals (the value of one more unit at a node, >= 0) come from
// shortest-path potentials of the final residual graph. Costs may be negative (serving saves
// holding cost). Buffers are reused.
// When every class's cheapest option fits (the common case at sensible levels), that assignment
// is optimal for these levels and for any higher ones, so all duals are 0 and no graph is built.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace echelon::optimize {

// The fixed structure of a SKU's allocation problem: arcs by class. Arc costs are per unit.
struct TransportNetwork {
  std::size_t node_count = 0;
  std::size_t class_count = 0;
  // Arcs of class a are arc_node/arc_cost[arc_offset[a] .. arc_offset[a+1]).
  std::vector<std::size_t> arc_offset{0};
  std::vector<std::uint32_t> arc_node;
  std::vector<double> arc_cost;
  std::vector<double> lost_cost;  // per class
  static constexpr std::size_t kLost = SIZE_MAX;
  // Derived by add_class: the class of every arc, and each class's cheapest arc (kLost when
  // losing the unit is cheapest).
  std::vector<std::uint32_t> arc_class;
  std::vector<std::size_t> cheapest_arc;

  // Appends a class with its arcs; returns its index.
  std::size_t add_class(std::span<const std::uint32_t> nodes, std::span<const double> costs,
                        double lost);
};

struct TransportResult {
  double cost = 0.0;               // optimal objective
  std::span<const double> dual;    // per node: value of one more unit of S_n (>= 0)
  std::span<const double> flow;    // per arc: units shipped
  std::span<const double> lost;    // per class: units lost
};

class TransportSolver {
 public:
  // Solves for `demand` (per class, >= 0) and `level` (per node, >= 0). The result's spans stay
  // valid until the next solve.
  TransportResult solve(const TransportNetwork& network, std::span<const double> demand,
                        std::span<const double> level);
  // The same, given the classes with positive demand (ascending): the work then scales with
  // them rather than with every class of the SKU.
  TransportResult solve(const TransportNetwork& network, std::span<const double> demand,
                        std::span<const std::uint32_t> positive, std::span<const double> level);

 private:
  // Cheapest moves out of node `node` (row of the contracted graph): to every node and to lost.
  void refresh_row(const TransportNetwork& network, std::size_t node);
  // One shortest path from an overloaded node to slack or lost, and the augmentation along it.
  bool push_excess(const TransportNetwork& network, std::span<const double> level,
                   std::size_t source);
  void compute_duals(const TransportNetwork& network, std::span<const std::uint32_t> positive,
                     std::span<const double> level);

  std::size_t width_ = 0;              // node_count + 1 (the last vertex is "lost")
  std::vector<double> flow_;
  std::vector<double> lost_;
  std::vector<double> load_;
  std::vector<double> dual_;
  std::vector<double> move_cost_;      // [from * width + to]: cheapest c_at - c_an (or p_a - c_an)
  std::vector<std::int64_t> move_arc_; // the arc (a, from) of that class; -1 none
  std::vector<std::int64_t> move_to_;  // the arc (a, to), or -1 for lost
  std::vector<double> potential_;
  std::vector<double> distance_;
  std::vector<std::uint32_t> parent_;
  std::vector<char> done_;
  std::vector<char> row_stale_;        // per node: its row must be rebuilt before use
  std::vector<std::vector<std::size_t>> node_arcs_;  // arcs into each node
  std::vector<std::uint32_t> positive_;  // solve without a list: the classes with demand
  std::vector<std::size_t> touched_;   // arcs that carried flow (cleared at the next solve)
  std::vector<double> edge_;           // compute_duals: dense residual graph with a sink
  std::vector<std::uint32_t> queue_;   // compute_duals: vertices whose distance dropped
  std::vector<char> queued_;
};

}  // namespace echelon::optimize

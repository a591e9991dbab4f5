// SPDX-License-Identifier: Apache-2.0
// The per-unit costs of one SKU under prices (the coefficients written in sku_problem.h), laid
// out as a transportation network over its candidate nodes, with what each arc means (node,
// speed, on time or downgrade, shipping cost), so both the relaxed and the policy model price
// an allocation the same way and report the same breakdown. Each class's arcs list its stocked
// options in the policy's serving order: eligible before fallback, each group by landed cost
// (shipping plus the serving node's charge: its landed cost under the prices).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "optimize/sku_problem.h"
#include "optimize/transport.h"

namespace echelon::optimize {

struct ArcInfo {
  std::uint32_t candidate = 0;   // index into SkuProblem::nodes
  std::uint32_t speed = 0;       // speed of the demand class
  bool on_time = true;           // false: a fallback (downgrade)
  double ship_cost = 0.0;        // per unit
  double downgrade_penalty = 0.0;
};

// Expected per-day outcome of an allocation policy at given levels (averaged over scenarios).
struct Outcome {
  double total = 0.0;           // the objective (includes prices and rewards)
  double holding = 0.0;         // h * average stock
  double shipping = 0.0;
  double inbound = 0.0;         // transport into the nodes
  double upstream = 0.0;        // cheapest vendor cost of the units served (in `total` only)
  double downgrade = 0.0;       // penalties
  double lost_sale = 0.0;       // penalties
  std::vector<double> stock;    // average units on hand per candidate
  std::vector<double> shipped;  // units shipped per day per candidate (= units received)
  std::vector<double> demand;   // per speed, units per day
  std::vector<double> on_time;  // per speed
  std::vector<double> downgraded;  // per speed
  std::vector<double> lost;     // per speed
};

class CostModel {
 public:
  // `ranking` (per network node, index = NodeIndex value), when given, replaces the charges that
  // rank the options (a plan's own, set at the prices it was chosen at) while the costs stay
  // those of `prices`.
  CostModel(const SkuProblem& problem, const Prices& prices, std::span<const double> ranking = {});

  [[nodiscard]] const SkuProblem& problem() const { return problem_; }
  [[nodiscard]] const TransportNetwork& network() const { return network_; }
  [[nodiscard]] std::span<const double> level_cost() const { return level_cost_; }
  [[nodiscard]] const ArcInfo& arc(std::size_t index) const { return arcs_[index]; }
  // Arc of active class `active` at candidate `candidate`, or -1.
  [[nodiscard]] int arc_of(std::size_t active, std::size_t candidate) const;
  // Candidate index of a network node, or -1.
  [[nodiscard]] int candidate_of(NodeIndex node) const { return candidate_of_[node.value()]; }
  [[nodiscard]] std::size_t speed_count() const { return speed_count_; }
  // Per unit served from candidate `candidate`, what its options cost besides shipping (transport
  // to it, throughput prices, less the holding saved): the rank key fulfill::fulfill_ranked adds.
  [[nodiscard]] double charge(std::size_t candidate) const { return charge_[candidate]; }

  // Starts an outcome for levels `level`: the level cost and the stock held.
  void begin(Outcome& outcome, std::span<const double> level) const;
  // Adds one scenario's allocation (units over the interval) with weight `weight`.
  // Only the classes in `positive` (ascending) are read: the others have no units.
  void add(Outcome& outcome, std::span<const double> flow, std::span<const double> lost,
           std::span<const double> class_totals, std::span<const std::uint32_t> positive,
           double weight) const;

 private:
  const SkuProblem& problem_;
  std::size_t speed_count_ = 0;
  TransportNetwork network_;
  std::vector<ArcInfo> arcs_;
  std::vector<double> level_cost_;      // w_n
  std::vector<double> served_weight_;   // w_n (1 - R / 2T), holding saved per unit served
  std::vector<double> charge_;          // per candidate, per unit served
  std::vector<int> candidate_of_;
};

}  // namespace echelon::optimize

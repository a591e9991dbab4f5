// SPDX-License-Identifier: Apache-2.0
// One SKU's placement problem under prices (DESIGN section 3), in cost per day.
//
// Policy: periodic review every R days, order-up-to level S_n at each candidate node; a node's
// protection interval is T = R + its replenishment lead time (one T per SKU: the mean over its
// candidate nodes). Demand of each active class over T is served from the levels (hindsight in
// the relaxed model, greedy in the policy model) or downgraded or lost. Costs per day:
//   holding and storage:  w_n * (S_n - served_n + served_n * R / (2T))   w_n = h_n + vol * storage price
//   purchase and transport up to the node, the least DC stock a unit needs (held and priced),
//   downgrade penalty, throughput prices (at the node and its DC), minus service reward:
//                         (per unit served) / T
//   lost sales:  penalty per unit lost in the interval / R  (the interval's shortage is the cycle's)
// so the per-scenario allocation is a transportation problem with per-unit costs
//   arc a->n: -w_n (1 - R/(2T)) + (ship_an + transport_n + downgrade_an + inbound_n + outbound_n
//             - reward_an) / T
//   lost:     penalty / R
// and the level S_n costs w_n per unit per day.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "core/ids.h"
#include "network/demand_class.h"

namespace echelon::optimize {

// Lagrange multipliers of the coupling constraints, per node (by NodeIndex value) and per speed.
struct Prices {
  std::vector<double> storage;   // per m3 of average stock per day
  std::vector<double> inbound;   // per unit received per day
  std::vector<double> outbound;  // per unit shipped per day
  std::vector<double> service;   // per speed: reward per unit delivered on time

  // All zero for a network of `nodes` nodes and `speeds` speeds.
  static Prices zero(std::size_t nodes, std::size_t speeds);
};

struct CandidateNode {
  NodeIndex node;
  double holding_per_day = 0.0;     // per unit on hand per day
  double inbound_cost_per_unit = 0.0;  // transport into the node (its lane from the DC)
  // Cheapest vendor cost per unit delivered to the node's DC (unit cost + vendor lane): every
  // unit served is bought, so a lost unit saves it. The chosen vendor may cost more per unit
  // (for a shorter lead time); the difference is added outside the allocation.
  double upstream_cost_per_unit = 0.0;
  // Days of feeder (DC) stock that every unit shipped through the node needs at the least: half
  // an order (a review cycle's flow, at least the vendor's MOQ in whole case packs) plus the DC's
  // safety stock, per unit of flow at the most the SKU's scenarios can ship (a chord under both
  // concave parts, so never more than the DC holds). Its holding is already in
  // upstream_cost_per_unit; the DC's storage price applies to it per unit shipped.
  double feeder_stock_days = 0.0;
  NodeIndex feeder;                    // the DC that replenishes the node (invalid: none)
  double min_level = 0.0;           // planner override (units)
  double max_level = std::numeric_limits<double>::infinity();
};

struct ActiveClass {
  std::size_t class_index = 0;      // into the network's demand classes
  double mean_per_day = 0.0;
  double variance_per_day = 0.0;
};

struct SkuProblem {
  std::uint64_t stream_key = 0;     // hash of the SKU id: its random streams
  const std::vector<network::DemandClass>* classes = nullptr;
  std::size_t network_nodes = 0;
  std::vector<ActiveClass> demand;  // classes with positive demand
  std::vector<CandidateNode> nodes; // candidate stocking nodes (FC layer)
  double review_days = 7.0;
  double protection_days = 9.0;     // T
  double unit_volume_m3 = 0.0;
  double lost_sale_penalty = 1.0;   // per unit
  std::vector<double> downgrade_penalty;  // per speed, per unit
};

// Total mean demand per day over the active classes.
double mean_demand_per_day(const SkuProblem& problem);

}  // namespace echelon::optimize

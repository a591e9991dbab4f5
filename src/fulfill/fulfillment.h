// SPDX-License-Identifier: Apache-2.0
// Online fulfillment of one order of a demand class (DESIGN section 3): which nodes ship how many
// units, at which speed, and how many units are lost. Three rules share one signature:
//   - greedy with spillover: the class's eligible nodes in order (cheapest first), then its
//     fallback nodes (slower delivery, a downgrade), then a lost sale;
//   - opportunity-cost aware: every option is charged its shipping cost, the downgrade penalty
//     if it is a fallback, and the price of depleting its node (the value a unit held there
//     would create for faster classes); units go to the cheapest charged option while it costs
//     less than a lost sale, otherwise they are lost. With all prices 0, fallbacks (with their
//     penalty) never cheaper than eligible options and every option cheaper than a lost sale,
//     it ships exactly what greedy ships;
//   - ranked greedy: greedy with each list ranked by shipping cost plus a per-node charge (the
//     landed cost of serving from the node under the plan's prices), the way the planner's
//     policy model serves; with all charges equal it ships exactly what greedy ships.
//
// The API is allocation-free and stateless: the caller owns the stock view (`available`, units
// per node, indexed by NodeIndex value; the rules decrement it) and an output buffer of
// shipments with room for eligible.size() + fallback.size() entries (kMaxOptions bounds both).
// Quantities may be fractional (expected demand in the optimizer); units ship from a node only
// while it has at least `min_unit` available, so integer simulations never ship fractions.
#pragma once

#include <cstddef>
#include <span>

#include "core/ids.h"
#include "network/demand_class.h"

namespace echelon::fulfill {

// The largest eligible + fallback list a class may have (a class of a network of 256 nodes).
inline constexpr std::size_t kMaxOptions = 512;

struct Shipment {
  NodeIndex node;
  SpeedIndex speed;            // the speed delivered
  double quantity = 0.0;       // units
  double cost_per_unit = 0.0;  // shipping cost of the option
  bool downgrade = false;      // from the fallback list
};

struct FulfillResult {
  double on_time = 0.0;     // units shipped from eligible nodes
  double downgraded = 0.0;  // units shipped from fallback nodes
  double lost = 0.0;        // units not shipped
  double shipping_cost = 0.0;
  std::size_t shipments = 0;  // entries written to the output buffer
};

// Greedy with spillover. `available[node]` is decremented by what each node ships; at most one
// shipment per option is written to `out` (out.size() >= eligible + fallback options).
// Complexity O(eligible + fallback).
FulfillResult fulfill_greedy(const network::DemandClass& demand_class, double quantity,
                             std::span<double> available, std::span<Shipment> out,
                             double min_unit = 1.0);

// Greedy with spillover over the eligible options ranked by cost_per_unit + node_charge[node],
// then the fallback options ranked the same way (ties keep list order), then a lost sale.
// `node_charge` is indexed by NodeIndex value. Complexity O(k^2) in the worst case for k options
// (each list is insertion-sorted), allocation-free.
FulfillResult fulfill_ranked(const network::DemandClass& demand_class, double quantity,
                             std::span<double> available, std::span<Shipment> out,
                             std::span<const double> node_charge, double min_unit = 1.0);

// What the opportunity-cost rule charges besides shipping.
struct OpportunityCosts {
  std::span<const double> node_price;  // per unit depleted at a node (index = NodeIndex value);
                                       // empty: all 0
  double downgrade_penalty = 0.0;      // per unit served from the fallback list
  double lost_sale_penalty = 0.0;      // per unit lost
};

// Opportunity-cost aware: repeatedly ships from the option with the lowest shipping cost +
// downgrade penalty (fallback only) + node price, among options with stock, while that charge
// is below the lost-sale penalty; ties keep list order (eligible before fallback). Units whose
// cheapest option costs more than a lost sale are lost: the stock is held back for classes that
// value it more. Complexity O((eligible + fallback)^2) in the worst case, allocation-free.
FulfillResult fulfill_opportunity_cost(const network::DemandClass& demand_class, double quantity,
                                       std::span<double> available, std::span<Shipment> out,
                                       const OpportunityCosts& costs, double min_unit = 1.0);

}  // namespace echelon::fulfill

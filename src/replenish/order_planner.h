// SPDX-License-Identifier: Apache-2.0
// The orders to place today so that every node's inventory position (on hand + inbound -
// backorders) is back at its plan level, per SKU, in this order:
//   1. DC -> node transfers: each node fed by a DC asks for its shortfall; a DC short of stock
//      rations its on-hand units in proportion to the shortfalls (largest remainder, so the
//      allocations sum exactly to what it has);
//   2. rebalancing: a shortfall the DC could not cover is taken from sibling nodes whose
//      position exceeds their level by more than a threshold, over the cheapest lateral lane;
//   3. purchase orders at the nodes the vendor ships to (DCs, and nodes no DC feeds): the DC's
//      position counts what it still owes its nodes; the quantity is raised to the MOQ and
//      rounded up to whole case packs;
//   4. overstock: position above the node's peak level by more than N weeks of its demand.
// Levels are time-phased: an order is sized for the level of the week its receipt lands in
// (order date + lead time), which builds stock ahead of a seasonal peak. Deterministic: SKUs in
// index order, ties broken by node index.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "network/dataset.h"
#include "replenish/order_inputs.h"

namespace echelon::replenish {

struct PurchaseOrder {
  SkuIndex sku;
  VendorIndex vendor;
  NodeIndex destination;
  double quantity = 0.0;      // units ordered: need raised to the MOQ, whole case packs
  double need = 0.0;          // units: target level - position
  double target_level = 0.0;  // units: level of the week the receipt lands in
  double position = 0.0;      // units: on hand + inbound - backorders (incl. owed to nodes)
  double moq = 0.0;
  double case_pack = 1.0;
  double unit_cost = 0.0;     // the vendor's price per unit
  double lead_days = 0.0;     // vendor lead time + vendor lane transit, mean
  Date order_date;
  Date arrival;               // order date + lead_days, rounded to whole days
  std::size_t arrival_week = 0;
};

enum class TransferKind { kReplenish, kRebalance };
std::string_view to_string(TransferKind kind);

struct TransferOrder {
  TransferKind kind = TransferKind::kReplenish;
  SkuIndex sku;
  NodeIndex from;
  NodeIndex to;
  double quantity = 0.0;       // units
  double shortfall = 0.0;      // units the receiver was short before this transfer
  double transit_days = 0.0;   // lane mean
  double cost_per_unit = 0.0;  // lane cost per unit of this SKU
  Date ship_date;
  Date arrival;
};

struct OverstockItem {
  SkuIndex sku;
  NodeIndex node;
  double on_hand = 0.0;          // units, after today's transfers
  double inbound = 0.0;          // units
  double position = 0.0;         // units, after today's transfers
  double peak_level = 0.0;       // units: highest level over the plan's weeks
  double excess = 0.0;           // units: position - peak level
  double removable = 0.0;        // units of the excess on hand now
  double demand_per_week = 0.0;  // units
  double weeks_of_demand = 0.0;  // excess / demand per week; +infinity without demand
  double unit_cost = 0.0;
  bool vendor_ships_here = false;  // the node receives from the SKU's vendor
};

struct Orders {
  Date order_date;
  std::vector<PurchaseOrder> purchases;  // by SKU, then destination
  std::vector<TransferOrder> transfers;  // by SKU; replenishment before rebalancing
  std::vector<OverstockItem> overstock;  // by SKU, then node
  std::vector<std::string> notes;        // orders that could not be placed, and why
};

// The orders for `levels` given `positions`. Nodes without a level have level 0; SKUs missing
// from `levels` only contribute overstock.
Orders plan_orders(const network::Dataset& dataset, const PlanLevels& levels,
                   const Positions& positions, const OrderOptions& options);

// Purchase quantity for `need` units: at least `moq`, a multiple of `case_pack`; 0 when need <= 0.
double round_to_pack(double need, double moq, double case_pack);

// Splits `supply` whole units over `requests` in proportion (largest remainder, ties to the
// lower position); everything requested when supply suffices.
std::vector<double> ration(double supply, const std::vector<double>& requests);

}  // namespace echelon::replenish

// SPDX-License-Identifier: Apache-2.0
// What the order computation reads, as plain data: the plan's order-up-to levels per SKU x node x
// week with the vendor chosen per SKU and each node's demand rate, the current stock positions,
// and the rules (order date, rebalancing threshold, overstock horizon). Levels come from the
// planner in memory (optimizer_levels.h), from plan.csv (plan_csv.h) or from a test; positions
// from inventory.csv and inbound.csv through the Dataset.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "network/dataset.h"

namespace echelon::replenish {

inline constexpr std::size_t kNoSourcing = std::numeric_limits<std::size_t>::max();

// One SKU's plan. Week 0 starts on the order date; week w covers days [7w, 7w + 7).
struct SkuLevels {
  SkuIndex sku;
  std::size_t sourcing_option = kNoSourcing;  // index into dataset.sourcing_of(sku)
  std::vector<NodeIndex> nodes;               // nodes with a level, each once
  std::vector<double> order_up_to;            // units, [node position * weeks + week]
  std::vector<double> demand_per_day;         // per node position: units leaving the node per
                                              // day (to customers, or to the FCs a DC feeds)
};

struct PlanLevels {
  std::size_t weeks = 1;        // planning weeks (1 = stationary plan)
  std::vector<SkuLevels> skus;  // at most one entry per SKU, any order
};

// Stock of one SKU at one node, in units.
struct NodePosition {
  SkuIndex sku;
  NodeIndex node;
  double on_hand = 0.0;
  double inbound = 0.0;     // open purchase and transfer orders, whatever their ETA
  double backorders = 0.0;  // demand already owed
};

// Positions sorted by (SKU, node), one record per pair.
class Positions {
 public:
  Positions() = default;
  // Any order; records of the same (SKU, node) are summed.
  explicit Positions(std::vector<NodePosition> records);

  // The records of `sku`, sorted by node.
  [[nodiscard]] std::span<const NodePosition> of(SkuIndex sku) const;
  [[nodiscard]] const std::vector<NodePosition>& records() const { return records_; }

 private:
  std::vector<NodePosition> records_;
};

// On hand from inventory.csv plus open orders from inbound.csv.
Positions positions_from_dataset(const network::Dataset& dataset);

struct OrderOptions {
  std::optional<Date> order_date;           // default: the dataset's planning date
  double rebalance_threshold_weeks = 1.0;   // a donor FC keeps its level plus this many weeks
                                            // of its own demand ...
  double rebalance_threshold_units = 1.0;   // ... and at least this many units
  double overstock_weeks = 8.0;             // stock above the peak level worth more than this
                                            // many weeks of the node's demand is overstock
};

}  // namespace echelon::replenish

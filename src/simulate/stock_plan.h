// SPDX-License-Identifier: Apache-2.0
// The decisions a policy hands to the simulator: an order-up-to level and a safety stock per
// (SKU, node, planning week) and one sourcing option (vendor) per SKU. Week w of a plan covers
// simulation days [7w, 7w + 7); days past the last week use the last week's levels. A level of
// 0 means the node does not stock the SKU. plan.csv (DESIGN 5a) maps onto it one row per entry.
// A plan may also rank each order's serving options: a charge per (SKU, node, week) added to the
// options' shipping cost (fulfill::fulfill_ranked), the serving order the planner priced its
// levels with; a plan without charges is served by plain greedy.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/ids.h"
#include "network/dataset.h"

namespace echelon::simulate {

class StockPlan {
 public:
  StockPlan() = default;
  // Every level 0 and every SKU on its cheapest sourcing option.
  StockPlan(const network::Dataset& dataset, std::size_t weeks);

  [[nodiscard]] std::size_t weeks() const { return weeks_; }
  [[nodiscard]] std::size_t node_count() const { return nodes_; }
  [[nodiscard]] std::size_t sku_count() const { return sourcing_.size(); }

  [[nodiscard]] double order_up_to(SkuIndex sku, NodeIndex node, std::size_t week) const {
    return order_up_to_[slot(sku, node, week)];
  }
  [[nodiscard]] double safety_stock(SkuIndex sku, NodeIndex node, std::size_t week) const {
    return safety_stock_[slot(sku, node, week)];
  }
  void set(SkuIndex sku, NodeIndex node, std::size_t week, double order_up_to, double safety_stock);

  // Whether orders are served by fulfill::fulfill_ranked with these charges.
  [[nodiscard]] bool ranks_options() const { return !fulfill_charge_.empty(); }
  // Per node (index = NodeIndex value), the SKU's charges in week `week`.
  [[nodiscard]] std::span<const double> fulfill_charges(SkuIndex sku, std::size_t week) const {
    if (week >= weeks_) week = weeks_ - 1;
    return {fulfill_charge_.data() + (sku.value() * weeks_ + week) * nodes_, nodes_};
  }
  void set_fulfill_charge(SkuIndex sku, NodeIndex node, std::size_t week, double charge);

  // Index into Dataset::sourcing of the SKU's vendor option.
  [[nodiscard]] std::size_t sourcing(SkuIndex sku) const { return sourcing_[sku.value()]; }
  void set_sourcing(SkuIndex sku, std::size_t option) { sourcing_[sku.value()] = option; }

 private:
  [[nodiscard]] std::size_t slot(SkuIndex sku, NodeIndex node, std::size_t week) const {
    if (week >= weeks_) week = weeks_ - 1;
    return (sku.value() * nodes_ + node.value()) * weeks_ + week;
  }
  std::size_t nodes_ = 0;
  std::size_t weeks_ = 1;
  std::vector<double> order_up_to_;
  std::vector<double> safety_stock_;
  std::vector<std::size_t> sourcing_;
  std::vector<double> fulfill_charge_;  // by SKU, week, node; empty: no ranking
};

// Index into Dataset::sourcing of the SKU's lowest unit-cost option (first on ties).
std::size_t cheapest_sourcing(const network::Dataset& dataset, SkuIndex sku);

}  // namespace echelon::simulate

// SPDX-License-Identifier: Apache-2.0
#include "simulate/stock_plan.h"

#include <algorithm>

namespace echelon::simulate {

StockPlan::StockPlan(const network::Dataset& dataset, std::size_t weeks)
    : nodes_(dataset.network.node_count()), weeks_(std::max<std::size_t>(1, weeks)) {
  std::size_t slots = dataset.sku_count() * nodes_ * weeks_;
  order_up_to_.assign(slots, 0.0);
  safety_stock_.assign(slots, 0.0);
  sourcing_.resize(dataset.sku_count());
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) sourcing_[sku.value()] = cheapest_sourcing(dataset, sku);
}

void StockPlan::set(SkuIndex sku, NodeIndex node, std::size_t week, double order_up_to,
                    double safety_stock) {
  order_up_to_[slot(sku, node, week)] = order_up_to;
  safety_stock_[slot(sku, node, week)] = safety_stock;
}

void StockPlan::set_fulfill_charge(SkuIndex sku, NodeIndex node, std::size_t week, double charge) {
  if (fulfill_charge_.empty()) fulfill_charge_.assign(order_up_to_.size(), 0.0);
  if (week >= weeks_) week = weeks_ - 1;
  fulfill_charge_[(sku.value() * weeks_ + week) * nodes_ + node.value()] = charge;
}

std::size_t cheapest_sourcing(const network::Dataset& dataset, SkuIndex sku) {
  std::size_t first = dataset.sourcing_offset[sku.value()];
  std::size_t last = dataset.sourcing_offset[sku.value() + 1];
  std::size_t best = first;
  for (std::size_t option = first; option < last; ++option) {
    if (dataset.sourcing[option].unit_cost < dataset.sourcing[best].unit_cost) best = option;
  }
  return best;
}

}  // namespace echelon::simulate

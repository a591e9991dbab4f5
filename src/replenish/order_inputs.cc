// SPDX-License-Identifier: Apache-2.0
#include "replenish/order_inputs.h"

#include <algorithm>

namespace echelon::replenish {

Positions::Positions(std::vector<NodePosition> records) {
  std::sort(records.begin(), records.end(), [](const NodePosition& a, const NodePosition& b) {
    return a.sku != b.sku ? a.sku < b.sku : a.node < b.node;
  });
  for (const NodePosition& record : records) {
    if (!records_.empty() && records_.back().sku == record.sku && records_.back().node == record.node) {
      records_.back().on_hand += record.on_hand;
      records_.back().inbound += record.inbound;
      records_.back().backorders += record.backorders;
    } else {
      records_.push_back(record);
    }
  }
}

std::span<const NodePosition> Positions::of(SkuIndex sku) const {
  auto first = std::lower_bound(records_.begin(), records_.end(), sku,
                                [](const NodePosition& record, SkuIndex key) { return record.sku < key; });
  auto last = std::upper_bound(first, records_.end(), sku,
                               [](SkuIndex key, const NodePosition& record) { return key < record.sku; });
  return {first, last};
}

Positions positions_from_dataset(const network::Dataset& dataset) {
  std::vector<NodePosition> records;
  records.reserve(dataset.inventory.size() + dataset.inbound.size());
  for (const network::StockRecord& stock : dataset.inventory) {
    records.push_back({.sku = stock.sku, .node = stock.node, .on_hand = stock.on_hand});
  }
  for (const network::InboundRecord& order : dataset.inbound) {
    records.push_back({.sku = order.sku, .node = order.node, .inbound = order.quantity});
  }
  return Positions(std::move(records));
}

}  // namespace echelon::replenish

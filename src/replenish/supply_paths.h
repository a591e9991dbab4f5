// SPDX-License-Identifier: Apache-2.0
// How stock can move between the nodes of a network when orders are placed: the DC that
// replenishes each node (the DC lane with the shortest transit, the rule the planner sizes its
// DC levels with), the lateral lanes into each node from other non-DC nodes (for rebalancing),
// and the vendor lanes. Nodes that no DC lane reaches, and DCs themselves, buy from the vendor.
// Built once per network in O(lanes).
#pragma once

#include <span>
#include <vector>

#include "core/ids.h"
#include "network/dataset.h"

namespace echelon::replenish {

class SupplyPaths {
 public:
  explicit SupplyPaths(const network::Network& network);

  // The DC that replenishes `node`, or invalid when the node buys from the vendor.
  [[nodiscard]] NodeIndex feeder(NodeIndex node) const { return feeder_[node.value()]; }
  // The lane from feeder(node) into `node` (valid when feeder(node) is).
  [[nodiscard]] LaneIndex feeder_lane(NodeIndex node) const { return feeder_lane_[node.value()]; }
  // The nodes `dc` replenishes, in node order.
  [[nodiscard]] std::span<const NodeIndex> fed_by(NodeIndex dc) const { return fed_by_[dc.value()]; }
  // Lanes into `node` from other non-DC nodes, in lane order.
  [[nodiscard]] std::span<const LaneIndex> lateral_lanes_into(NodeIndex node) const {
    return lateral_in_[node.value()];
  }
  // The lane vendor -> node, or invalid.
  [[nodiscard]] LaneIndex vendor_lane(VendorIndex vendor, NodeIndex node) const {
    return vendor_lane_[vendor.value() * nodes_ + node.value()];
  }

 private:
  std::size_t nodes_ = 0;
  std::vector<NodeIndex> feeder_;
  std::vector<LaneIndex> feeder_lane_;
  std::vector<std::vector<NodeIndex>> fed_by_;
  std::vector<std::vector<LaneIndex>> lateral_in_;
  std::vector<LaneIndex> vendor_lane_;  // [vendor * nodes + node]
};

// Cost of moving one unit of volume `unit_volume_m3` on `lane`.
double lane_cost_per_unit(const network::Lane& lane, double unit_volume_m3);

}  // namespace echelon::replenish

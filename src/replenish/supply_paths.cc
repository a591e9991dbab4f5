// SPDX-License-Identifier: Apache-2.0
#include "replenish/supply_paths.h"

namespace echelon::replenish {

SupplyPaths::SupplyPaths(const network::Network& network)
    : nodes_(network.node_count()),
      feeder_(nodes_, NodeIndex::invalid()),
      feeder_lane_(nodes_, LaneIndex::invalid()),
      fed_by_(nodes_),
      lateral_in_(nodes_),
      vendor_lane_(network.vendors.size() * nodes_, LaneIndex::invalid()) {
  using network::NodeType;
  std::vector<double> best_transit(nodes_, 0.0);
  for (LaneIndex lane_idx : all<LaneIndex>(network.lanes.size())) {
    const network::Lane& lane = network.lanes[lane_idx];
    const std::size_t to = lane.to.value();
    if (lane.from_vendor.valid()) {
      LaneIndex& slot = vendor_lane_[lane.from_vendor.value() * nodes_ + to];
      if (!slot.valid()) slot = lane_idx;
      continue;
    }
    if (!lane.from_node.valid() || network.nodes[lane.to].type == NodeType::kDc) continue;
    if (network.nodes[lane.from_node].type == NodeType::kDc) {
      // Strictly shorter wins, so the first of equal lanes stays (as in the planner).
      if (!feeder_[to].valid() || lane.transit_days_mean < best_transit[to]) {
        feeder_[to] = lane.from_node;
        feeder_lane_[to] = lane_idx;
        best_transit[to] = lane.transit_days_mean;
      }
    } else if (lane.from_node != lane.to) {
      lateral_in_[to].push_back(lane_idx);
    }
  }
  for (NodeIndex node : all<NodeIndex>(nodes_)) {
    if (feeder_[node.value()].valid()) fed_by_[feeder_[node.value()].value()].push_back(node);
  }
}

double lane_cost_per_unit(const network::Lane& lane, double unit_volume_m3) {
  return lane.cost_per_unit + lane.cost_per_m3 * unit_volume_m3;
}

}  // namespace echelon::replenish

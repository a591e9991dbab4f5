// SPDX-License-Identifier: Apache-2.0
#include "simulate/supply_routes.h"

namespace echelon::simulate {

SupplyRoutes::SupplyRoutes(const network::Network& network)
    : nodes_(network.node_count()),
      vendor_lane_(network.vendors.size() * network.node_count()),
      dc_lanes_in_(network.node_count()) {
  for (LaneIndex lane_idx : all<LaneIndex>(network.lanes.size())) {
    const network::Lane& lane = network.lanes[lane_idx];
    if (lane.from_vendor.valid()) {
      LaneIndex& slot = vendor_lane_[lane.from_vendor.value() * nodes_ + lane.to.value()];
      if (!slot.valid()) slot = lane_idx;
    } else if (lane.from_node.valid() && network.nodes[lane.from_node].type == network::NodeType::kDc &&
               network.nodes[lane.to].type != network::NodeType::kDc) {
      dc_lanes_in_[lane.to.value()].push_back(lane_idx);
    }
  }
}

std::vector<SupplyRoute> SupplyRoutes::routes(const network::Dataset& dataset,
                                              const network::SourcingOption& option) const {
  const network::Network& net = dataset.network;
  const double volume = dataset.skus[option.sku].unit_volume_m3;
  auto lane_cost = [&](LaneIndex lane) {
    if (!lane.valid()) return 0.0;
    return net.lanes[lane].cost_per_unit + net.lanes[lane].cost_per_m3 * volume;
  };
  std::vector<SupplyRoute> routes(nodes_);
  for (std::size_t node = 0; node < nodes_; ++node) {
    SupplyRoute& route = routes[node];
    route.lane = vendor_lane_[option.vendor.value() * nodes_ + node];
    route.lead_days_mean = option.lead_time_days_mean;
    route.lead_days_sd = option.lead_time_days_sd;
    route.inbound_cost_per_unit = lane_cost(route.lane);
    for (LaneIndex lane : dc_lanes_in_[node]) {
      double cost = lane_cost(lane);
      if (route.from_vendor || cost < route.inbound_cost_per_unit) {
        route.from_vendor = false;
        route.parent = net.lanes[lane].from_node;
        route.lane = lane;
        route.lead_days_mean = net.lanes[lane].transit_days_mean;
        route.lead_days_sd = net.lanes[lane].transit_days_sd;
        route.inbound_cost_per_unit = cost;
      }
    }
  }
  return routes;
}

}  // namespace echelon::simulate

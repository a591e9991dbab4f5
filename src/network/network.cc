// SPDX-License-Identifier: Apache-2.0
#include "network/network.h"

#include <cmath>
#include <numbers>

namespace echelon::network {

std::string_view to_string(NodeType type) {
  switch (type) {
    case NodeType::kDc: return "dc";
    case NodeType::kFc: return "fc";
    case NodeType::kSameDay: return "sameday";
  }
  return "fc";
}

std::vector<LaneIndex> Network::lanes_into(NodeIndex node) const {
  std::vector<LaneIndex> result;
  for (LaneIndex lane : all<LaneIndex>(lanes.size())) {
    if (lanes[lane].to == node) result.push_back(lane);
  }
  return result;
}

LaneIndex Network::lane_from_vendor(VendorIndex vendor, NodeIndex node) const {
  for (LaneIndex lane : all<LaneIndex>(lanes.size())) {
    if (lanes[lane].from_vendor == vendor && lanes[lane].to == node) return lane;
  }
  return LaneIndex::invalid();
}

LaneIndex Network::lane_between(NodeIndex from, NodeIndex to) const {
  for (LaneIndex lane : all<LaneIndex>(lanes.size())) {
    if (lanes[lane].from_node == from && lanes[lane].to == to) return lane;
  }
  return LaneIndex::invalid();
}

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRadians = std::numbers::pi / 180.0;
  double dlat = (lat2 - lat1) * kRadians;
  double dlon = (lon2 - lon1) * kRadians;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kRadians) * std::cos(lat2 * kRadians) * std::sin(dlon / 2) *
                 std::sin(dlon / 2);
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace echelon::network

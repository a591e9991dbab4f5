// SPDX-License-Identifier: Apache-2.0
// The physical network: stocking nodes (DCs, FCs, same-day sites), vendors, customer regions, the
// lanes that move stock (vendor->DC/FC, DC->FC, FC->FC) and the delivery options that ship
// orders (node -> region at a speed). Plain aggregates, no I/O; io/ fills them from CSV files.
// Capacities that a file leaves empty are +infinity (unconstrained).
#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "network/config.h"

namespace echelon::network {

inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

enum class NodeType { kDc, kFc, kSameDay };

std::string_view to_string(NodeType type);

struct Node {
  std::string id;
  NodeType type = NodeType::kFc;
  double lat = 0.0;
  double lon = 0.0;
  double storage_m3 = kUnlimited;              // storage volume
  double inbound_units_per_day = kUnlimited;   // receiving throughput
  double outbound_units_per_day = kUnlimited;  // shipping throughput (orders + transfers out)
  double holding_rate_per_year = -1.0;         // < 0: CostSettings::holding_rate_per_year
  double fixed_cost_per_day = 0.0;
};

struct Vendor {
  std::string id;
  double lat = 0.0;
  double lon = 0.0;
  std::string name;
};

struct Region {
  std::string id;
  double lat = 0.0;
  double lon = 0.0;
  double population = 0.0;
};

// A replenishment lane. Exactly one of from_vendor / from_node is valid.
struct Lane {
  VendorIndex from_vendor;
  NodeIndex from_node;
  NodeIndex to;
  double transit_days_mean = 0.0;
  double transit_days_sd = 0.0;
  double cost_per_unit = 0.0;
  double cost_per_m3 = 0.0;
};

// Shipping an order from a node to a region at a speed.
struct DeliveryOption {
  NodeIndex node;
  RegionIndex region;
  SpeedIndex speed;
  double cost_per_unit = 0.0;
  double cutoff_hour = 14.0;  // orders placed before this local hour still meet the speed
};

class Network {
 public:
  IdTable<NodeIndex> node_ids;
  IdTable<VendorIndex> vendor_ids;
  IdTable<RegionIndex> region_ids;
  IndexedVector<NodeIndex, Node> nodes;
  IndexedVector<VendorIndex, Vendor> vendors;
  IndexedVector<RegionIndex, Region> regions;
  IndexedVector<LaneIndex, Lane> lanes;
  std::vector<DeliveryOption> delivery;
  std::vector<Speed> speeds;  // copied from the config, fastest first

  [[nodiscard]] std::size_t node_count() const { return nodes.size(); }
  [[nodiscard]] std::size_t region_count() const { return regions.size(); }
  [[nodiscard]] std::size_t speed_count() const { return speeds.size(); }

  // Lanes into a node (from vendors and from other nodes).
  [[nodiscard]] std::vector<LaneIndex> lanes_into(NodeIndex node) const;
  // The lane vendor -> node, or invalid.
  [[nodiscard]] LaneIndex lane_from_vendor(VendorIndex vendor, NodeIndex node) const;
  // The lane from -> to between nodes, or invalid.
  [[nodiscard]] LaneIndex lane_between(NodeIndex from, NodeIndex to) const;
};

// Great-circle distance in km (haversine, mean Earth radius).
double distance_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace echelon::network

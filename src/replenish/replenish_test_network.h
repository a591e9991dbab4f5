// SPDX-License-Identifier: Apache-2.0
// A small network for the order tests, built in memory: vendor V1; DC feeding FA (1 day, 0.2
// per unit) and FB (2 days, 0.3); FX, which no DC lane reaches, buys from V1 (3 days). Lateral
// lanes FA <-> FB (1 day, 0.5 per unit) and FX -> FA (1 day, 0.4 per unit). Test-only.
#pragma once

#include <string>
#include <vector>

#include "network/dataset.h"
#include "replenish/order_inputs.h"

namespace echelon::replenish::testing {

inline constexpr NodeIndex kDc{0};
inline constexpr NodeIndex kFa{1};
inline constexpr NodeIndex kFb{2};
inline constexpr NodeIndex kFx{3};

inline void add_lane(network::Dataset& dataset, VendorIndex vendor, NodeIndex from, NodeIndex to,
                     double transit, double cost) {
  network::Lane lane;
  lane.from_vendor = vendor;
  lane.from_node = from;
  lane.to = to;
  lane.transit_days_mean = transit;
  lane.cost_per_unit = cost;
  dataset.network.lanes.push_back(lane);
}

inline network::Dataset test_network() {
  network::Dataset dataset;
  dataset.config = network::Config::defaults();
  dataset.config.planning_date = Date::parse("2025-03-03");
  auto& net = dataset.network;
  net.vendor_ids.add("V1");
  net.vendors.push_back({"V1", 0.0, 0.0, "vendor"});
  const std::pair<const char*, network::NodeType> nodes[] = {
      {"DC", network::NodeType::kDc}, {"FA", network::NodeType::kFc},
      {"FB", network::NodeType::kFc}, {"FX", network::NodeType::kFc}};
  for (const auto& [id, type] : nodes) {
    net.node_ids.add(id);
    network::Node node;
    node.id = id;
    node.type = type;
    net.nodes.push_back(node);
  }
  const VendorIndex vendor(0);
  const VendorIndex none = VendorIndex::invalid();
  const NodeIndex no_node = NodeIndex::invalid();
  add_lane(dataset, vendor, no_node, kDc, 2.0, 0.1);
  add_lane(dataset, vendor, no_node, kFx, 3.0, 0.1);
  add_lane(dataset, none, kDc, kFa, 1.0, 0.2);
  add_lane(dataset, none, kDc, kFb, 2.0, 0.3);
  add_lane(dataset, none, kFa, kFb, 1.0, 0.5);
  add_lane(dataset, none, kFb, kFa, 1.0, 0.5);
  add_lane(dataset, none, kFx, kFa, 1.0, 0.4);
  dataset.sourcing_offset.push_back(0);
  return dataset;
}

// Adds a SKU bought from V1 at 10 per unit.
inline SkuIndex add_sku(network::Dataset& dataset, const std::string& id, double lead_days, double moq,
                        double case_pack) {
  SkuIndex sku(dataset.skus.size());
  dataset.sku_ids.add(id);
  network::Sku spec;
  spec.id = id;
  spec.unit_cost = 10.0;
  spec.unit_volume_m3 = 0.01;
  dataset.skus.push_back(spec);
  network::SourcingOption option;
  option.sku = sku;
  option.vendor = VendorIndex(0);
  option.unit_cost = 10.0;
  option.lead_time_days_mean = lead_days;
  option.moq = moq;
  option.case_pack = case_pack;
  dataset.sourcing.push_back(option);
  dataset.sourcing_offset.push_back(dataset.sourcing.size());
  return sku;
}

// Levels of `sku` bought from its only option: {node, demand per day, level per week}.
struct NodePlan {
  NodeIndex node;
  double demand_per_day = 0.0;
  std::vector<double> levels;
};

inline SkuLevels sku_levels(SkuIndex sku, const std::vector<NodePlan>& nodes) {
  SkuLevels entry;
  entry.sku = sku;
  entry.sourcing_option = 0;
  for (const NodePlan& plan : nodes) {
    entry.nodes.push_back(plan.node);
    entry.demand_per_day.push_back(plan.demand_per_day);
    entry.order_up_to.insert(entry.order_up_to.end(), plan.levels.begin(), plan.levels.end());
  }
  return entry;
}

}  // namespace echelon::replenish::testing

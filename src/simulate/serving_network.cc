// SPDX-License-Identifier: Apache-2.0
#include "simulate/serving_network.h"

#include <algorithm>
#include <numeric>

namespace echelon::simulate {

ServingNetwork::ServingNetwork(const network::Network& network,
                               const std::array<double, 24>& order_hour_profile)
    : speeds_(network.speed_count()), nodes_(network.node_count()) {
  std::vector<network::DemandClass> built = network::build_demand_classes(network, order_hour_profile);
  // build_demand_classes emits classes grouped by region, then speed, in bucket order.
  cell_offset_.assign(network.region_count() * speeds_ + 1, 0);
  for (const network::DemandClass& demand_class : built) {
    ++cell_offset_[cell(demand_class.region, demand_class.speed) + 1];
  }
  std::partial_sum(cell_offset_.begin(), cell_offset_.end(), cell_offset_.begin());
  classes_.resize(built.size());
  std::vector<std::uint32_t> fill(cell_offset_.begin(), cell_offset_.end() - 1);
  for (network::DemandClass& demand_class : built) {
    classes_[fill[cell(demand_class.region, demand_class.speed)]++] = std::move(demand_class);
  }
  cumulative_share_.resize(classes_.size());
  for (std::size_t cell_idx = 0; cell_idx + 1 < cell_offset_.size(); ++cell_idx) {
    double total = 0.0;
    for (std::uint32_t class_idx = cell_offset_[cell_idx]; class_idx < cell_offset_[cell_idx + 1]; ++class_idx) {
      total += classes_[class_idx].share;
    }
    double running = 0.0;
    for (std::uint32_t class_idx = cell_offset_[cell_idx]; class_idx < cell_offset_[cell_idx + 1]; ++class_idx) {
      running += classes_[class_idx].share;
      cumulative_share_[class_idx] = total > 0.0 ? running / total : 1.0;
    }
    if (cell_offset_[cell_idx + 1] > cell_offset_[cell_idx]) {
      cumulative_share_[cell_offset_[cell_idx + 1] - 1] = 1.0;
    }
  }
  for (const network::DemandClass& demand_class : classes_) {
    max_options_ = std::max(max_options_, demand_class.eligible.size() + demand_class.fallback.size());
  }
}

std::uint32_t ServingNetwork::class_for(RegionIndex region, SpeedIndex speed, double u) const {
  std::uint32_t first = first_class(region, speed);
  std::uint32_t last = last_class(region, speed);
  for (std::uint32_t class_idx = first; class_idx + 1 < last; ++class_idx) {
    if (u < cumulative_share_[class_idx]) return class_idx;
  }
  return last - 1;
}

}  // namespace echelon::simulate

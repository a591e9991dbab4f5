// SPDX-License-Identifier: Apache-2.0
// What the simulator needs of the network in a form it can index per order and per SKU: the
// demand classes of a (region, speed) pair in cut-off order with the cumulative share of each
// bucket, so that an order's class is found in a few steps. A policy may serve orders on its own
// view of the network (the national baseline adds 2-day options from every DC to every region).
#pragma once

#include <cstdint>
#include <vector>

#include "core/ids.h"
#include "network/demand_class.h"

namespace echelon::simulate {

class ServingNetwork {
 public:
  ServingNetwork(const network::Network& network, const std::array<double, 24>& order_hour_profile);

  [[nodiscard]] const std::vector<network::DemandClass>& classes() const { return classes_; }
  [[nodiscard]] const network::DemandClass& demand_class(std::uint32_t class_idx) const {
    return classes_[class_idx];
  }
  // Classes of (region, speed): [first_class, last_class), ordered by bucket start hour.
  [[nodiscard]] std::uint32_t first_class(RegionIndex region, SpeedIndex speed) const {
    return cell_offset_[cell(region, speed)];
  }
  [[nodiscard]] std::uint32_t last_class(RegionIndex region, SpeedIndex speed) const {
    return cell_offset_[cell(region, speed) + 1];
  }
  // The class of (region, speed) whose bucket holds the order-time quantile `u` in [0, 1).
  [[nodiscard]] std::uint32_t class_for(RegionIndex region, SpeedIndex speed, double u) const;
  [[nodiscard]] std::size_t max_options() const { return max_options_; }
  [[nodiscard]] std::size_t speed_count() const { return speeds_; }
  [[nodiscard]] std::size_t node_count() const { return nodes_; }

 private:
  [[nodiscard]] std::size_t cell(RegionIndex region, SpeedIndex speed) const {
    return region.value() * speeds_ + speed.value();
  }
  std::vector<network::DemandClass> classes_;
  std::vector<std::uint32_t> cell_offset_;  // (region, speed) -> first class
  std::vector<double> cumulative_share_;    // per class: share of its cell up to its bucket's end
  std::size_t speeds_ = 0;
  std::size_t nodes_ = 0;
  std::size_t max_options_ = 0;
};

}  // namespace echelon::simulate

// SPDX-License-Identifier: Apache-2.0
// Reads a previous run's prices.csv (DESIGN section 5a) to warm-start the planner's master: the
// opportunity cost per week of every node resource. Rows for nodes the network no longer has,
// unknown resources or bad numbers are errors naming the file, line and column.
#pragma once

#include <array>
#include <filesystem>
#include <vector>

#include "network/network.h"

namespace echelon::io {

// Price per day of storage (per m3), inbound and outbound (per unit) by NodeIndex value; nodes
// the file does not list keep a price of zero.
struct NodePrices {
  std::vector<std::array<double, 3>> per_day;  // storage, inbound, outbound
};

NodePrices read_prices(const std::filesystem::path& file, const network::Network& network);

}  // namespace echelon::io

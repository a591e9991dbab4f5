// SPDX-License-Identifier: Apache-2.0
// Demand classes: (region, speed, order-time bucket). The buckets of a (region, speed) pair are
// cut at the distinct cut-off hours of its delivery options; an order placed in a bucket can be
// served on time only by nodes whose cut-off is at or after the bucket's end. Orders after the
// last cut-off roll over to the next day's first bucket. Each class has an eligibility list
// (on-time nodes, cheapest first), a fallback list (slower options for the same region,
// cheapest first; serving from it is a downgrade) and, past both, a lost sale.
#pragma once

#include <vector>

#include "core/ids.h"
#include "network/network.h"

namespace echelon::network {

struct ServingOption {
  NodeIndex node;
  SpeedIndex speed;            // the speed actually delivered
  double cost_per_unit = 0.0;  // shipping cost
};

struct DemandClass {
  RegionIndex region;
  SpeedIndex speed;
  double bucket_start_hour = 0.0;
  double bucket_end_hour = 24.0;
  double share = 1.0;                   // share of the (region, speed) demand in this bucket
  std::vector<ServingOption> eligible;  // on time, cheapest first
  std::vector<ServingOption> fallback;  // downgrade, cheapest first; never repeats `eligible` nodes
};

// Builds every class of the network. `order_hour_profile` gives the share of orders per hour.
std::vector<DemandClass> build_demand_classes(const Network& network,
                                              const std::array<double, 24>& order_hour_profile);

}  // namespace echelon::network

// SPDX-License-Identifier: Apache-2.0
// Event-driven simulation of the one-warehouse multi-retailer system of owmr.h (same timing and
// cost conventions), to validate the METRIC / two-moment evaluation and the joint optimiser.
// Continuous time: Poisson demand at each retailer, one-for-one orders to the DC, FCFS
// allocation of DC stock, deterministic lead and transit times. Time averages are taken after
// a warm-up and split into batches for a confidence interval.
#pragma once

#include <cstdint>
#include <vector>

#include "inventory/owmr.h"

namespace echelon::inventory {

struct OwmrSimulationOptions {
  double warm_up = 1000.0;   // time units discarded
  double horizon = 100000.0; // time units measured
  int batches = 20;          // batch means for the confidence interval
  std::uint64_t seed = 1;
};

struct OwmrSimulationResult {
  double cost = 0.0;
  double cost_half_width = 0.0;  // 95% confidence half-width (batch means)
  double warehouse_backorders = 0.0;
  double warehouse_on_hand = 0.0;
  std::vector<double> retailer_on_hand;
  std::vector<double> retailer_backorders;
  std::vector<double> retailer_fill_rate;  // share of demand met from stock on arrival
};

[[nodiscard]] OwmrSimulationResult simulate_owmr(const OwmrParams& params,
                                                 const OwmrPolicy& policy,
                                                 const OwmrSimulationOptions& options);

}  // namespace echelon::inventory

// SPDX-License-Identifier: Apache-2.0
// Period-by-period simulation of a serial system under echelon base-stock levels, in the
// conventions of serial_system.h, to check its exact costs and to compare policies by
// simulation (common random numbers: the same seed gives the same demand path).
//
// Each period: shipments arrive; every stage orders up to its echelon level (so it orders last
// period's demand); each stage ships what it holds of what its customer stage is owed; customer
// demand at stage 1 is met from stock or backordered; costs are charged on end-of-period stock:
// h'_j per unit on hand at stage j, p per unit backordered. Lead times must be whole periods.
// Stage j's shipments take L_j periods except stage 1's, which take L_1 - 1: the review period
// supplies the last period of stage 1's protection interval, as in the recursion where stage j
// protects exactly L_j. Pipeline stock into stage j < N is charged by its mean h'_{j+1} mu L_j
// (as in the recursion); the pipeline into stage N is not charged.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "inventory/serial_system.h"

namespace echelon::inventory {

struct SerialSimulationOptions {
  std::int64_t warm_up = 1000;     // periods discarded
  std::int64_t periods = 200000;   // periods measured
  int batches = 20;                // batch means for the confidence interval
  std::uint64_t seed = 1;
};

struct SerialSimulationResult {
  double cost = 0.0;             // per period
  double cost_half_width = 0.0;  // 95% confidence half-width (batch means)
  std::vector<double> batch_costs;  // per-batch averages, for paired comparisons
};

// Needs whole-period lead times with L_1 >= 1 and normal or Poisson demand (normal demand may
// be negative in a period, as in the recursion).
[[nodiscard]] SerialSimulationResult simulate_serial(const SerialParams& params,
                                                     std::span<const double> echelon_levels,
                                                     const SerialSimulationOptions& options);

}  // namespace echelon::inventory

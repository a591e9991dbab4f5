// SPDX-License-Identifier: Apache-2.0
// Lagrangian lower bound for the guaranteed-service model on integral acyclic networks
// (conventions of gsm_network.h). A spanning forest keeps the stages with the largest cost
// coefficients linked exactly; the linking constraints SI_k >= S_i of the other arcs are priced
// by multipliers lambda >= 0, and the priced forest problem is solved exactly by the tree dynamic
// program (gsm_tree.h). Subgradient steps (Polyak, against the best policy found) raise the
// bound; every forest solution, repaired, is also a candidate policy.
#pragma once

#include <vector>

#include "inventory/gsm_network.h"

namespace echelon::inventory {

struct GsmLagrangianResult {
  bool applicable = false;            // false when the data are not integral
  double lower_bound = 0.0;
  std::vector<double> outbound_cst;   // best feasible policy found
  double cost = 0.0;                  // its cost
  int iterations = 0;
};

// `upper_bound`: cost of a known policy (+infinity if none); stops after `time_limit_seconds`
// or `max_iterations`.
[[nodiscard]] GsmLagrangianResult gsm_lagrangian_bound(const GsmNetwork& network,
                                                       double upper_bound,
                                                       double time_limit_seconds,
                                                       int max_iterations);

}  // namespace echelon::inventory

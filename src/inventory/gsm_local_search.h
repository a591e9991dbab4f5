// SPDX-License-Identifier: Apache-2.0
// Local improvement of a feasible guaranteed-service policy (conventions of gsm_network.h): moves
// one stage's outbound CST at a time to a value where some net lead time becomes zero or where
// a customer's inbound CST stays unchanged (0, SI_j + T_j, S_k - T_k or the other suppliers'
// largest CST for each customer k, or the stage's maximum), keeping every move that lowers the
// cost, until none does. Used by the DAG solver on each new incumbent.
#pragma once

#include <vector>

#include "inventory/gsm_network.h"

namespace echelon::inventory {

// `outbound_cst` must be feasible; returns a feasible vector of no higher cost.
[[nodiscard]] std::vector<double> improve_gsm_policy(const GsmNetwork& network,
                                                     std::vector<double> outbound_cst);

}  // namespace echelon::inventory

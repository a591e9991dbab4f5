// SPDX-License-Identifier: Apache-2.0
// Exact guaranteed-service optimisation on a tree (no cycle when edge directions are ignored;
// a forest is solved component by component): the dynamic program of Graves & Willems (2000)
// over integer committed service times, conventions as in gsm_network.h.
//
// Stages are eliminated leaf first; each keeps a cost function of its outbound CST (when its
// remaining neighbour is a customer) or of its inbound CST (when it is a supplier), with the
// relaxed linking constraints SI_j >= S_i, which change no optimum since cost grows with SI_j.
// Time O(n M^2) with M the longest supply path in periods.
#pragma once

#include "inventory/gsm_network.h"

namespace echelon::inventory {

// Needs a forest with integer processing times, maximum and external CSTs. The solution is
// proven optimal.
[[nodiscard]] GsmSolution solve_gsm_tree(const GsmNetwork& network);

}  // namespace echelon::inventory

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

#include <vector>

#include "inventory/gsm_network.h"

namespace echelon::inventory {

// Needs a forest with integer processing times, maximum and external CSTs. The solution is
// proven optimal.
[[nodiscard]] GsmSolution solve_gsm_tree(const GsmNetwork& network);

// The same dynamic program on the sub-forest of `use_edge` (all edges when empty), with linear
// terms outbound_price_j S_j - inbound_price_j SI_j added to the cost (none when empty) and the
// relaxed linking SI_j >= S_i on the forest's edges only. The Lagrangian bound of gsm_dag.h
// prices the other edges this way. Integer times required.
struct ForestProgram {
  std::vector<bool> use_edge;
  std::vector<double> outbound_price;
  std::vector<double> inbound_price;
};

struct ForestOptimum {
  double value = 0.0;          // optimal value (+infinity when infeasible)
  std::vector<int> outbound;   // S_j
  std::vector<int> inbound;    // SI_j (relaxed: at least each forest supplier's S)
};

[[nodiscard]] ForestOptimum solve_forest_program(const GsmNetwork& network,
                                                 const ForestProgram& program);

}  // namespace echelon::inventory

// SPDX-License-Identifier: Apache-2.0
// Guaranteed-service optimisation on any acyclic network (assembly and distribution mixed),
// conventions as in gsm_network.h. Returns a proven optimum, or a solution with a proven lower
// bound when a limit stops the search.
//
// Method: spatial branch and bound on the net lead times. The cost sum_j c_j sqrt(NLT_j) is
// concave and separable, and the constraints (SI_j >= S_i, NLT_j = SI_j + T_j - S_j, bounds) form
// a difference system, so an optimum lies at a vertex (integral for integer data). Each node
// replaces c_j sqrt(.) by its secant over the node's interval for NLT_j (a convex underestimator),
// solves that LP with CLP for a lower bound, evaluates the LP vertex exactly for an upper bound,
// and splits the interval of the stage with the largest underestimation at its LP value
// (integer split points for integer data, so the search is finite). Best-bound node order.
// With integral data a Lagrangian bound over a spanning forest runs first; the reported lower
// bound is the better of the two.
#pragma once

#include <cstddef>

#include "inventory/gsm_network.h"

namespace echelon::inventory {

struct GsmDagOptions {
  double relative_gap = 1e-9;       // stop when (upper - lower) <= relative_gap * upper
  double time_limit_seconds = 60.0;
  std::size_t node_limit = 1000000;
  bool reduced_cost_tightening = true;  // shrink NLT intervals by LP reduced costs
  // Integral data: first a Lagrangian bound over a spanning forest (gsm_lagrangian.h), for at most
  // this share of the time limit and this many subgradient iterations.
  bool lagrangian_bound = true;
  double lagrangian_time_share = 0.3;
  int lagrangian_iterations = 300;
};

[[nodiscard]] GsmSolution solve_gsm_dag(const GsmNetwork& network, const GsmDagOptions& options);

}  // namespace echelon::inventory

// SPDX-License-Identifier: Apache-2.0
// The exact reference (`echelon plan --method exact`, DESIGN section 5a): the relaxed model of
// every SKU with integer levels and every coupling constraint, as one mixed-integer program
// solved by CBC on the same scenarios (same seed) as the decomposition:
//
//   min  sum_s [ sum_n h_sn S_sn + 1/K sum_k ( sum_arcs c x_sk + sum_classes p u_sk ) ]
//   s.t. sum_{n} x_ska,n + u_ska = d_ska                  every SKU s, scenario k, class a
//        sum_{a} x_ska,n <= S_sn                          every SKU, scenario, candidate node
//        sum_s vol_s (S_sn - c_s/K sum_k,a x_ska,n) <= storage_n          every stocking node
//        sum_s 1/(K T_s) sum_k,a x_ska,n <= inbound_n, outbound_n  (and at each node's DC)
//        S_sn integer in [min_sn, max_sn]
//
// (c_s = 1 - R/2T: the cycle stock a unit served no longer holds; costs per day as in
// cost_model.h.) The DC layer follows the FC flows by the same rule in both methods, so the
// DC's own storage is not constrained here. Its optimum is what the decomposition's lower bound
// and relaxed plan cost must bracket; only small instances fit (the size is checked first).
#pragma once

#include <cstddef>

#include "core/run_context.h"
#include "optimize/lagrangian.h"

namespace echelon::optimize {

struct ExactOptions {
  double time_limit_seconds = 600.0;
  double relative_gap = 1e-6;          // CBC's stopping gap
  std::size_t max_columns = 400'000;   // larger models are refused with a clear error
};

// Solves the monolithic model. The result has the decomposition's shape: plans per SKU at the
// optimal levels (completed like any plan), zero prices, the use of every resource, and as
// lower bound CBC's best bound. Throws InputError when the instance is too large.
LagrangianResult solve_exact(const PlanningNetwork& planning, const DemandRates& rates,
                             const SkuSolverOptions& sku_options, const ExactOptions& options,
                             RunContext& ctx);

}  // namespace echelon::optimize

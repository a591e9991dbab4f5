// SPDX-License-Identifier: Apache-2.0
// One warehouse, many retailers (a DC and its FCs) with METRIC-style DC delay (Sherbrooke 1968)
// and a joint optimiser of the DC and FC base-stock levels.
//
// Conventions: continuous review, one-for-one (base-stock) replenishment, Poisson demand at rate
// lambda_i per unit time at retailer i, full backorders. The DC orders from an outside supplier
// with deterministic lead time L_0 and ships to retailer i in transit time L_i, serving retailer
// orders first come, first served. The DC's backorders B_0 = (D_0 - S_0)^+ with
// D_0 ~ Poisson(Lambda L_0) are exact; the DC delay is E[W] = E[B_0] / Lambda (Little's law).
// Retailer i's outstanding orders are approximated either by Poisson(lambda_i (L_i + E[W]))
// (METRIC) or by a two-moment fit (Graves 1985: mean lambda_i L_i + (lambda_i/Lambda) E[B_0],
// variance lambda_i L_i + (lambda_i/Lambda)(1 - lambda_i/Lambda) E[B_0] +
// (lambda_i/Lambda)^2 Var[B_0], negative binomial when overdispersed).
// Cost per unit time: h_0 E[on hand at DC] + sum_i (h_i E[on hand_i] + p_i E[backorders_i]).
#pragma once

#include <cstdint>
#include <vector>

namespace echelon::inventory {

struct OwmrRetailer {
  double demand_rate = 0.0;     // lambda_i > 0 per unit time
  double transit_time = 0.0;    // L_i >= 0
  double holding_cost = 0.0;    // h_i per unit per unit time
  double backorder_cost = 0.0;  // p_i per unit per unit time
};

struct OwmrParams {
  double warehouse_lead_time = 0.0;     // L_0 >= 0
  double warehouse_holding_cost = 0.0;  // h_0
  std::vector<OwmrRetailer> retailers;
};

struct OwmrPolicy {
  std::int64_t warehouse_level = 0;          // S_0 >= 0
  std::vector<std::int64_t> retailer_levels; // S_i
};

enum class RetailerApproximation { kMetric, kTwoMoment };

struct OwmrEvaluation {
  double cost = 0.0;
  double warehouse_backorders = 0.0;  // E[B_0] (exact)
  double warehouse_on_hand = 0.0;     // E[I_0] (exact)
  double warehouse_delay = 0.0;       // E[W] (exact)
  std::vector<double> retailer_on_hand;
  std::vector<double> retailer_backorders;
};

struct OwmrSolution {
  OwmrPolicy policy;
  OwmrEvaluation evaluation;
};

[[nodiscard]] OwmrEvaluation evaluate_owmr(const OwmrParams& params, const OwmrPolicy& policy,
                                           RetailerApproximation approximation);

// For every DC level S_0 from 0 up to the 1 - 1e-9 quantile of D_0, each retailer's best level
// under the approximation (newsvendor on its outstanding orders), then the best S_0.
[[nodiscard]] OwmrSolution optimize_owmr(const OwmrParams& params,
                                         RetailerApproximation approximation);

}  // namespace echelon::inventory

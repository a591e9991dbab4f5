// SPDX-License-Identifier: Apache-2.0
// Lead-time demand with a stochastic lead time: D_L = D_1 + ... + D_L, the per-period demands
// i.i.d. and independent of the lead time L (whole periods). Exact for discrete demand (a
// mixture of convolution powers); by moment matching where that is too costly or demand is
// continuous: E[D_L] = mu E[L], Var[D_L] = E[L] sigma^2 + mu^2 Var[L] (Hadley & Whitin).
//
// Convention: a lead time of l periods means demand of exactly l periods; a base-stock
// protection interval of L+1 periods is passed as lead_time + 1 by the caller.
#pragma once

#include "inventory/distribution.h"

namespace echelon::inventory {

struct LeadTimeDemandMoments {
  double mean = 0.0;
  double variance = 0.0;
};

// Mean and variance of D_L for any per-period demand and any lead-time distribution.
[[nodiscard]] LeadTimeDemandMoments lead_time_demand_moments(const Distribution& per_period,
                                                             const Distribution& lead_time);

// Exact distribution of D_L as a probability table; per_period and lead_time must be discrete.
// Probabilities below `tail` in the upper tail of L and of each D_l are dropped (default 1e-15),
// so the table sums to 1 within that.
[[nodiscard]] Distribution compound_lead_time_demand(const Distribution& per_period,
                                                     const Distribution& lead_time,
                                                     double tail = 1e-15);

enum class MomentFit {
  kNormal,            // N(mean, sd)
  kGamma,             // gamma with the same mean and sd (continuous, non-negative)
  kNegativeBinomial,  // discrete; falls back to Poisson when variance <= mean
};

// D_L fitted by its first two moments.
[[nodiscard]] Distribution moment_matched_lead_time_demand(const Distribution& per_period,
                                                           const Distribution& lead_time,
                                                           MomentFit fit);

}  // namespace echelon::inventory

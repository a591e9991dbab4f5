// SPDX-License-Identifier: Apache-2.0
// Periodic-review (s,S) policy with i.i.d. integer demand per period, full backorders, fixed
// ordering cost K: when the inventory position is at or below s, order up to S, so the
// position cycles over s+1..S. Exact optimum by Zheng & Federgruen (1991).
//
// Timing and cost: review, order, the order arrives lead_time periods later, demand, then the
// one-period cost G(y) = h E[(y-D)^+] + p E[(D-y)^+] with D the demand over lead_time + 1
// periods. Average cost per period g(s,S) = [K + sum_{j<S-s} m(j) G(S-j)] / M(S-s), m the
// renewal mass function of one period's demand and M(n) = sum_{j<n} m(j).
#pragma once

#include <cstdint>
#include <vector>

#include "inventory/distribution.h"
#include "inventory/loss_table.h"
#include "inventory/newsvendor.h"

namespace echelon::inventory {

struct SsParams {
  NewsvendorCosts costs;
  double fixed_cost = 0.0;                         // K >= 0 per order
  std::int64_t lead_time = 0;                      // whole periods >= 0
  Distribution demand = Distribution::poisson(1);  // per period, discrete, P(D = 0) < 1
};

struct SsPolicy {
  std::int64_t reorder_point = 0;  // s
  std::int64_t order_up_to = 0;    // S > s
};

struct SsSolution {
  SsPolicy policy;
  double cost = 0.0;  // per period
};

// Evaluates and optimises (s,S) policies for one parameter set; caches the renewal function.
class SsModel {
 public:
  explicit SsModel(const SsParams& params);

  // g(s,S) for s < S.
  [[nodiscard]] double cost(const SsPolicy& policy);
  // The exact optimum. Ties: for the optimal S, s is the largest integer below S with
  // G(s) >= g*.
  [[nodiscard]] SsSolution optimize();
  // G(y).
  [[nodiscard]] double one_period_cost(std::int64_t y) const;

 private:
  void extend_renewal(std::size_t count);

  SsParams params_;
  LossTable protection_demand_;      // D over lead_time + 1 periods
  std::vector<double> period_pmf_;   // one period's demand
  std::vector<double> renewal_;      // m(j)
  std::vector<double> cumulative_;   // M(j+1)
};

}  // namespace echelon::inventory

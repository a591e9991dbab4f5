// SPDX-License-Identifier: Apache-2.0
// Levels set by a service target instead of a shortage cost.
//
// Cycle service (type 1): P(no stockout in a replenishment cycle) = P(D <= level), D the demand
// over the protection interval (L+1 periods for periodic base-stock, L for a continuous-review
// reorder point). Fill rate (type 2): the fraction of demand met from stock.
//   periodic base-stock: 1 - (E[(D_{L+1}-S)^+] - E[(D_L-S)^+]) / E[D_1];
//   continuous-review (r,Q), inventory position uniform on (r, r+Q]:
//   1 - (E[(D_L-r)^+] - E[(D_L-r-Q)^+]) / Q (exact for unit Poisson demand).
// Discrete demand gives integer levels (the smallest meeting the target).
#pragma once

#include "inventory/distribution.h"

namespace echelon::inventory {

// Smallest level with P(D <= level) >= target, target in (0, 1).
[[nodiscard]] double level_for_cycle_service(const Distribution& demand, double target);

[[nodiscard]] double base_stock_fill_rate(const Distribution& per_period, double lead_time,
                                          double level);
// Smallest base-stock level whose fill rate is >= target, target in (0, 1).
[[nodiscard]] double base_stock_level_for_fill_rate(const Distribution& per_period,
                                                    double lead_time, double target);

[[nodiscard]] double rq_fill_rate(const Distribution& lead_time_demand, double reorder_point,
                                  double order_quantity);
// Smallest reorder point r with rq_fill_rate(r, Q) >= target.
[[nodiscard]] double reorder_point_for_fill_rate(const Distribution& lead_time_demand,
                                                 double order_quantity, double target);

}  // namespace echelon::inventory

// SPDX-License-Identifier: Apache-2.0
// What one simulation run measures, and the statistics over replications. Costs accrue when
// they happen: purchase when a vendor order is placed, inbound when a receipt is put away,
// outbound and downgrade when an order ships, lost sale when it is lost, holding on each day's
// closing stock. Only days after the warm-up count, except `Balance`, which covers the whole run
// so that conservation can be checked exactly.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace echelon::simulate {

struct CostBreakdown {
  double purchase = 0.0;
  double holding = 0.0;
  double inbound = 0.0;
  double outbound = 0.0;
  double downgrade = 0.0;
  double lost_sale = 0.0;

  [[nodiscard]] double total() const {
    return purchase + holding + inbound + outbound + downgrade + lost_sale;
  }
  // Total minus purchase: what planning controls (DESIGN section 7).
  [[nodiscard]] double controllable() const { return total() - purchase; }
};

struct SpeedKpis {
  double demanded = 0.0;    // units ordered at this speed
  double on_time = 0.0;     // shipped from an eligible node
  double downgraded = 0.0;  // shipped late from a fallback node
  double lost = 0.0;
  double reachable = 0.0;   // ordered in classes that some node can serve on time

  [[nodiscard]] double on_time_rate() const { return demanded > 0 ? on_time / demanded : 1.0; }
  // On-time rate among orders the network can serve on time at all (calibration reads this).
  [[nodiscard]] double reachable_on_time_rate() const {
    return reachable > 0 ? on_time / reachable : 1.0;
  }
  [[nodiscard]] double fill_rate() const {
    return demanded > 0 ? (on_time + downgraded) / demanded : 1.0;
  }
};

// Capacity use of one node over the measured days; limits are +infinity when absent.
struct NodeKpis {
  double storage_limit_m3 = 0.0;
  double storage_mean_m3 = 0.0;       // mean closing volume
  double storage_peak_m3 = 0.0;
  double overflow_m3_days = 0.0;      // closing volume above the limit, summed over days
  int overflow_days = 0;
  double inbound_limit = 0.0;         // units per day
  double inbound_units = 0.0;         // units put away
  double inbound_backlog_unit_days = 0.0;  // units waiting at the dock at the end of a day
  double outbound_limit = 0.0;
  double outbound_units = 0.0;        // customer shipments and transfers out
  double outbound_denied_units = 0.0; // the preferred node had stock but no outbound capacity
  int outbound_full_days = 0;
  double stock_value_mean = 0.0;
};

// Unit flows over the whole run (warm-up included), for conservation checks:
// initial + received == shipped + closing + transfers in transit (units inside the network), and
// demanded == on_time + downgraded + lost.
struct Balance {
  double initial_on_hand = 0.0;
  double vendor_received = 0.0;      // vendor receipts put away
  double shipped = 0.0;              // to customers
  double closing_on_hand = 0.0;
  double transfers_in_transit = 0.0; // left the parent, not yet put away at the child
  double demanded = 0.0;
  double on_time = 0.0;
  double downgraded = 0.0;
  double lost = 0.0;
};

struct Kpis {
  int days = 0;                      // measured days
  CostBreakdown cost;
  std::vector<SpeedKpis> speeds;
  double lost_units = 0.0;
  double in_region_units = 0.0;      // shipped on time by the class's preferred (first) node
  double shipped_cost_value = 0.0;   // units shipped x unit cost (cost of goods sold)
  double stock_value_mean = 0.0;     // mean closing on-hand value (unit cost)
  double rationed_units = 0.0;       // transfer requests a short DC could not fill
  double rebalanced_units = 0.0;     // sent between sibling nodes (fc->fc lanes)
  double rebalance_cost = 0.0;       // their lane cost (also inside cost.inbound at put-away)
  std::vector<NodeKpis> nodes;
  Balance balance;

  [[nodiscard]] double demanded() const;
  // Share of demand shipped on time by its preferred node.
  [[nodiscard]] double in_region_fill() const;
  // Annualised cost of goods sold over mean stock value.
  [[nodiscard]] double turns() const;
};

// Mean and confidence half-width of a sample (Student t, two-sided `level`).
struct Estimate {
  double mean = 0.0;
  double half_width = 0.0;  // 0 for fewer than two observations
};
Estimate estimate(const std::vector<double>& sample, double level = 0.95);
// Paired difference a - b over replications that share random numbers.
Estimate paired_difference(const std::vector<double>& a, const std::vector<double>& b,
                           double level = 0.95);
// Two-sided Student t quantile t_{(1+level)/2, dof}, dof >= 1.
double student_t_quantile(double level, int dof);

}  // namespace echelon::simulate

// SPDX-License-Identifier: Apache-2.0
// A DC's stock for one SKU's flow from one vendor, and the delay its shortfalls pass to the nodes
// it feeds. Periodic review every R days, order-up-to S over the vendor lead time L (mean and
// standard deviation) plus R; the demand on the DC over L + t days is taken as normal with mean
// F (L + t) and variance F v (L + t) + F^2 sd_L^2 (flow F per day, variance v F per day).
//
// The DC's cycle service is either fixed, or chosen (METRIC-style, Sherbrooke 1968) by trading
// the DC's holding against the stock its children hold to cover the delay: a unit more at the DC
// costs its holding and cuts the expected backorders by P(D > S); every unit-day of backorder is a
// unit-day of delay the children cover with their own stock. The optimum has
// P(D <= S) = h_child / (h_dc + h_child), the same at every flow, so the least DC stock per unit
// of flow stays a chord under a concave curve (SkuProblem's feeder_stock_days).
#pragma once

namespace echelon::optimize {

// `fixed_cycle_service` in (0, 1) fixes the DC's cycle service; 0 chooses it by the trade-off of
// the DC's holding rate against the mean holding rate of the nodes it feeds.
double dc_cycle_service(double fixed_cycle_service, double dc_holding_rate, double child_holding_rate);

struct DcLeadTimeDemand {
  double flow = 0.0;            // units per day through the DC
  double variance_ratio = 1.0;  // variance per day / mean per day
  double lead_mean = 0.0;       // days from order to receipt at the DC
  double lead_sd = 0.0;
  double review = 7.0;          // days between orders
};

struct DcStock {
  double order_up_to = 0.0;          // S = F (L + R) + z sd(L + R)
  double safety = 0.0;               // z sd(L + R), at least 0 in the expected stock
  double expected_backorders = 0.0;  // units, averaged over the review cycle
  double delay_days = 0.0;           // expected wait per unit shipped (Little: backorders / F)
};

// Order-up-to, safety stock and backorders at `cycle_service`.
DcStock dc_stock(const DcLeadTimeDemand& demand, double cycle_service);

// Standard deviation of the DC's demand over `days` days.
double dc_demand_sd(const DcLeadTimeDemand& demand, double days);

}  // namespace echelon::optimize

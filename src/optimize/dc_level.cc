// SPDX-License-Identifier: Apache-2.0
#include "optimize/dc_level.h"

#include <algorithm>
#include <cmath>

#include "inventory/loss_function.h"

namespace echelon::optimize {

double dc_cycle_service(double fixed_cycle_service, double dc_holding_rate, double child_holding_rate) {
  if (fixed_cycle_service > 0.0) return fixed_cycle_service;
  const double total = dc_holding_rate + child_holding_rate;
  // A DC that costs nothing to hold from should never run short; one whose children hold for free
  // still keeps half its lead-time demand's spread (cycle service 0.5).
  if (total <= 0.0) return 0.5;
  return std::clamp(child_holding_rate / total, 0.5, 0.999);
}

double dc_demand_sd(const DcLeadTimeDemand& demand, double days) {
  const double flow = demand.flow;
  return std::sqrt(flow * demand.variance_ratio * days + flow * flow * demand.lead_sd * demand.lead_sd);
}

DcStock dc_stock(const DcLeadTimeDemand& demand, double cycle_service) {
  DcStock stock;
  if (demand.flow <= 0.0) return stock;
  const double z = inventory::standard_normal_quantile(cycle_service);
  const double protection = demand.lead_mean + demand.review;
  const double sd = dc_demand_sd(demand, protection);
  stock.safety = z * sd;
  stock.order_up_to = demand.flow * protection + stock.safety;
  // Backorders t days after a receipt are E[(D(L + t) - S)+]: composite Simpson over the cycle
  // (the loss is steep near the end of the cycle, so a few panels, not one).
  constexpr int kPanels = 8;
  for (int point = 0; point <= kPanels; ++point) {
    const double weight = (point == 0 || point == kPanels ? 1.0 : point % 2 == 1 ? 4.0 : 2.0) / (3.0 * kPanels);
    const double days = demand.lead_mean + demand.review * point / kPanels;
    const double spread = dc_demand_sd(demand, days);
    if (spread <= 0.0) continue;
    const double standardized = (stock.order_up_to - demand.flow * days) / spread;
    stock.expected_backorders += weight * spread * inventory::standard_normal_loss(standardized);
  }
  stock.delay_days = stock.expected_backorders / demand.flow;
  return stock;
}

}  // namespace echelon::optimize

// SPDX-License-Identifier: Apache-2.0
#include "inventory/service_level.h"

#include <cmath>
#include <functional>
#include <stdexcept>

namespace echelon::inventory {
namespace {

void check_target(double target) {
  if (!(target > 0.0 && target < 1.0)) {
    throw std::invalid_argument("a service target must lie in (0, 1)");
  }
}

// Smallest level in [low, high] where the non-decreasing `service` reaches `target`: integer
// search for discrete demand, bisection to 1e-10 relative otherwise.
double smallest_level(const std::function<double(double)>& service, double target, double low,
                      double high, bool discrete) {
  while (service(high) < target) high += std::max(1.0, std::abs(high - low));
  while (service(low) >= target) low -= std::max(1.0, std::abs(high - low));
  if (discrete) {
    low = std::floor(low);
    high = std::ceil(high);
    while (high - low > 1.0) {
      double middle = std::floor(0.5 * (low + high));
      (service(middle) >= target ? high : low) = middle;
    }
    return high;
  }
  for (int iteration = 0; iteration < 200 && high - low > 1e-10 * (1.0 + std::abs(high)); ++iteration) {
    double middle = 0.5 * (low + high);
    (service(middle) >= target ? high : low) = middle;
  }
  return high;
}

}  // namespace

double level_for_cycle_service(const Distribution& demand, double target) {
  check_target(target);
  return demand.quantile(target);
}

double base_stock_fill_rate(const Distribution& per_period, double lead_time, double level) {
  Distribution protection = per_period.over_periods(lead_time + 1.0);
  Distribution lead = per_period.over_periods(lead_time);
  double short_per_period = protection.loss(level) - lead.loss(level);
  return 1.0 - short_per_period / per_period.mean();
}

double base_stock_level_for_fill_rate(const Distribution& per_period, double lead_time,
                                      double target) {
  check_target(target);
  Distribution protection = per_period.over_periods(lead_time + 1.0);
  return smallest_level(
      [&](double level) { return base_stock_fill_rate(per_period, lead_time, level); }, target,
      protection.mean() - 4.0 * protection.sd(), protection.mean() + 8.0 * protection.sd(),
      per_period.is_discrete());
}

double rq_fill_rate(const Distribution& lead_time_demand, double reorder_point,
                    double order_quantity) {
  return 1.0 - (lead_time_demand.loss(reorder_point) -
                lead_time_demand.loss(reorder_point + order_quantity)) /
                   order_quantity;
}

double reorder_point_for_fill_rate(const Distribution& lead_time_demand, double order_quantity,
                                   double target) {
  check_target(target);
  if (!(order_quantity > 0.0)) throw std::invalid_argument("order quantity must be > 0");
  return smallest_level(
      [&](double point) { return rq_fill_rate(lead_time_demand, point, order_quantity); },
      target, lead_time_demand.mean() - order_quantity - 4.0 * lead_time_demand.sd(),
      lead_time_demand.mean() + 8.0 * lead_time_demand.sd(), lead_time_demand.is_discrete());
}

}  // namespace echelon::inventory

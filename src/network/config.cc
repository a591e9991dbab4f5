// SPDX-License-Identifier: Apache-2.0
#include "network/config.h"

namespace echelon::network {

Config Config::defaults() {
  Config config;
  config.speeds = {
      {.name = "sameday", .promise_hours = 12, .target_fill = 0.90, .downgrade_penalty = 3.0,
       .default_cutoff_hour = 11},
      {.name = "1day", .promise_hours = 24, .target_fill = 0.95, .downgrade_penalty = 2.0,
       .default_cutoff_hour = 14},
      {.name = "2day", .promise_hours = 48, .target_fill = 0.97, .downgrade_penalty = 1.0,
       .default_cutoff_hour = 18},
  };
  config.speed_mix = {0.1, 0.3, 0.6};
  // Online orders by local hour: quiet at night, a morning rise, an evening peak.
  config.order_hour_profile = {1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 4, 5, 5.5, 5.8,
                               6, 6, 5.8, 5.6, 5.6, 5.8, 6.2, 6.8, 7, 6.2, 4.4, 2.5};
  double total = 0.0;
  for (double share : config.order_hour_profile) total += share;
  for (double& share : config.order_hour_profile) share /= total;
  return config;
}

int Config::speed_index(const std::string& name) const {
  for (std::size_t index = 0; index < speeds.size(); ++index) {
    if (speeds[index].name == name) return static_cast<int>(index);
  }
  return -1;
}

}  // namespace echelon::network

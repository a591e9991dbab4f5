// SPDX-License-Identifier: Apache-2.0
#include "network/demand_class.h"

#include <algorithm>
#include <set>

namespace echelon::network {
namespace {

bool cheaper(const ServingOption& a, const ServingOption& b) {
  if (a.cost_per_unit != b.cost_per_unit) return a.cost_per_unit < b.cost_per_unit;
  if (a.speed != b.speed) return a.speed < b.speed;
  return a.node < b.node;
}

double profile_share(const std::array<double, 24>& profile, double start_hour, double end_hour) {
  double share = 0.0;
  for (int hour = 0; hour < 24; ++hour) {
    double overlap = std::min<double>(end_hour, hour + 1) - std::max<double>(start_hour, hour);
    if (overlap > 0) share += profile[hour] * overlap;
  }
  return share;
}

}  // namespace

std::vector<DemandClass> build_demand_classes(const Network& network,
                                              const std::array<double, 24>& order_hour_profile) {
  double profile_total = 0.0;
  for (double share : order_hour_profile) profile_total += share;
  if (profile_total <= 0.0) profile_total = 1.0;

  // Options per region, so each (region, speed) scans only its own.
  std::vector<std::vector<const DeliveryOption*>> by_region(network.region_count());
  for (const DeliveryOption& option : network.delivery) {
    by_region[option.region.value()].push_back(&option);
  }

  std::vector<DemandClass> classes;
  for (RegionIndex region : all<RegionIndex>(network.region_count())) {
    const auto& options = by_region[region.value()];
    for (SpeedIndex speed : all<SpeedIndex>(network.speed_count())) {
      std::set<double> cutoffs;
      for (const DeliveryOption* option : options) {
        if (option->speed == speed) cutoffs.insert(std::clamp(option->cutoff_hour, 0.0, 24.0));
      }
      // Slower options serve this speed's demand as a downgrade; a node that is on time for
      // part of the day still appears in the fallback for the buckets after its cut-off.
      auto fallback_for = [&](const std::vector<ServingOption>& eligible) {
        std::vector<ServingOption> fallback;
        for (const DeliveryOption* option : options) {
          bool slower = network.speeds[option->speed.value()].promise_hours >
                        network.speeds[speed.value()].promise_hours;
          bool listed = std::any_of(eligible.begin(), eligible.end(), [&](const auto& serving) {
            return serving.node == option->node;
          });
          if (slower && !listed) {
            fallback.push_back({option->node, option->speed, option->cost_per_unit});
          }
        }
        std::sort(fallback.begin(), fallback.end(), cheaper);
        // One entry per node: its cheapest slower option.
        std::vector<ServingOption> unique;
        for (const ServingOption& serving : fallback) {
          bool seen = std::any_of(unique.begin(), unique.end(),
                                  [&](const auto& other) { return other.node == serving.node; });
          if (!seen) unique.push_back(serving);
        }
        return unique;
      };

      std::vector<double> bounds(cutoffs.begin(), cutoffs.end());
      if (bounds.empty() || bounds.front() > 0.0) bounds.insert(bounds.begin(), 0.0);
      if (bounds.back() < 24.0) bounds.push_back(24.0);
      // Bucket [bounds[b], bounds[b+1]); the bucket after the last cut-off rolls over to the
      // next day and is served like the first bucket.
      double last_cutoff = cutoffs.empty() ? 0.0 : *cutoffs.rbegin();
      for (std::size_t bucket = 0; bucket + 1 < bounds.size(); ++bucket) {
        DemandClass demand_class;
        demand_class.region = region;
        demand_class.speed = speed;
        demand_class.bucket_start_hour = bounds[bucket];
        demand_class.bucket_end_hour = bounds[bucket + 1];
        demand_class.share = profile_share(order_hour_profile, bounds[bucket], bounds[bucket + 1]) /
                             profile_total;
        double needed_cutoff = demand_class.bucket_end_hour;
        if (demand_class.bucket_start_hour >= last_cutoff) needed_cutoff = bounds.size() > 2 ? bounds[1] : 0.0;
        for (const DeliveryOption* option : options) {
          if (option->speed == speed && option->cutoff_hour >= needed_cutoff) {
            demand_class.eligible.push_back({option->node, option->speed, option->cost_per_unit});
          }
        }
        std::sort(demand_class.eligible.begin(), demand_class.eligible.end(), cheaper);
        demand_class.fallback = fallback_for(demand_class.eligible);
        classes.push_back(std::move(demand_class));
      }
    }
  }
  return classes;
}

}  // namespace echelon::network

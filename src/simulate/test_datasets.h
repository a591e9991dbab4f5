// SPDX-License-Identifier: Apache-2.0
// Small in-memory datasets for the simulator's tests: one node serving one region, and a DC
// feeding two FCs and a same-day site over three speeds. Test-only (not part of the library).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/rng.h"
#include "network/dataset.h"

namespace echelon::simulate::testing {

inline network::Speed speed(std::string name, double hours, double target, double penalty) {
  return {.name = std::move(name), .promise_hours = hours, .target_fill = target,
          .downgrade_penalty = penalty, .default_cutoff_hour = 24};
}

inline void add_node(network::Dataset& dataset, const std::string& id, network::NodeType type,
                     double lat, double lon) {
  dataset.network.node_ids.add(id);
  network::Node node;
  node.id = id;
  node.type = type;
  node.lat = lat;
  node.lon = lon;
  dataset.network.nodes.push_back(node);
}

inline void add_region(network::Dataset& dataset, const std::string& id, double lat, double lon) {
  dataset.network.region_ids.add(id);
  dataset.network.regions.push_back({id, lat, lon, 1.0});
}

inline void add_sku(network::Dataset& dataset, const std::string& id, double unit_cost, double price,
                    double lead_mean, double lead_sd, double moq = 0.0, double case_pack = 1.0) {
  SkuIndex sku(dataset.skus.size());
  dataset.sku_ids.add(id);
  network::Sku record;
  record.id = id;
  record.unit_volume_m3 = 0.01;
  record.unit_cost = unit_cost;
  record.price = price;
  dataset.skus.push_back(record);
  network::SourcingOption option;
  option.sku = sku;
  option.vendor = VendorIndex(0);
  option.unit_cost = unit_cost;
  option.lead_time_days_mean = lead_mean;
  option.lead_time_days_sd = lead_sd;
  option.moq = moq;
  option.case_pack = case_pack;
  if (dataset.sourcing_offset.empty()) dataset.sourcing_offset.push_back(0);
  dataset.sourcing.push_back(option);
  dataset.sourcing_offset.push_back(dataset.sourcing.size());
}

// Common settings: daily review, flat order profile, one vendor, holding 36.5% a year, a lost
// sale costs half the price (at least 1).
inline network::Dataset base_dataset(std::vector<network::Speed> speeds) {
  network::Dataset dataset;
  dataset.config = network::Config::defaults();
  dataset.config.speeds = speeds;
  dataset.config.speed_mix.assign(speeds.size(), 1.0 / static_cast<double>(speeds.size()));
  dataset.config.review_period_days = 1;
  dataset.config.costs.holding_rate_per_year = 0.365;
  dataset.config.costs.lost_sale_fraction = 0.5;  // explicit: the tests' expected costs use them
  dataset.config.costs.lost_sale_minimum = 1.0;
  dataset.config.order_hour_profile.fill(1.0 / 24.0);
  dataset.network.speeds = speeds;
  dataset.network.vendor_ids.add("V1");
  dataset.network.vendors.push_back({"V1", 40.0, -100.0, "vendor"});
  return dataset;
}

// Demand rows, grouped by SKU: `daily(sku, day, region, speed)` gives the quantity.
template <class Daily>
void fill_history(network::Dataset& dataset, int days, Daily daily) {
  network::DemandHistory& history = dataset.demand;
  history.sku_offset.assign(1, 0);
  const Date first = Date::from_civil({2024, 1, 1});
  for (SkuIndex sku : all<SkuIndex>(dataset.sku_count())) {
    for (int day = 0; day < days; ++day) {
      for (std::size_t region = 0; region < dataset.network.region_count(); ++region) {
        for (std::size_t speed = 0; speed < dataset.network.speed_count(); ++speed) {
          double quantity = daily(sku.value(), day, region, speed);
          if (quantity <= 0.0) continue;
          history.date.push_back((first + day).days());
          history.region.push_back(static_cast<std::uint16_t>(region));
          history.speed.push_back(static_cast<std::int8_t>(speed));
          history.quantity.push_back(static_cast<float>(quantity));
        }
      }
    }
    history.sku_offset.push_back(history.rows());
  }
  history.first_date = first;
  history.last_date = first + (days - 1);
}

// One FC serving one region at one speed, fed straight by the vendor.
inline network::Dataset single_node_dataset(double lead_mean) {
  network::Dataset dataset = base_dataset({speed("2day", 48, 0.95, 1.0)});
  add_node(dataset, "FC1", network::NodeType::kFc, 40.0, -90.0);
  add_region(dataset, "R1", 40.1, -90.1);
  dataset.network.lanes.push_back({VendorIndex(0), NodeIndex::invalid(), NodeIndex(0), lead_mean, 0.0, 0.5, 0.0});
  dataset.network.delivery.push_back({NodeIndex(0), RegionIndex(0), SpeedIndex(0), 2.0, 24.0});
  add_sku(dataset, "S1", 10.0, 20.0, lead_mean, 0.0);
  return dataset;
}

// DC -> {FC_A, FC_B, SD_A}; regions A (near FC_A and SD_A) and B (near FC_B); three speeds.
inline network::Dataset small_network_dataset(int days, std::uint64_t seed) {
  network::Dataset dataset = base_dataset({speed("sameday", 12, 0.90, 3.0), speed("1day", 24, 0.95, 2.0),
                                           speed("2day", 48, 0.97, 1.0)});
  dataset.config.review_period_days = 3;
  add_node(dataset, "DC", network::NodeType::kDc, 39.0, -95.0);
  add_node(dataset, "FC_A", network::NodeType::kFc, 41.0, -88.0);
  add_node(dataset, "FC_B", network::NodeType::kFc, 33.0, -97.0);
  add_node(dataset, "SD_A", network::NodeType::kSameDay, 41.9, -87.7);
  add_region(dataset, "A", 41.9, -87.6);
  add_region(dataset, "B", 32.8, -96.8);
  auto& lanes = dataset.network.lanes;
  lanes.push_back({VendorIndex(0), NodeIndex::invalid(), NodeIndex(0), 8.0, 2.0, 0.3, 5.0});
  for (std::size_t child = 1; child < 4; ++child) {
    lanes.push_back({VendorIndex::invalid(), NodeIndex(0), NodeIndex(child), 1.5, 0.5, 0.4, 8.0});
  }
  auto& delivery = dataset.network.delivery;
  delivery.push_back({NodeIndex(3), RegionIndex(0), SpeedIndex(0), 6.0, 13.0});
  delivery.push_back({NodeIndex(3), RegionIndex(0), SpeedIndex(1), 4.5, 16.0});
  delivery.push_back({NodeIndex(1), RegionIndex(0), SpeedIndex(1), 4.2, 18.0});
  delivery.push_back({NodeIndex(1), RegionIndex(0), SpeedIndex(2), 3.0, 21.0});
  delivery.push_back({NodeIndex(2), RegionIndex(0), SpeedIndex(2), 3.8, 19.0});
  delivery.push_back({NodeIndex(2), RegionIndex(1), SpeedIndex(1), 4.2, 18.0});
  delivery.push_back({NodeIndex(2), RegionIndex(1), SpeedIndex(2), 3.0, 21.0});
  delivery.push_back({NodeIndex(1), RegionIndex(1), SpeedIndex(2), 3.9, 19.0});
  add_sku(dataset, "FAST", 5.0, 12.0, 8.0, 2.0, 0.0, 6.0);
  add_sku(dataset, "SLOW", 40.0, 90.0, 8.0, 2.0, 10.0, 1.0);
  add_sku(dataset, "MID", 12.0, 25.0, 8.0, 2.0, 0.0, 1.0);
  Rng rng = Rng::stream(seed, 7, Purpose::kTest);
  const double rates[3] = {6.0, 0.3, 1.5};
  fill_history(dataset, days, [&](std::size_t sku, int, std::size_t region, std::size_t) {
    return static_cast<double>(sample_poisson(rng, rates[sku] * (region == 0 ? 0.6 : 0.4) / 3.0));
  });
  return dataset;
}

}  // namespace echelon::simulate::testing

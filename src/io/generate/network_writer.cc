// SPDX-License-Identifier: Apache-2.0
// Synthetic network: regions, vendors, nodes, lanes, delivery options and their capacities.
#include <algorithm>
#include <cmath>

#include "io/csv_writer.h"
#include "io/generate/model.h"

namespace echelon::io::generate {
namespace {

using network::distance_km;

double round2(double value) { return std::round(value * 100.0) / 100.0; }
double half_hour(double hour) { return std::round(hour * 2.0) / 2.0; }
using network::NodeType;

constexpr double kSameDayRadiusKm = 60.0;
constexpr double kOneDayRadiusKm = 650.0;
constexpr double kTwoDayRadiusKm = 1900.0;

struct Option {
  std::size_t speed;
  double cost;
  double cutoff;
};

// Delivery options of a node to a region, by distance and node type.
std::vector<Option> delivery_options(const GenNode& node, const Place& region) {
  double distance = distance_km(node.lat, node.lon, region.lat, region.lon);
  std::vector<Option> options;
  bool sameday_site = node.type == NodeType::kSameDay;
  if (distance <= kSameDayRadiusKm) {
    options.push_back({0, 6.5 + 0.03 * distance, sameday_site ? 13.0 : 11.0});
  }
  if (distance <= (sameday_site ? 150.0 : kOneDayRadiusKm)) {
    options.push_back({1, 4.2 + 0.004 * distance, std::clamp(18.0 - distance / 130.0, 12.0, 18.0)});
  }
  if (!sameday_site && distance <= kTwoDayRadiusKm) {
    options.push_back({2, 2.9 + 0.0015 * distance, std::clamp(21.0 - distance / 500.0, 15.0, 21.0)});
  }
  return options;
}

std::string site_name(const std::string& prefix, const Place& place,
                      std::vector<std::string>& taken) {
  std::string id = prefix + place.name;
  int suffix = 2;
  while (std::find(taken.begin(), taken.end(), id) != taken.end()) {
    id = prefix + place.name + "_" + std::to_string(suffix++);
  }
  taken.push_back(id);
  return id;
}

}  // namespace

void write_network_files(World& world, const std::filesystem::path& dir) {
  const std::size_t node_count = std::max<std::size_t>(2, world.options.nodes);
  std::size_t dcs = std::max<std::size_t>(1, (node_count + 4) / 9);
  std::size_t sameday = std::min<std::size_t>((2 * node_count + 4) / 9, node_count - dcs - 1);
  std::size_t fcs = node_count - dcs - sameday;

  std::vector<std::string> taken;
  for (std::size_t site : choose_sites(world.regions, dcs, 1500.0)) {
    const Place& place = world.regions[site];
    world.nodes.push_back({site_name("DC_", place, taken), NodeType::kDc, round2(place.lat + 0.15),
                           round2(place.lon + 0.2)});
  }
  for (std::size_t site : choose_sites(world.regions, fcs, 450.0)) {
    const Place& place = world.regions[site];
    world.nodes.push_back({site_name("FC_", place, taken), NodeType::kFc, round2(place.lat + 0.05),
                           round2(place.lon - 0.08)});
  }
  for (std::size_t site = 0; site < sameday; ++site) {
    const Place& place = world.regions[site % world.regions.size()];
    world.nodes.push_back({site_name("SD_", place, taken), NodeType::kSameDay,
                           round2(place.lat - 0.02), round2(place.lon + 0.03)});
  }

  Rng rng = Rng::stream(world.seed, 0, Purpose::kGenerate).substream(1);
  const auto& metros = us_metros();
  static constexpr std::size_t kPorts[] = {1, 14, 0, 4, 7};  // LA, Seattle, NY, Houston, Miami
  std::size_t vendor_count = std::clamp<std::size_t>(world.options.skus / 400, 4, 250);
  for (std::size_t vendor = 0; vendor < vendor_count; ++vendor) {
    GenVendor spec;
    spec.id = "V" + std::to_string(1000 + vendor);
    spec.overseas = vendor % 5 < 3;
    const Place& base = spec.overseas ? metros[kPorts[vendor % 5]] : metros[rng.below(40)];
    spec.lat = round2(base.lat + (rng.uniform() - 0.5) * 0.4);
    spec.lon = round2(base.lon + (rng.uniform() - 0.5) * 0.4);
    spec.lead_time_mean = spec.overseas ? 24.0 + 18.0 * rng.uniform() : 4.0 + 8.0 * rng.uniform();
    spec.lead_time_cv = 0.15 + 0.2 * rng.uniform();
    world.vendors.push_back(spec);
  }

  CsvWriter regions(dir / "regions.csv", {"region_id", "lat", "lon", "population"});
  for (const Place& place : world.regions) {
    regions.row(place.name, place.lat, place.lon, std::round(place.population));
  }
  regions.commit();
  CsvWriter vendors(dir / "vendors.csv", {"vendor_id", "lat", "lon", "name"});
  for (const GenVendor& vendor : world.vendors) {
    vendors.row(vendor.id, vendor.lat, vendor.lon,
                (vendor.overseas ? "Import supplier " : "Domestic supplier ") + vendor.id);
  }
  vendors.commit();

  CsvWriter lanes(dir / "lanes.csv", {"from_id", "to_id", "transit_days_mean", "transit_days_sd",
                                      "cost_per_unit", "cost_per_m3"});
  
  for (const GenVendor& vendor : world.vendors) {
    for (const GenNode& node : world.nodes) {
      // Import suppliers ship to DCs only; domestic ones also straight to FCs.
      if (node.type == NodeType::kSameDay || (vendor.overseas && node.type != NodeType::kDc)) {
        continue;
      }
      double distance = distance_km(vendor.lat, vendor.lon, node.lat, node.lon);
      double transit = 1.0 + distance / 700.0;
      lanes.row(vendor.id, node.id, round2(transit), round2(0.25 * transit),
                round2(0.1 + 0.0002 * distance), round2(8.0 + 0.01 * distance));
    }
  }
  for (const GenNode& from : world.nodes) {
    for (const GenNode& to : world.nodes) {
      if (&from == &to || to.type == NodeType::kDc || from.type == NodeType::kSameDay) continue;
      double distance = distance_km(from.lat, from.lon, to.lat, to.lon);
      bool dc_lane = from.type == NodeType::kDc;
      // FCs rebalance with FCs within a day's drive and feed nearby same-day sites.
      if (!dc_lane && distance > (to.type == NodeType::kSameDay ? 150.0 : 900.0)) continue;
      double transit = 1.0 + distance / 800.0;
      lanes.row(from.id, to.id, round2(transit), round2(0.2 * transit),
                round2(0.15 + 0.0003 * distance), round2(10.0 + 0.015 * distance));
    }
  }
  lanes.commit();

  CsvWriter delivery(dir / "delivery.csv",
                     {"node_id", "region_id", "speed", "cost_per_unit", "cutoff_hour"});
  world.primary_node.assign(world.regions.size(), 0);
  for (std::size_t region = 0; region < world.regions.size(); ++region) {
    std::size_t nearest = 0;
    double nearest_distance = 1e18;
    double best_cost = 1e18;
    bool any = false;
    for (std::size_t node = 0; node < world.nodes.size(); ++node) {
      const GenNode& spec = world.nodes[node];
      if (spec.type == NodeType::kDc) continue;
      double distance = distance_km(spec.lat, spec.lon, world.regions[region].lat,
                                    world.regions[region].lon);
      if (distance < nearest_distance && spec.type == NodeType::kFc) {
        nearest_distance = distance;
        nearest = node;
      }
      for (const Option& option : delivery_options(spec, world.regions[region])) {
        delivery.row(spec.id, world.regions[region].name, world.config.speeds[option.speed].name,
                     round2(option.cost), half_hour(option.cutoff));
        any = true;
        // The primary node is the cheapest 1-day (or faster) FC for the region.
        if (spec.type == NodeType::kFc && option.speed == 1 && option.cost < best_cost) {
          best_cost = option.cost;
          world.primary_node[region] = node;
        }
      }
    }
    if (best_cost == 1e18) world.primary_node[region] = nearest;
    if (!any) {
      // Remote regions still get 2-day (ground, late-promise) service from the nearest FC.
      delivery.row(world.nodes[nearest].id, world.regions[region].name,
                   world.config.speeds[2].name, round2(3.5 + 0.002 * nearest_distance), 12.0);
    }
  }
  delivery.commit();
}

void write_nodes_file(const World& world, const NodeLoad& load, const std::filesystem::path& path) {
  CsvWriter nodes(path, {"node_id", "type", "lat", "lon", "storage_m3", "inbound_units_per_day",
                         "outbound_units_per_day", "holding_rate_per_year", "fixed_cost_per_day"});
  for (std::size_t node = 0; node < world.nodes.size(); ++node) {
    const GenNode& spec = world.nodes[node];
    // FC and same-day capacities sized a little under the unconstrained need, so that they bind;
    // DCs get room to spare.
    bool dc = spec.type == NodeType::kDc;
    double storage = dc ? std::ceil(1.5 * load.volume_m3[node])
                        : std::max(0.5, std::round(0.8 * load.volume_m3[node] * 10.0) / 10.0);
    double flow = std::max(20.0, std::round(1.25 * load.units_per_day[node]));
    double holding = spec.type == NodeType::kDc ? 0.18 : (spec.type == NodeType::kFc ? 0.22 : 0.3);
    double fixed = spec.type == NodeType::kDc ? 4000.0 : (spec.type == NodeType::kFc ? 2500.0 : 600.0);
    nodes.row(spec.id, std::string(network::to_string(spec.type)), spec.lat, spec.lon, storage,
              flow, flow, holding, fixed);
  }
  nodes.commit();
}

}  // namespace echelon::io::generate

// SPDX-License-Identifier: Apache-2.0
// The synthetic world behind generate_dataset, shared by its translation units.
#pragma once

#include <array>
#include <filesystem>
#include <utility>
#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/rng.h"
#include "core/run_context.h"
#include "io/generate/geography.h"
#include "io/generate/generator.h"
#include "network/config.h"
#include "network/network.h"

namespace echelon::io::generate {

struct Category {
  std::string name;
  double median_price = 20.0;
  double median_volume_m3 = 0.005;
  double seasonal_amplitude = 0.1;  // yearly: 1 + a cos(2 pi (doy - peak) / 365.25)
  double peak_day = 350.0;
  double event_sensitivity = 1.0;   // exponent on holiday and sales-event multipliers
};

const std::vector<Category>& categories();

// One SKU's demand and catalogue profile, drawn from its own stream.
struct SkuProfile {
  std::string id;
  std::size_t category = 0;
  double base_rate = 0.1;            // mean units per day before multipliers
  double dispersion = 3.0;           // gamma shape of the daily rate multiplier
  std::array<double, 7> weekly{};    // multipliers by ISO weekday, mean 1
  double growth_per_year = 0.0;      // log-growth
  int launch_day = 0;                // first day with demand (0 = before history)
  double price = 20.0;
  double unit_cost = 10.0;
  double volume_m3 = 0.005;
  double weight_kg = 1.0;
  bool promoted = false;
  double promo_elasticity = 2.0;
  std::vector<std::pair<int, double>> promos;  // (first day, discount); 7 days each
  std::vector<double> region_cdf;    // cumulative region weights
  std::vector<double> region_weight; // region weights, summing to 1
  std::vector<double> speed_cdf;     // cumulative speed weights
  std::vector<double> speed_weight;
};

struct GenNode {
  std::string id;
  network::NodeType type = network::NodeType::kFc;
  double lat = 0.0;
  double lon = 0.0;
};

struct GenVendor {
  std::string id;
  double lat = 0.0;
  double lon = 0.0;
  bool overseas = false;
  double lead_time_mean = 10.0;  // days, order to ready at the vendor
  double lead_time_cv = 0.25;
};

struct World {
  GenerateOptions options;
  std::uint64_t seed = 1;
  network::Config config;
  std::vector<Place> regions;
  std::vector<double> day_event_factor;  // per day of history (+ horizon), multiplier
  std::vector<std::string> day_text;     // ISO date per day
  std::vector<GenNode> nodes;
  std::vector<GenVendor> vendors;
  // Region -> node that serves most of its demand (cheapest fast option), for capacities and
  // initial stock.
  std::vector<std::size_t> primary_node;
};

SkuProfile make_sku_profile(const World& world, std::size_t sku);

// Expected units on `day` before the daily gamma noise.
double expected_rate(const World& world, const SkuProfile& profile, int day);

// Holiday and sales events between first and last (inclusive): (date, name, multiplier).
struct EventDay {
  Date date;
  std::string name;
  double multiplier = 1.0;
};
std::vector<EventDay> event_days(Date first, Date last);

// Writers, each one file of the dataset directory `dir`.
void write_network_files(World& world, const std::filesystem::path& dir);
// Writes skus.csv, sourcing.csv, prices.csv, inventory.csv, inbound.csv, lead_times.csv,
// overrides.csv; returns per-node expected units per day and stored volume, for capacities.
struct NodeLoad {
  std::vector<double> units_per_day;
  std::vector<double> volume_m3;
};
NodeLoad write_catalogue_files(const World& world, const std::vector<SkuProfile>& profiles,
                               const std::filesystem::path& dir);
// Streams demand.csv; returns (rows, units).
std::pair<std::size_t, double> write_demand(const World& world,
                                            const std::vector<SkuProfile>& profiles,
                                            const std::filesystem::path& path, RunContext& ctx);
void write_nodes_file(const World& world, const NodeLoad& load, const std::filesystem::path& path);

}  // namespace echelon::io::generate

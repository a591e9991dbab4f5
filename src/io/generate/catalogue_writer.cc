// SPDX-License-Identifier: Apache-2.0
// Synthetic catalogue and state: skus, sourcing, prices, stock, open orders, observed lead times
// and a few planner overrides.
#include <algorithm>
#include <cmath>

#include "io/csv_writer.h"
#include "io/generate/model.h"

namespace echelon::io::generate {
namespace {

using network::NodeType;

// Rounds to a multiple of `step` (a power of ten or a whole number) without binary residue.
double round_to(double value, double step) {
  if (step >= 1.0) return std::round(value / step) * step;
  double scale = std::round(1.0 / step);
  return std::round(value * scale) / scale;
}

// Average units on hand when a node stocks on its own for `rate` units a day: half a weekly
// review cycle plus safety stock for a 95% cycle service over `protection_days` of lead time and
// review (over-dispersed demand). Slow movers need stock far beyond their mean flow, which is
// what makes storage bind in real networks.
double stocking_need(double rate, double protection_days) {
  if (rate <= 0.0) return 0.0;
  return 3.5 * rate + 1.65 * std::sqrt(1.5 * rate * protection_days);
}

double case_pack_for(double volume_m3, Rng& rng) {
  if (volume_m3 < 0.002) return rng.uniform() < 0.5 ? 24 : 12;
  if (volume_m3 < 0.01) return rng.uniform() < 0.5 ? 12 : 6;
  if (volume_m3 < 0.03) return rng.uniform() < 0.5 ? 4 : 2;
  return 1;
}

std::vector<std::size_t> nodes_of_type(const World& world, NodeType type) {
  std::vector<std::size_t> result;
  for (std::size_t node = 0; node < world.nodes.size(); ++node) {
    if (world.nodes[node].type == type) result.push_back(node);
  }
  return result;
}

}  // namespace

NodeLoad write_catalogue_files(const World& world, const std::vector<SkuProfile>& profiles,
                               const std::filesystem::path& dir) {
  const auto dcs = nodes_of_type(world, NodeType::kDc);
  const auto sameday = nodes_of_type(world, NodeType::kSameDay);
  const Date planning = world.options.start + world.options.days;
  NodeLoad load;
  load.units_per_day.assign(world.nodes.size(), 0.0);
  load.volume_m3.assign(world.nodes.size(), 0.0);

  // Same-day sites take the fast share of the regions around them.
  std::vector<std::size_t> sameday_of_region(world.regions.size(), world.nodes.size());
  for (std::size_t site : sameday) {
    for (std::size_t region = 0; region < world.regions.size(); ++region) {
      if (network::distance_km(world.nodes[site].lat, world.nodes[site].lon,
                               world.regions[region].lat, world.regions[region].lon) < 150.0) {
        sameday_of_region[region] = site;
      }
    }
  }

  CsvWriter skus(dir / "skus.csv", {"sku_id", "unit_volume_m3", "unit_cost", "price", "category",
                                    "weight_kg", "launch_date"});
  CsvWriter sourcing(dir / "sourcing.csv",
                     {"sku_id", "vendor_id", "unit_cost", "lead_time_days_mean",
                      "lead_time_days_sd", "moq", "case_pack", "ships_to"});
  CsvWriter prices(dir / "prices.csv", {"date", "sku_id", "price"});
  CsvWriter inventory(dir / "inventory.csv", {"sku_id", "node_id", "on_hand"});
  CsvWriter inbound(dir / "inbound.csv", {"sku_id", "node_id", "quantity", "eta_date"});
  std::vector<double> stock(world.nodes.size());

  for (std::size_t sku = 0; sku < profiles.size(); ++sku) {
    const SkuProfile& profile = profiles[sku];
    Rng rng = Rng::stream(world.seed, sku, Purpose::kGenerate).substream(7);
    std::string launch;
    if (profile.launch_day > 0) launch = (world.options.start + profile.launch_day).to_string();
    skus.row(profile.id, round_to(profile.volume_m3, 1e-5) + 1e-5, profile.unit_cost,
             profile.price, categories()[profile.category].name, round_to(profile.weight_kg, 0.01),
             launch);

    double case_pack = case_pack_for(profile.volume_m3, rng);
    // DCs hold safety stock for long import lead times plus half an order, which is at least a
    // case pack: size them for that, so that the FC layer is where capacity binds.
    for (std::size_t dc : dcs) {
      load.volume_m3[dc] +=
          profile.volume_m3 * (profile.base_rate * 30.0 + case_pack) / static_cast<double>(dcs.size());
    }
    std::size_t options = 1 + rng.below(3);
    std::size_t first_vendor = rng.below(world.vendors.size());
    // Vendors seven apart, or next to each other when seven divides the count (distinct either way).
    const std::size_t stride = world.vendors.size() % 7 == 0 ? 1 : 7;
    for (std::size_t option = 0; option < options && option < world.vendors.size(); ++option) {
      const GenVendor& vendor = world.vendors[(first_vendor + option * stride) % world.vendors.size()];
      double mean = round_to(vendor.lead_time_mean * (0.9 + 0.2 * rng.uniform()), 0.1);
      double moq = rng.uniform() < 0.6 ? 0.0 : case_pack * static_cast<double>(2 + rng.below(9));
      // Imports are cheaper per unit but slower; domestic suppliers charge a premium.
      double cost = profile.unit_cost * (vendor.overseas ? 0.92 : 1.0) * (0.97 + 0.08 * rng.uniform());
      sourcing.row(profile.id, vendor.id, round_to(cost, 0.01), mean,
                   round_to(mean * vendor.lead_time_cv, 0.1), moq, case_pack, "");
    }

    prices.row(world.day_text[0], profile.id, profile.price);
    for (const auto& [first, discount] : profile.promos) {
      int end = first + 7;
      if (first <= 0 || end >= static_cast<int>(world.day_text.size())) continue;
      prices.row(world.day_text[first], profile.id, round_to(profile.price * (1.0 - discount), 0.01));
      prices.row(world.day_text[end], profile.id, profile.price);
    }

    // Expected flows and stock for capacity sizing, and a current stock position.
    std::fill(stock.begin(), stock.end(), 0.0);
    double rate = profile.base_rate;
    for (std::size_t dc : dcs) {
      load.units_per_day[dc] += rate / dcs.size();
      stock[dc] += rate * (10.0 + 20.0 * rng.uniform()) / dcs.size();
    }
    for (std::size_t region = 0; region < world.regions.size(); ++region) {
      double regional = rate * profile.region_weight[region];
      double fast_share = 0.0;
      std::size_t site = sameday_of_region[region];
      if (site < world.nodes.size()) {
        fast_share = profile.speed_weight[0] + 0.5 * profile.speed_weight[1];
        load.units_per_day[site] += regional * fast_share;
        load.volume_m3[site] += profile.volume_m3 * stocking_need(regional * fast_share, 4.0);
        stock[site] += regional * fast_share * (2.0 + 5.0 * rng.uniform());
      }
      std::size_t primary = world.primary_node[region];
      load.units_per_day[primary] += regional * (1.0 - fast_share);
      load.volume_m3[primary] += profile.volume_m3 * stocking_need(regional * (1.0 - fast_share), 9.0);
      stock[primary] += regional * (1.0 - fast_share) * (3.0 + 8.0 * rng.uniform());
    }
    if (profile.launch_day == 0 || profile.launch_day < world.options.days - 14) {
      for (std::size_t node = 0; node < world.nodes.size(); ++node) {
        double on_hand = std::floor(stock[node]);
        if (on_hand > 0) inventory.row(profile.id, world.nodes[node].id, on_hand);
      }
    }
    if (rate > 0.05 && rng.uniform() < 0.15) {
      double quantity = std::max(case_pack, round_to(rate * 21.0, case_pack));
      inbound.row(profile.id, world.nodes[dcs[sku % dcs.size()]].id, quantity,
                  (planning + static_cast<int>(1 + rng.below(30))).to_string());
    }
  }
  skus.commit();
  sourcing.commit();
  prices.commit();
  inventory.commit();
  inbound.commit();

  CsvWriter lead_times(dir / "lead_times.csv",
                       {"vendor_id", "sku_id", "order_date", "receipt_date"});
  for (std::size_t vendor = 0; vendor < world.vendors.size(); ++vendor) {
    const GenVendor& spec = world.vendors[vendor];
    Rng rng = Rng::stream(world.seed, vendor, Purpose::kGenerate).substream(11);
    for (int order = 0; order < 30; ++order) {
      int day = static_cast<int>(rng.below(std::max(1, world.options.days - 90)));
      double lead = sample_lognormal(rng, spec.lead_time_mean, spec.lead_time_mean * spec.lead_time_cv);
      Date ordered = world.options.start + day;
      lead_times.row(spec.id, "", ordered.to_string(),
                     (ordered + static_cast<int>(std::lround(lead))).to_string());
    }
  }
  lead_times.commit();

  // A few judgments a planner would enter: a campaign, a display minimum, a bulky exclusion.
  CsvWriter overrides(dir / "overrides.csv", {"sku_id", "kind", "value", "node_id", "start_date",
                                              "end_date", "note"});
  std::vector<std::size_t> by_rate(profiles.size());
  for (std::size_t sku = 0; sku < by_rate.size(); ++sku) by_rate[sku] = sku;
  std::stable_sort(by_rate.begin(), by_rate.end(), [&](std::size_t a, std::size_t b) {
    return profiles[a].base_rate > profiles[b].base_rate;
  });
  if (by_rate.size() >= 3) {
    overrides.row(profiles[by_rate[0]].id, "forecast_scale", 1.3, "",
                  (planning + 7).to_string(), (planning + 20).to_string(),
                  "planned marketing campaign");
    std::size_t fc = world.primary_node[0];
    overrides.row(profiles[by_rate[1]].id, "min_level", 20.0, world.nodes[fc].id, "", "",
                  "end-cap display minimum");
    if (!sameday.empty()) {
      overrides.row(profiles[by_rate[2]].id, "exclude_node", 1.0, world.nodes[sameday[0]].id, "",
                    "", "too bulky for the same-day site");
    }
  }
  overrides.commit();
  return load;
}

}  // namespace echelon::io::generate

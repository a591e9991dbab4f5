// SPDX-License-Identifier: Apache-2.0
#include "io/generate/geography.h"

#include <algorithm>
#include <cmath>

#include "network/network.h"

namespace echelon::io::generate {

const std::vector<Place>& us_metros() {
  static const std::vector<Place> kMetros = {
      {"new_york", 40.71, -74.01, 20.1e6},     {"los_angeles", 34.05, -118.24, 13.2e6},
      {"chicago", 41.88, -87.63, 9.6e6},       {"dallas", 32.78, -96.80, 7.6e6},
      {"houston", 29.76, -95.37, 7.1e6},       {"washington", 38.91, -77.04, 6.4e6},
      {"philadelphia", 39.95, -75.17, 6.2e6},  {"miami", 25.76, -80.19, 6.1e6},
      {"atlanta", 33.75, -84.39, 6.1e6},       {"boston", 42.36, -71.06, 4.9e6},
      {"phoenix", 33.45, -112.07, 4.8e6},      {"san_francisco", 37.77, -122.42, 4.7e6},
      {"riverside", 33.95, -117.40, 4.6e6},    {"detroit", 42.33, -83.05, 4.4e6},
      {"seattle", 47.61, -122.33, 4.0e6},      {"minneapolis", 44.98, -93.27, 3.7e6},
      {"san_diego", 32.72, -117.16, 3.3e6},    {"tampa", 27.95, -82.46, 3.2e6},
      {"denver", 39.74, -104.99, 3.0e6},       {"baltimore", 39.29, -76.61, 2.8e6},
      {"st_louis", 38.63, -90.20, 2.8e6},      {"orlando", 28.54, -81.38, 2.7e6},
      {"charlotte", 35.23, -80.84, 2.7e6},     {"san_antonio", 29.42, -98.49, 2.6e6},
      {"portland", 45.52, -122.68, 2.5e6},     {"sacramento", 38.58, -121.49, 2.4e6},
      {"pittsburgh", 40.44, -79.99, 2.4e6},    {"austin", 30.27, -97.74, 2.3e6},
      {"las_vegas", 36.17, -115.14, 2.3e6},    {"cincinnati", 39.10, -84.51, 2.3e6},
      {"kansas_city", 39.10, -94.58, 2.2e6},   {"columbus", 39.96, -83.00, 2.1e6},
      {"indianapolis", 39.77, -86.16, 2.1e6},  {"cleveland", 41.50, -81.69, 2.1e6},
      {"san_jose", 37.34, -121.89, 2.0e6},     {"nashville", 36.16, -86.78, 2.0e6},
      {"virginia_beach", 36.85, -75.98, 1.8e6}, {"providence", 41.82, -71.41, 1.7e6},
      {"jacksonville", 30.33, -81.66, 1.6e6},  {"milwaukee", 43.04, -87.91, 1.6e6},
      {"raleigh", 35.78, -78.64, 1.4e6},       {"oklahoma_city", 35.47, -97.52, 1.4e6},
      {"memphis", 35.15, -90.05, 1.3e6},       {"richmond", 37.54, -77.44, 1.3e6},
      {"louisville", 38.25, -85.76, 1.3e6},    {"new_orleans", 29.95, -90.07, 1.3e6},
      {"salt_lake_city", 40.76, -111.89, 1.3e6}, {"hartford", 41.77, -72.67, 1.2e6},
      {"buffalo", 42.89, -78.88, 1.2e6},       {"birmingham", 33.52, -86.80, 1.1e6},
      {"rochester", 43.16, -77.61, 1.1e6},     {"tucson", 32.22, -110.97, 1.0e6},
      {"fresno", 36.74, -119.79, 1.0e6},       {"tulsa", 36.15, -95.99, 1.0e6},
      {"omaha", 41.26, -95.93, 0.97e6},        {"albuquerque", 35.08, -106.65, 0.92e6},
      {"boise", 43.62, -116.20, 0.76e6},       {"spokane", 47.66, -117.43, 0.59e6},
      {"billings", 45.78, -108.50, 0.18e6},    {"fargo", 46.88, -96.79, 0.25e6},
  };
  return kMetros;
}

std::vector<Place> place_regions(std::size_t count, Rng& rng) {
  const auto& metros = us_metros();
  std::vector<Place> regions;
  for (std::size_t index = 0; index < count && index < metros.size(); ++index) {
    regions.push_back(metros[index]);
  }
  // Beyond the metro list: satellite towns around metros, in proportion to their size.
  for (std::size_t index = metros.size(); index < count; ++index) {
    const Place& anchor = metros[rng.below(std::min<std::size_t>(metros.size(), 30))];
    Place satellite;
    satellite.name = anchor.name + "_area_" + std::to_string(index);
    satellite.lat = std::round(std::clamp(anchor.lat + (rng.uniform() - 0.5) * 2.0, -89.0, 89.0) * 100) / 100;
    satellite.lon = std::round(std::clamp(anchor.lon + (rng.uniform() - 0.5) * 2.5, -179.0, 179.0) * 100) / 100;
    satellite.population = anchor.population * (0.03 + 0.07 * rng.uniform());
    regions.push_back(satellite);
  }
  return regions;
}

std::vector<std::size_t> choose_sites(const std::vector<Place>& regions, std::size_t count,
                                      double radius_km) {
  std::vector<std::size_t> sites;
  std::vector<bool> covered(regions.size(), false);
  std::vector<bool> used(regions.size(), false);
  while (sites.size() < count && sites.size() < regions.size()) {
    std::size_t best = regions.size();
    double best_gain = -1.0;
    for (std::size_t candidate = 0; candidate < regions.size(); ++candidate) {
      if (used[candidate]) continue;
      double gain = 0.0;
      for (std::size_t region = 0; region < regions.size(); ++region) {
        if (!covered[region] &&
            network::distance_km(regions[candidate].lat, regions[candidate].lon,
                                 regions[region].lat, regions[region].lon) <= radius_km) {
          gain += regions[region].population;
        }
      }
      // Tie-break by own population so that sites sit in large metros.
      gain += 1e-3 * regions[candidate].population;
      if (gain > best_gain) {
        best_gain = gain;
        best = candidate;
      }
    }
    used[best] = true;
    sites.push_back(best);
    for (std::size_t region = 0; region < regions.size(); ++region) {
      if (network::distance_km(regions[best].lat, regions[best].lon, regions[region].lat,
                               regions[region].lon) <= radius_km) {
        covered[region] = true;
      }
    }
  }
  return sites;
}

}  // namespace echelon::io::generate

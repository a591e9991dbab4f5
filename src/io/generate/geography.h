// SPDX-License-Identifier: Apache-2.0
// US-like geography for synthetic datasets: metropolitan areas with their coordinates and
// populations, and the placement of regions, nodes and vendors among them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/rng.h"

namespace echelon::io::generate {

struct Place {
  std::string name;
  double lat = 0.0;
  double lon = 0.0;
  double population = 0.0;  // people
};

// The largest US metropolitan areas (approximate 2020 populations), largest first.
const std::vector<Place>& us_metros();

// `count` demand regions: the largest metros, then satellites around them (jittered, smaller).
std::vector<Place> place_regions(std::size_t count, Rng& rng);

// Sites for `count` facilities among `regions`, chosen greedily so that each new site covers the
// most population not yet within `radius_km` of a chosen site (largest first on ties).
std::vector<std::size_t> choose_sites(const std::vector<Place>& regions, std::size_t count,
                                      double radius_km);

}  // namespace echelon::io::generate

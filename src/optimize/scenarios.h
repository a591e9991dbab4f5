// SPDX-License-Identifier: Apache-2.0
// Demand scenarios of one SKU over its protection interval: for each scenario, the units of each
// active class on each day (negative binomial by the class's daily mean and variance; Poisson
// when the variance does not exceed the mean). Drawn from the SKU's own stream, so every
// evaluation of the SKU sees the same scenarios (common random numbers) whatever the thread.
// Events within a scenario are ordered by day, then order-time bucket, then class: the arrival
// order the greedy policy serves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/rng.h"
#include "optimize/sku_problem.h"

namespace echelon::optimize {

struct ScenarioSet {
  std::size_t scenario_count = 0;
  std::size_t class_count = 0;
  std::vector<double> totals;             // [scenario * class_count + class]: units over T
  std::vector<std::size_t> event_offset;  // events of scenario s: [offset[s], offset[s+1])
  std::vector<std::uint32_t> event_class; // active class index
  std::vector<float> event_units;
  // Classes with positive units in scenario s, ascending: [positive_offset[s], positive_offset[s+1]).
  std::vector<std::size_t> positive_offset;
  std::vector<std::uint32_t> positive_class;

  [[nodiscard]] std::span<const double> totals_of(std::size_t scenario) const {
    return std::span(totals).subspan(scenario * class_count, class_count);
  }
  [[nodiscard]] std::span<const std::uint32_t> positive_of(std::size_t scenario) const {
    return std::span(positive_class)
        .subspan(positive_offset[scenario], positive_offset[scenario + 1] - positive_offset[scenario]);
  }
};

// `scenarios` scenarios of `days` days (T rounded up), from stream (seed, key, purpose).
ScenarioSet draw_scenarios(const SkuProblem& problem, std::size_t scenarios, std::uint64_t seed,
                           Purpose purpose);

}  // namespace echelon::optimize

// SPDX-License-Identifier: Apache-2.0
#include "optimize/scenarios.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace echelon::optimize {

Prices Prices::zero(std::size_t nodes, std::size_t speeds) {
  return {std::vector<double>(nodes, 0.0), std::vector<double>(nodes, 0.0),
          std::vector<double>(nodes, 0.0), std::vector<double>(speeds, 0.0)};
}

double mean_demand_per_day(const SkuProblem& problem) {
  double total = 0.0;
  for (const ActiveClass& active : problem.demand) total += active.mean_per_day;
  return total;
}

ScenarioSet draw_scenarios(const SkuProblem& problem, std::size_t scenarios, std::uint64_t seed,
                           Purpose purpose) {
  ScenarioSet set;
  set.scenario_count = scenarios;
  set.class_count = problem.demand.size();
  set.totals.assign(scenarios * set.class_count, 0.0);
  set.event_offset.assign(1, 0);
  // Serve order within a day: earlier order-time buckets first.
  std::vector<std::uint32_t> order(set.class_count);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return (*problem.classes)[problem.demand[a].class_index].bucket_start_hour <
           (*problem.classes)[problem.demand[b].class_index].bucket_start_hour;
  });
  const int days = std::max(1, static_cast<int>(std::ceil(problem.protection_days - 1e-9)));
  Rng base = Rng::stream(seed, problem.stream_key, purpose);
  for (std::size_t scenario = 0; scenario < scenarios; ++scenario) {
    Rng rng = base.substream(scenario);
    double* totals = set.totals.data() + scenario * set.class_count;
    for (int day = 0; day < days; ++day) {
      for (std::uint32_t active : order) {
        const ActiveClass& demand = problem.demand[active];
        std::int64_t units = sample_negative_binomial(rng, demand.mean_per_day, demand.variance_per_day);
        if (units <= 0) continue;
        totals[active] += static_cast<double>(units);
        set.event_class.push_back(active);
        set.event_units.push_back(static_cast<float>(units));
      }
    }
    set.event_offset.push_back(set.event_class.size());
  }
  return set;
}

}  // namespace echelon::optimize

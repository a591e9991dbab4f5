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
  set.positive_offset.assign(1, 0);
  // Serve order within a day: earlier order-time buckets first.
  std::vector<std::uint32_t> order(set.class_count);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return (*problem.classes)[problem.demand[a].class_index].bucket_start_hour <
           (*problem.classes)[problem.demand[b].class_index].bucket_start_hour;
  });
  const int days = std::max(1, static_cast<int>(std::ceil(problem.protection_days - 1e-9)));
  std::vector<CountSampler> sampler;
  sampler.reserve(set.class_count);
  // P(no positive day in the interval) of each mostly-zero class: a first uniform below it
  // skips the class without a logarithm (most classes of a spread-out SKU, most scenarios).
  std::vector<double> none_within(set.class_count, 0.0);
  for (const ActiveClass& demand : problem.demand) {
    sampler.emplace_back(demand.mean_per_day, demand.variance_per_day);
    if (sampler.back().mostly_zero()) {
      none_within[sampler.size() - 1] = std::pow(sampler.back().zero_probability(), days);
    }
  }
  Rng base = Rng::stream(seed, problem.stream_key, purpose);
  // Classes that are mostly zero on a day skip ahead to their next positive day (one or two
  // uniforms per event instead of one per day); the others draw every day.
  struct Event {
    int day;
    std::uint32_t active;
    std::int64_t units;
  };
  std::vector<Event> events;
  for (std::size_t scenario = 0; scenario < scenarios; ++scenario) {
    Rng rng = base.substream(scenario);
    double* totals = set.totals.data() + scenario * set.class_count;
    events.clear();
    for (std::uint32_t active : order) {
      const CountSampler& draw = sampler[active];
      if (draw.mostly_zero()) {
        const double first = rng.uniform_open();
        if (first <= none_within[active]) continue;
        for (std::int64_t day = draw.zeros_for(first); day < days;
             day += 1 + draw.zeros_before_positive(rng)) {
          events.push_back({static_cast<int>(day), active, draw.positive(rng)});
        }
      } else {
        for (int day = 0; day < days; ++day) {
          std::int64_t units = draw(rng);
          if (units > 0) events.push_back({day, active, units});
        }
      }
    }
    // Classes were visited in serve order: by day, then serve order.
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.day < b.day; });
    for (const Event& event : events) {
      totals[event.active] += static_cast<double>(event.units);
      set.event_class.push_back(event.active);
      set.event_units.push_back(static_cast<float>(event.units));
    }
    set.event_offset.push_back(set.event_class.size());
    for (std::uint32_t active = 0; active < set.class_count; ++active) {
      if (totals[active] > 0.0) set.positive_class.push_back(active);
    }
    set.positive_offset.push_back(set.positive_class.size());
  }
  return set;
}

}  // namespace echelon::optimize

// SPDX-License-Identifier: Apache-2.0
#include "optimize/policy_model.h"

#include <algorithm>
#include <cmath>

namespace echelon::optimize {

PolicyModel::PolicyModel(const CostModel& costs, const ScenarioSet& scenarios)
    : costs_(costs), scenarios_(scenarios) {
  flow_.assign(costs.network().arc_node.size(), 0.0);
  lost_.assign(costs.network().class_count, 0.0);
}

double PolicyModel::serve(std::size_t scenario, std::span<const double> whole_level, bool record) {
  const TransportNetwork& network = costs_.network();
  stock_.assign(whole_level.begin(), whole_level.end());
  if (record) {
    std::fill(flow_.begin(), flow_.end(), 0.0);
    std::fill(lost_.begin(), lost_.end(), 0.0);
  }
  double cost = 0.0;
  for (std::size_t event = scenarios_.event_offset[scenario];
       event < scenarios_.event_offset[scenario + 1]; ++event) {
    std::uint32_t active = scenarios_.event_class[event];
    double remaining = scenarios_.event_units[event];
    for (std::size_t arc = network.arc_offset[active];
         arc < network.arc_offset[active + 1] && remaining > 0.0; ++arc) {
      double& stock = stock_[network.arc_node[arc]];
      if (stock <= 0.0) continue;
      double units = std::min(stock, remaining);
      stock -= units;
      remaining -= units;
      cost += network.arc_cost[arc] * units;
      if (record) flow_[arc] += units;
    }
    if (remaining > 0.0) {
      cost += network.lost_cost[active] * remaining;
      if (record) lost_[active] += remaining;
    }
  }
  return cost;
}

void PolicyModel::round_down(std::span<const double> level) {
  whole_.resize(level.size());
  for (std::size_t candidate = 0; candidate < level.size(); ++candidate) {
    whole_[candidate] = std::floor(level[candidate] + 1e-9);
  }
}

double PolicyModel::evaluate(std::span<const double> level, std::span<double> per_scenario) {
  ++evaluations_;
  std::span<const double> level_cost = costs_.level_cost();
  round_down(level);
  double fixed = 0.0;
  for (std::size_t candidate = 0; candidate < level.size(); ++candidate) {
    fixed += level_cost[candidate] * whole_[candidate];
  }
  double value = fixed;
  const double weight = 1.0 / static_cast<double>(std::max<std::size_t>(1, scenarios_.scenario_count));
  for (std::size_t scenario = 0; scenario < scenarios_.scenario_count; ++scenario) {
    double cost = serve(scenario, whole_, false);
    value += weight * cost;
    if (!per_scenario.empty()) per_scenario[scenario] = fixed + cost;
  }
  return value;
}

Outcome PolicyModel::outcome(std::span<const double> level) {
  round_down(level);
  Outcome result;
  costs_.begin(result, whole_);
  const double weight = 1.0 / static_cast<double>(std::max<std::size_t>(1, scenarios_.scenario_count));
  for (std::size_t scenario = 0; scenario < scenarios_.scenario_count; ++scenario) {
    serve(scenario, whole_, true);
    costs_.add(result, flow_, lost_, scenarios_.totals_of(scenario), scenarios_.positive_of(scenario),
               weight);
  }
  return result;
}

PolicySolution search_policy(PolicyModel& model, std::span<const double> start,
                             std::span<const double> lower, std::span<const double> upper,
                             int max_evaluations) {
  const std::size_t size = start.size();
  PolicySolution best;
  best.level.resize(size);
  for (std::size_t node = 0; node < size; ++node) {
    best.level[node] = std::clamp(std::round(start[node]), std::ceil(lower[node] - 1e-9),
                                  std::floor(upper[node] + 1e-9));
  }
  best.value = model.evaluate(best.level);
  best.evaluations = 1;
  std::vector<double> step(size);
  for (std::size_t node = 0; node < size; ++node) {
    step[node] = std::max(1.0, std::round(0.1 * best.level[node]));
  }
  std::vector<double> trial;
  bool improved = true;
  while (improved && best.evaluations < max_evaluations) {
    improved = false;
    for (std::size_t node = 0; node < size && best.evaluations < max_evaluations; ++node) {
      for (double direction : {1.0, -1.0}) {
        trial = best.level;
        trial[node] = best.level[node] + direction * step[node];
        if (trial[node] < std::ceil(lower[node] - 1e-9) || trial[node] > upper[node] + 1e-9) continue;
        double value = model.evaluate(trial);
        ++best.evaluations;
        if (value < best.value - 1e-12) {
          best.value = value;
          best.level = trial;
          improved = true;
          break;
        }
        if (best.evaluations >= max_evaluations) break;
      }
    }
    if (!improved) {
      // Refine: halve the steps that are still above one unit and search again.
      for (double& node_step : step) {
        if (node_step > 1.0) {
          node_step = std::max(1.0, std::floor(node_step / 2.0));
          improved = true;
        }
      }
    }
  }
  return best;
}

PolicySolution enumerate_policy(PolicyModel& model, std::span<const double> lower,
                                std::span<const double> upper) {
  const std::size_t size = lower.size();
  std::vector<double> level(size);
  for (std::size_t node = 0; node < size; ++node) level[node] = std::ceil(lower[node] - 1e-9);
  PolicySolution best;
  best.value = std::numeric_limits<double>::infinity();
  while (true) {
    double value = model.evaluate(level);
    ++best.evaluations;
    if (value < best.value - 1e-12) {
      best.value = value;
      best.level = level;
    }
    std::size_t node = 0;
    while (node < size) {
      level[node] += 1.0;
      if (level[node] <= upper[node] + 1e-9) break;
      level[node] = std::ceil(lower[node] - 1e-9);
      ++node;
    }
    if (node == size) break;
  }
  return best;
}

}  // namespace echelon::optimize

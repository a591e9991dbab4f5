// SPDX-License-Identifier: Apache-2.0
#include "inventory/serial_system.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace echelon::inventory {
namespace {

// Demand over one stage's lead time on the grid: P(D_j = (first + t) * step) = weights[t].
struct GridDemand {
  std::int64_t first = 0;
  std::vector<double> weights;
  double mean = 0.0;
};

GridDemand grid_demand(const Distribution& demand, double step) {
  if (demand.is_discrete()) return {0, demand.pmf_table(), demand.mean()};
  double mean = demand.mean();
  double sd = demand.sd();
  if (sd == 0.0) {
    // A point mass (zero lead time) at the nearest grid point; only D = 0 occurs in practice.
    return {static_cast<std::int64_t>(std::llround(mean / step)), {1.0}, mean};
  }
  // Cell probabilities of [(d - 1/2) step, (d + 1/2) step), tails beyond 9 sd dropped (< 1e-18).
  auto first = static_cast<std::int64_t>(std::floor((mean - 9.0 * sd) / step));
  auto last = static_cast<std::int64_t>(std::ceil((mean + 9.0 * sd) / step));
  GridDemand grid{first, {}, mean};
  grid.weights.reserve(static_cast<std::size_t>(last - first + 1));
  double below = demand.cdf((static_cast<double>(first) - 0.5) * step);
  for (std::int64_t cell = first; cell <= last; ++cell) {
    double upper = demand.cdf((static_cast<double>(cell) + 0.5) * step);
    grid.weights.push_back(upper - below);
    below = upper;
  }
  return grid;
}

// Value at real x of a function sampled at grid points (index k at x = (low + k) * step):
// linear interpolation for discrete demand (the functions are piecewise linear between
// integers), three-point quadratic otherwise.
double interpolate(const std::vector<double>& values, std::int64_t low, double step, double x,
                   bool discrete) {
  double position = x / step - static_cast<double>(low);
  auto last = static_cast<double>(values.size() - 1);
  if (discrete) {
    double base = std::clamp(std::floor(position), 0.0, last - 1.0);
    double fraction = position - base;
    auto index = static_cast<std::size_t>(base);
    return values[index] + fraction * (values[index + 1] - values[index]);
  }
  double centre = std::clamp(std::round(position), 1.0, last - 1.0);
  double offset = position - centre;
  auto index = static_cast<std::size_t>(centre);
  double left = values[index - 1];
  double middle = values[index];
  double right = values[index + 1];
  return middle + 0.5 * offset * (right - left) + 0.5 * offset * offset * (right - 2.0 * middle + left);
}

}  // namespace

SerialSystem::SerialSystem(SerialParams params, double grid_divisions)
    : params_(std::move(params)), grid_divisions_(grid_divisions) {
  if (params_.stages.empty()) throw std::invalid_argument("a serial system needs a stage");
  if (!params_.demand.is_discrete() && params_.demand.kind() != DistributionKind::kNormal) {
    throw std::invalid_argument("serial systems take discrete or normal demand");
  }
}

std::vector<double> SerialSystem::local_levels(std::span<const double> echelon_levels) {
  std::vector<double> local(echelon_levels.begin(), echelon_levels.end());
  for (std::size_t stage = local.size(); stage-- > 1;) local[stage] -= echelon_levels[stage - 1];
  return local;
}

SerialSolution SerialSystem::optimize() const { return run({}); }

double SerialSystem::cost(std::span<const double> echelon_levels) const {
  if (echelon_levels.size() != params_.stages.size()) {
    throw std::invalid_argument("one echelon level per stage is needed");
  }
  return run(echelon_levels).cost;
}

SerialSolution SerialSystem::run(std::span<const double> given) const {
  const std::size_t stage_count = params_.stages.size();
  const bool discrete = params_.demand.is_discrete();
  double total_lead_time = 0.0;
  double local_holding = 0.0;
  for (const SerialStage& stage : params_.stages) {
    total_lead_time += stage.lead_time;
    local_holding += stage.echelon_holding_cost;
  }
  double step = 1.0;
  if (!discrete) {
    double smallest = std::numeric_limits<double>::infinity();
    for (const SerialStage& stage : params_.stages) {
      if (stage.lead_time > 0.0) {
        smallest = std::min(smallest, params_.demand.over_periods(stage.lead_time).sd());
      }
    }
    if (!std::isfinite(smallest)) smallest = params_.demand.sd();
    step = smallest / grid_divisions_;
  }
  // Keep the grid below about 400,000 points: when the mean is huge relative to the sd, the
  // step grows (and the accuracy relative to the sd falls) rather than the run time.
  if (!discrete) {
    double span = params_.demand.over_periods(total_lead_time).mean() + 40.0 * params_.demand.sd() *
                  std::sqrt(std::max(total_lead_time, 1.0)) * static_cast<double>(params_.stages.size());
    step = std::max(step, span / 400000.0);
  }
  std::vector<GridDemand> demands;
  std::int64_t reach_below = 0;  // how far below zero the demands can reach, in steps
  std::int64_t reach_above = 0;
  for (const SerialStage& stage : params_.stages) {
    demands.push_back(grid_demand(params_.demand.over_periods(stage.lead_time), step));
    reach_below += std::min<std::int64_t>(0, demands.back().first);
    reach_above = std::max<std::int64_t>(
        reach_above, demands.back().first + static_cast<std::int64_t>(demands.back().weights.size()));
  }
  // Grid: below its low end every C_j is linear (C_0 is linear below 0 and each stage shifts the
  // linear region by at most its demand's lowest value); above its high end every C_j is
  // constant (above S_j). The high end starts beyond the total demand's far tail and doubles
  // when a minimiser lands on it.
  Distribution total = params_.demand.over_periods(total_lead_time);
  double low_value = 0.0;
  double high_value = total.mean() + 12.0 * total.sd() + 2.0;
  for (double level : given) {
    low_value = std::min(low_value, level);
    high_value = std::max(high_value, level + 2.0 * step);
  }
  const std::int64_t low = static_cast<std::int64_t>(std::floor(low_value / step)) + reach_below - 2;
  while (true) {
    const auto high = static_cast<std::int64_t>(std::ceil(high_value / step)) + 2;
    const auto count = static_cast<std::size_t>(high - low + 1);
    auto grid_x = [&](std::size_t index) { return static_cast<double>(low + static_cast<std::int64_t>(index)) * step; };

    std::vector<double> previous(count);
    double slope = -(params_.stockout_cost + local_holding);
    for (std::size_t index = 0; index < count; ++index) {
      previous[index] = (params_.stockout_cost + local_holding) * std::max(-grid_x(index), 0.0);
    }
    SerialSolution solution;
    double value = 0.0;
    bool hit_edge = false;
    std::vector<double> current(count);
    std::vector<double> padded;
    for (std::size_t stage = 0; stage < stage_count; ++stage) {
      const GridDemand& demand = demands[stage];
      const double holding = params_.stages[stage].echelon_holding_cost;
      const auto width = static_cast<std::int64_t>(demand.weights.size());
      // padded[i] = C_{j-1} at grid index i + pad_low, covering every index k - d needed.
      const std::int64_t pad_low = -(demand.first + width - 1);
      const std::int64_t pad_high = static_cast<std::int64_t>(count) - 1 - demand.first;
      padded.assign(static_cast<std::size_t>(pad_high - pad_low + 1), 0.0);
      for (std::int64_t index = pad_low; index <= pad_high; ++index) {
        double entry = 0.0;
        if (index < 0) {
          entry = previous[0] + slope * static_cast<double>(index) * step;
        } else if (index >= static_cast<std::int64_t>(count)) {
          entry = previous[count - 1];
        } else {
          entry = previous[static_cast<std::size_t>(index)];
        }
        padded[static_cast<std::size_t>(index - pad_low)] = entry;
      }
      for (std::size_t index = 0; index < count; ++index) {
        // sum_t w[t] C(k - first - t): reversed walk through padded.
        const double* source = padded.data() + (static_cast<std::int64_t>(index) - demand.first - pad_low);
        double sum = 0.0;
        for (std::int64_t term = 0; term < width; ++term) sum += demand.weights[static_cast<std::size_t>(term)] * source[-term];
        current[index] = holding * (grid_x(index) - demand.mean) + sum;
      }
      double level = 0.0;
      if (!given.empty()) {
        level = given[stage];
        value = interpolate(current, low, step, level, discrete);
      } else {
        auto best = static_cast<std::size_t>(std::min_element(current.begin(), current.end()) - current.begin());
        if (best + 1 >= count) {
          hit_edge = true;
          break;
        }
        level = grid_x(best);
        value = current[best];
        if (!discrete && best > 0) {
          double left = current[best - 1];
          double right = current[best + 1];
          double curvature = left - 2.0 * current[best] + right;
          if (curvature > 0.0) {
            level += step * 0.5 * (left - right) / curvature;
            value -= (left - right) * (left - right) / (8.0 * curvature);
          }
        }
      }
      solution.echelon_levels.push_back(level);
      for (std::size_t index = 0; index < count; ++index) {
        previous[index] = grid_x(index) < level ? current[index] : value;
      }
      slope += holding;
    }
    if (hit_edge) {
      high_value = 2.0 * high_value + 10.0 * step;
      continue;
    }
    solution.cost = value;
    return solution;
  }
}

}  // namespace echelon::inventory

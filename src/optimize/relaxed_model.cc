// SPDX-License-Identifier: Apache-2.0
#include "optimize/relaxed_model.h"

#include <ClpSimplex.hpp>

#include <algorithm>
#include <cmath>

namespace echelon::optimize {

RelaxedModel::RelaxedModel(const CostModel& costs, const ScenarioSet& scenarios)
    : costs_(costs), scenarios_(scenarios) {}

double RelaxedModel::evaluate(std::span<const double> level, std::span<double> subgradient) {
  ++evaluations_;
  const std::size_t candidates = level.size();
  std::span<const double> level_cost = costs_.level_cost();
  double value = 0.0;
  for (std::size_t candidate = 0; candidate < candidates; ++candidate) {
    value += level_cost[candidate] * level[candidate];
  }
  if (!subgradient.empty()) std::copy(level_cost.begin(), level_cost.end(), subgradient.begin());
  const double weight = 1.0 / static_cast<double>(std::max<std::size_t>(1, scenarios_.scenario_count));
  for (std::size_t scenario = 0; scenario < scenarios_.scenario_count; ++scenario) {
    TransportResult result = solver_.solve(costs_.network(), scenarios_.totals_of(scenario),
                                           scenarios_.positive_of(scenario), level);
    value += weight * result.cost;
    if (!subgradient.empty()) {
      for (std::size_t candidate = 0; candidate < candidates; ++candidate) {
        subgradient[candidate] -= weight * result.dual[candidate];
      }
    }
  }
  return value;
}

Outcome RelaxedModel::outcome(std::span<const double> level) {
  Outcome result;
  costs_.begin(result, level);
  const double weight = 1.0 / static_cast<double>(std::max<std::size_t>(1, scenarios_.scenario_count));
  for (std::size_t scenario = 0; scenario < scenarios_.scenario_count; ++scenario) {
    auto totals = scenarios_.totals_of(scenario);
    auto positive = scenarios_.positive_of(scenario);
    TransportResult solved = solver_.solve(costs_.network(), totals, positive, level);
    costs_.add(result, solved.flow, solved.lost, totals, positive, weight);
  }
  return result;
}

namespace {

// The cutting-plane master: min t s.t. t >= f_j + g_j (S - S_j), S in [lower, upper].
class Master {
 public:
  Master(std::span<const double> lower, std::span<const double> upper) : size_(lower.size()) {
    model_.setLogLevel(0);
    model_.resize(0, static_cast<int>(size_ + 1));
    for (std::size_t column = 0; column < size_; ++column) {
      model_.setColumnBounds(static_cast<int>(column), lower[column], upper[column]);
      model_.setObjectiveCoefficient(static_cast<int>(column), 0.0);
    }
    model_.setColumnBounds(static_cast<int>(size_), -COIN_DBL_MAX, COIN_DBL_MAX);
    model_.setObjectiveCoefficient(static_cast<int>(size_), 1.0);
  }

  void add_cut(std::span<const double> point, double value, std::span<const double> gradient) {
    // g.S - t <= g.S_j - f_j
    std::vector<int> columns(size_ + 1);
    std::vector<double> entries(size_ + 1);
    double rhs = -value;
    for (std::size_t column = 0; column < size_; ++column) {
      columns[column] = static_cast<int>(column);
      entries[column] = gradient[column];
      rhs += gradient[column] * point[column];
    }
    columns[size_] = static_cast<int>(size_);
    entries[size_] = -1.0;
    model_.addRow(static_cast<int>(size_ + 1), columns.data(), entries.data(), -COIN_DBL_MAX, rhs);
  }

  // Solves within [low, high] (the trust region intersected with the box); false if the LP fails.
  bool solve(std::span<const double> low, std::span<const double> high, std::vector<double>& point,
             double& value) {
    for (std::size_t column = 0; column < size_; ++column) {
      model_.setColumnBounds(static_cast<int>(column), low[column], high[column]);
    }
    // Keep CLP's work areas and factorization between the solves of this small, growing LP.
    model_.dual(0, 1);
    if (!model_.isProvenOptimal()) {
      model_.primal();
      if (!model_.isProvenOptimal()) return false;
    }
    const double* solution = model_.primalColumnSolution();
    point.assign(solution, solution + size_);
    value = model_.objectiveValue();
    return true;
  }

 private:
  std::size_t size_;
  ClpSimplex model_;
};

}  // namespace

RelaxedSolution minimize_relaxed(RelaxedModel& model, std::span<const double> start,
                                 std::span<const double> lower, std::span<const double> upper,
                                 const MinimizeOptions& options) {
  const std::size_t size = start.size();
  RelaxedSolution best;
  best.level.assign(start.begin(), start.end());
  for (std::size_t column = 0; column < size; ++column) {
    best.level[column] = std::clamp(best.level[column], lower[column], upper[column]);
  }
  best.subgradient.assign(size, 0.0);
  best.value = model.evaluate(best.level, best.subgradient);
  best.evaluations = 1;
  best.lower_bound = -std::numeric_limits<double>::infinity();
  if (size == 0) {
    best.lower_bound = best.value;
    return best;
  }

  Master master(lower, upper);
  master.add_cut(best.level, best.value, best.subgradient);
  double radius = options.initial_radius;
  if (radius <= 0.0) {
    for (std::size_t column = 0; column < size; ++column) {
      radius = std::max(radius, 0.25 * (upper[column] - lower[column]));
    }
    radius = std::max(radius, 1.0);
  }
  std::vector<double> low(size), high(size), candidate, gradient(size);
  double full_bound = 0.0;
  auto bound_now = [&]() {
    std::vector<double> ignored;
    if (master.solve(lower, upper, ignored, full_bound)) {
      best.lower_bound = std::max(best.lower_bound, full_bound);
    }
  };
  while (best.evaluations < options.max_evaluations) {
    double scale = std::max(1e-9, std::abs(best.value));
    for (std::size_t column = 0; column < size; ++column) {
      low[column] = std::max(lower[column], best.level[column] - radius);
      high[column] = std::min(upper[column], best.level[column] + radius);
    }
    double predicted = 0.0;
    if (!master.solve(low, high, candidate, predicted)) break;
    double expected_gain = best.value - predicted;
    if (expected_gain <= options.relative_gap * scale * 0.1) {
      // No progress possible within the region: optimal there; check the whole box, and stop
      // once the region already spans it (the cuts then prove the best point optimal).
      bound_now();
      bool spans_box = true;
      for (std::size_t column = 0; column < size; ++column) {
        spans_box &= low[column] <= lower[column] && high[column] >= upper[column];
      }
      if (spans_box || best.value - best.lower_bound <= options.relative_gap * scale) break;
      radius *= 4.0;
      continue;
    }
    double value = model.evaluate(candidate, gradient);
    ++best.evaluations;
    master.add_cut(candidate, value, gradient);
    if (best.value - value >= 0.1 * expected_gain) {
      best.level = candidate;
      best.value = value;
      best.subgradient = gradient;
      radius *= 1.5;
    } else {
      radius *= 0.5;
    }
    if (best.evaluations % 5 == 0) {
      bound_now();
      if (best.value - best.lower_bound <= options.relative_gap * scale) break;
    }
  }
  bound_now();
  best.lower_bound = std::min(best.lower_bound, best.value);
  return best;
}

}  // namespace echelon::optimize

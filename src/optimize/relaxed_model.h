// SPDX-License-Identifier: Apache-2.0
// The relaxed model R of one SKU (DESIGN section 3): continuous levels, hindsight-optimal
// allocation per scenario. R(S) = sum_n w_n S_n + mean over scenarios of the transportation
// optimum; convex and piecewise linear in S, with subgradient w - mean(node duals). Minimized
// over the box of sensible levels by a cutting-plane method with a trust region (Kelley's cuts
// in a small CLP master). Every cut underestimates R, so the master's optimum over the whole box
// is a certified lower bound on min R (for these scenarios).
#pragma once

#include <span>
#include <vector>

#include "optimize/cost_model.h"
#include "optimize/scenarios.h"
#include "optimize/transport.h"

namespace echelon::optimize {

class RelaxedModel {
 public:
  RelaxedModel(const CostModel& costs, const ScenarioSet& scenarios);

  // R(level); writes the subgradient when `subgradient` is not empty.
  double evaluate(std::span<const double> level, std::span<double> subgradient);
  // The expected outcome of the hindsight allocation at `level`.
  Outcome outcome(std::span<const double> level);
  [[nodiscard]] const CostModel& costs() const { return costs_; }
  [[nodiscard]] int evaluations() const { return evaluations_; }

 private:
  const CostModel& costs_;
  const ScenarioSet& scenarios_;
  TransportSolver solver_;
  int evaluations_ = 0;
};

struct MinimizeOptions {
  int max_evaluations = 40;        // evaluations of R
  double relative_gap = 1e-3;      // stop when (best - bound) <= gap * scale
  double initial_radius = 0.0;     // trust-region radius (units); 0: from the box
};

struct RelaxedSolution {
  std::vector<double> level;   // best levels found
  double value = 0.0;          // R(level)
  double lower_bound = 0.0;    // certified: min over the box of R >= lower_bound
  std::vector<double> subgradient;  // at level
  int evaluations = 0;
};

RelaxedSolution minimize_relaxed(RelaxedModel& model, std::span<const double> start,
                                 std::span<const double> lower, std::span<const double> upper,
                                 const MinimizeOptions& options);

}  // namespace echelon::optimize

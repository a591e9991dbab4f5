// SPDX-License-Identifier: Apache-2.0
// The policy model P of one SKU (DESIGN section 3): integer levels, each scenario's orders served
// online in arrival order by ranked greedy fulfillment (fulfill::fulfill_ranked with the cost
// model's charges: each class's eligible options by landed cost under the prices, then its
// fallback ones, then a lost sale), priced by the same cost model as R. The allocation is
// feasible for R's transportation problem, so P(S) >= R(S) at every S; the difference is the
// policy gap. Levels are searched by marginal analysis from the rounded relaxed solution, or
// enumerated exactly on tiny boxes.
#pragma once

#include <span>
#include <vector>

#include "optimize/cost_model.h"
#include "optimize/scenarios.h"

namespace echelon::optimize {

class PolicyModel {
 public:
  PolicyModel(const CostModel& costs, const ScenarioSet& scenarios);

  // P(level); levels are rounded down to whole units. `per_scenario`, when given, receives each
  // scenario's cost (the level cost included).
  double evaluate(std::span<const double> level, std::span<double> per_scenario = {});
  Outcome outcome(std::span<const double> level);
  [[nodiscard]] const CostModel& costs() const { return costs_; }
  [[nodiscard]] int evaluations() const { return evaluations_; }

 private:
  // Serves scenario `scenario` from whole-unit levels along the cost model's arcs (the serving
  // order) and returns its cost without the level cost; with `record`, fills flow_ and lost_.
  double serve(std::size_t scenario, std::span<const double> whole_level, bool record);
  void round_down(std::span<const double> level);  // into whole_

  const CostModel& costs_;
  const ScenarioSet& scenarios_;
  std::vector<double> flow_;   // per arc
  std::vector<double> lost_;   // per class
  std::vector<double> whole_;  // per candidate: the level rounded down
  std::vector<double> stock_;  // per candidate: what serve has left
  int evaluations_ = 0;
};

struct PolicySolution {
  std::vector<double> level;
  double value = 0.0;
  int evaluations = 0;
};

// Marginal analysis: moves one node's level up or down by a step while that lowers P; steps
// shrink to one unit. At most `max_evaluations` evaluations of P.
PolicySolution search_policy(PolicyModel& model, std::span<const double> start,
                             std::span<const double> lower, std::span<const double> upper,
                             int max_evaluations);

// Every integer vector in [lower, upper]: the exact optimum of P (tiny boxes only).
PolicySolution enumerate_policy(PolicyModel& model, std::span<const double> lower,
                                std::span<const double> upper);

}  // namespace echelon::optimize

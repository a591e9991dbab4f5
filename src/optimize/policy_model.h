// SPDX-License-Identifier: Apache-2.0
// The policy model P of one SKU (DESIGN section 3): integer levels, each scenario's orders served
// online in arrival order by the greedy fulfillment rule (src/fulfill), priced by the same cost
// model as R. Greedy's allocation is feasible for R's transportation problem, so P(S) >= R(S)
// at every S; the difference is the policy gap. Levels are searched by marginal analysis from
// the rounded relaxed solution, or enumerated exactly on tiny boxes.
#pragma once

#include <span>
#include <vector>

#include "fulfill/fulfillment.h"
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
  [[nodiscard]] int evaluations() const { return evaluations_; }

 private:
  // Serves scenario `scenario` from `level` with fulfill::fulfill_greedy; fills flow_ and lost_.
  void serve(std::size_t scenario, std::span<const double> level);
  // The same rule on the cost model's arcs, which list each class's stocked options in the
  // greedy's order (eligible, then fallback): only the scenario's cost, without the buffers.
  double serve_cost(std::size_t scenario, std::span<const double> whole_level);

  const CostModel& costs_;
  const ScenarioSet& scenarios_;
  std::vector<double> available_;  // per network node
  std::vector<fulfill::Shipment> shipments_;
  std::vector<double> flow_;
  std::vector<double> lost_;
  std::vector<double> whole_;  // per candidate: the level rounded down
  std::vector<double> stock_;  // per candidate: what serve_cost has left
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

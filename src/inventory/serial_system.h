// SPDX-License-Identifier: Apache-2.0
// Serial system under the stochastic-service model: exact echelon base-stock levels and costs by
// the Clark & Scarf (1960) / Chen & Zheng (1994) recursion.
//
// Conventions: stage 1 faces the customer, stage N is supplied by an uncapacitated outside
// source. h_j is the echelon holding cost, p the backorder cost per unit per unit time at stage
// 1, demand is per unit time and D_j is the demand over L_j (stage j protects exactly L_j, not
// L_j + 1). C_0(x) = (p + h'_1) max(-x, 0) with h'_1 = h_1 + ... + h_N;
// Chat_j(x) = h_j (x - E[D_j]) + E[C_{j-1}(x - D_j)]; S_j = argmin Chat_j;
// C_j(x) = Chat_j(min(x, S_j)); cost = Chat_N(S_N). The pipeline into stage N is not charged.
// Discrete demand is solved exactly on the integers (levels are integers; the upper tail is cut
// at 1e-17); normal demand on a grid of step min_j sd(D_j) / 64 with cell probabilities, the
// minimum refined by a parabola (cost within about 1e-6 relative of the continuous optimum; the
// error falls with the square of the step).
#pragma once

#include <span>
#include <vector>

#include "inventory/distribution.h"

namespace echelon::inventory {

struct SerialStage {
  double echelon_holding_cost = 0.0;  // h_j >= 0
  double lead_time = 0.0;             // L_j >= 0, in the time unit of the demand
};

struct SerialParams {
  std::vector<SerialStage> stages;  // stages[0] = stage 1 (customer-facing)
  double stockout_cost = 0.0;       // p > 0
  Distribution demand = Distribution::poisson(1);  // per unit time at stage 1
};

struct SerialSolution {
  std::vector<double> echelon_levels;  // S_1..S_N
  double cost = 0.0;                   // per unit time
};

class SerialSystem {
 public:
  // Demand must be discrete or normal. grid_divisions: grid steps per smallest lead-time sd for
  // normal demand.
  explicit SerialSystem(SerialParams params, double grid_divisions = 64.0);

  [[nodiscard]] SerialSolution optimize() const;
  // Expected cost per unit time of the given echelon levels (one per stage).
  [[nodiscard]] double cost(std::span<const double> echelon_levels) const;

  // Local levels S_1, S_2 - S_1, ..., S_N - S_{N-1}.
  [[nodiscard]] static std::vector<double> local_levels(std::span<const double> echelon_levels);
  [[nodiscard]] const SerialParams& params() const { return params_; }

 private:
  // The recursion; `given` empty means optimise every level.
  [[nodiscard]] SerialSolution run(std::span<const double> given) const;

  SerialParams params_;
  double grid_divisions_;
};

}  // namespace echelon::inventory

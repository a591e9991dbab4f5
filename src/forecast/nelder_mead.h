// SPDX-License-Identifier: Apache-2.0
// A small derivative-free minimiser (Nelder & Mead 1965) for the few parameters of exponential
// smoothing models. Constraints are handled by the objective returning +infinity outside the
// feasible box, which the simplex then avoids. Deterministic: no randomness, fixed step rules.
#pragma once

#include <functional>
#include <span>
#include <vector>

namespace echelon::forecast {

struct NelderMeadOptions {
  int max_evaluations = 400;       // objective calls before giving up
  double relative_tolerance = 1e-7;  // stop when the simplex's f-range is this small (relative)
};

struct NelderMeadResult {
  std::vector<double> x;  // best point found
  double value = 0.0;     // objective at x
  int evaluations = 0;
};

// Minimises `objective` from `start`, with initial simplex steps `step` (one per coordinate).
NelderMeadResult nelder_mead(const std::function<double(std::span<const double>)>& objective,
                             std::span<const double> start, std::span<const double> step,
                             const NelderMeadOptions& options = {});

}  // namespace echelon::forecast

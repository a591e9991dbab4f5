// SPDX-License-Identifier: Apache-2.0
// The expected-outcome channel: solves and searches return a status, never throw one.
// `worse` aggregates statuses across SKUs or ranks (the least favourable wins).
#pragma once

#include <string_view>

namespace echelon {

enum class SolveStatus {
  kOptimal,         // proven optimal (within solver tolerances)
  kGapReached,      // stopped at the requested relative gap
  kIterationLimit,  // stopped at the iteration limit
  kTimeLimit,       // stopped at the time limit
  kCancelled,       // the caller cancelled the run
  kInfeasible,      // no policy satisfies the constraints
};

// The least favourable of two statuses (in declaration order above).
[[nodiscard]] constexpr SolveStatus worse(SolveStatus first, SolveStatus second) {
  return static_cast<int>(first) >= static_cast<int>(second) ? first : second;
}

// Stable lower-case names, as written to summary.json ("gap_reached", ...).
[[nodiscard]] constexpr std::string_view to_string(SolveStatus status) {
  switch (status) {
    case SolveStatus::kOptimal: return "optimal";
    case SolveStatus::kGapReached: return "gap_reached";
    case SolveStatus::kIterationLimit: return "iteration_limit";
    case SolveStatus::kTimeLimit: return "time_limit";
    case SolveStatus::kCancelled: return "cancelled";
    case SolveStatus::kInfeasible: return "infeasible";
  }
  return "unknown";
}

}  // namespace echelon

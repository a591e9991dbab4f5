// SPDX-License-Identifier: Apache-2.0
// Writes what `echelon plan` produces (DESIGN section 5a): plan.csv (levels per SKU x node x week),
// serving_charges.csv (the serving order the levels were priced with, which `simulate` and
// `compare --plan` follow), prices.csv (the opportunity cost of storage and flow at every node), kpis.csv,
// overrides_impact.csv (what each planner override changed, and at what cost) and summary.json.
// Costs are per week (the planning period); storage limits and use are in m3, flows in units
// per day; a price is the cost per week of one more unit of the resource.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "io/output_dir.h"
#include "optimize/lagrangian.h"
#include "optimize/override_impact.h"
#include "optimize/plan_evaluation.h"

namespace echelon::report {

// What one rank of a run spent (rank 0 gathers them).
struct RankStats {
  double exchange_seconds = 0.0;  // in collective calls, waiting for other ranks included
  std::uint64_t exchange_calls = 0;
  double wall_seconds = 0.0;
  double cpu_seconds = 0.0;       // user and system time of all its threads
  double peak_mib = 0.0;          // peak resident memory
};

struct RunInfo {
  std::string method = "decomposition";  // or "exact"
  double wall_seconds = 0.0;
  int threads = 1;
  int ranks = 1;
  std::vector<RankStats> rank_stats;  // by rank
  std::uint64_t seed = 1;
  const optimize::OverrideImpact* overrides = nullptr;  // when set: overrides_impact.csv and
                                                        // summary.json `overrides`
};

// One result and its evaluation per planning week (one for a stationary plan). plan.csv and
// prices.csv have a row set per week; summary.json and kpis.csv give the average week (costs,
// bound, gap and service; capacity and prices of week 1), the worst status and all iterations,
// and with several weeks a `weeks` array with each week's own figures.
void write_plan_outputs(io::OutputDir& out, const optimize::PlanningNetwork& planning,
                        std::span<const optimize::LagrangianResult> weeks,
                        std::span<const optimize::PlanEvaluation> evaluations, const RunInfo& info);

}  // namespace echelon::report

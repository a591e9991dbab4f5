// SPDX-License-Identifier: Apache-2.0
// Policy comparison on real demand (DESIGN section 4): the last warm-up + days days of the
// demand history are held out and replayed; every policy plans from the same demand model of the
// training window before them, is calibrated on demand sampled from that model (never on the
// held-out days), and is then simulated on the held-out orders with common random numbers across
// policies and replications. The table has one row per policy: costs by kind, stock, service per
// speed, each with the Student-t half-width over replications; paired differences against the
// reference policy come from the same replications.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/run_context.h"
#include "network/dataset.h"
#include "simulate/kpis.h"
#include "simulate/policies.h"
#include "simulate/simulator.h"

namespace echelon::simulate {

struct CompareOptions {
  SimulationOptions simulation;
  int training_days = 91;          // demand-model window before the held-out period
  int calibration_days = 182;      // sampled days per calibration run
  int calibration_iterations = 8;  // bisection steps on log(knob) per speed and round
  int calibration_rounds = 2;      // passes over the speeds (coordinate bisection)
  double min_miss_scale = 1.0 / 64.0;
  double max_miss_scale = 16.0;
  std::string reference = "single_echelon";  // paired differences are against this policy
};

struct PolicyResult {
  std::string name;
  std::vector<double> miss_scale;      // calibrated knob per speed (empty: not calibrated)
  bool targets_met_in_calibration = true;
  std::vector<double> calibration_margin;  // per speed: rate - target in the calibration run
  std::vector<Kpis> replications;
};

struct Comparison {
  Date start;                          // first held-out day (warm-up included)
  std::vector<PolicyResult> policies;
};

// First day of the held-out period: the history's last date + 1 - (warm-up + days).
Date held_out_start(const network::Dataset& dataset, const SimulationOptions& options);

// Calibrates (when the policy asks for it), plans and simulates every policy.
Comparison run_comparison(const network::Dataset& dataset,
                          const std::vector<std::unique_ptr<Policy>>& policies,
                          const CompareOptions& options, RunContext& ctx);

// The comparison as a table: DESIGN 5a column names, then extra columns, one row of numbers per
// policy (means over replications; `_ci` columns are 95% half-widths of the cost columns).
struct ComparisonTable {
  std::vector<std::string> header;          // without the leading "policy" column
  std::size_t contract_columns = 0;         // header[0, this) is comparison.csv's DESIGN 5a set;
                                            // the rest (controllable cost, turns, rebalancing,
                                            // rationing, with half-widths) go to another file
  std::vector<std::string> policies;
  std::vector<std::vector<double>> values;  // [policy][column]
};
ComparisonTable comparison_table(const Comparison& comparison,
                                 const std::vector<network::Speed>& speeds);

// Paired difference of controllable cost (policy - reference) and of mean stock value, with
// 95% half-widths; one row per policy other than the reference.
struct PairedRow {
  std::string policy;
  Estimate controllable_cost;
  Estimate total_cost;
  Estimate stock_value;
};
std::vector<PairedRow> paired_differences(const Comparison& comparison, const std::string& reference);

// The comparison as aligned text: one line per policy (costs, stock, in-region fill, on-time
// rate per speed), then the paired differences. For terminals and reports; nothing is printed.
std::string format_comparison(const ComparisonTable& table, const std::vector<PairedRow>& paired,
                              const std::string& reference);

}  // namespace echelon::simulate

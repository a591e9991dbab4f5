// SPDX-License-Identifier: Apache-2.0
// The planning settings of a dataset (`echelon.yaml`): planning date, horizon, delivery speeds
// with their service targets and penalties, the speed mix, costs, and one options struct per
// module. Every field has a default; io/config_reader.cc maps the YAML keys onto these fields
// through one table, which also prints `echelon config --defaults`.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace echelon::network {

// A delivery promise. Demand of a speed is served on time by nodes whose delivery option to the
// region has this speed; slower options are a downgrade, then a lost sale.
struct Speed {
  std::string name;                 // "sameday", "1day", "2day"
  double promise_hours = 48.0;      // promise from order time to delivery
  double target_fill = 0.95;        // network on-time target for this speed, in [0, 1]
  double downgrade_penalty = 2.0;   // money per unit served by a slower option
  double default_cutoff_hour = 14;  // cut-off when delivery.csv gives none
};

struct CostSettings {
  double holding_rate_per_year = 0.25;   // fraction of unit cost per year, nodes without their own
  double lost_sale_fraction = 1.25;      // lost-sale penalty per unit as a fraction of the selling
                                         // price: the lost revenue (1) plus goodwill
  double lost_sale_minimum = 1.0;        // money per unit, floor of the lost-sale penalty
  double default_transit_days = 2.0;     // lanes without a transit time
};

struct ForecastSettings {
  int horizon_days = 56;                 // days forecast ahead of the planning date
  int backtest_origins = 3;              // rolling origins for model selection
  int sample_paths = 200;                // paths per series for scenario generation
  std::string method = "auto";           // auto | ets | croston | sba | tsb | naive | gbt
  double review_threshold = 0.15;        // weighted-error change that puts a SKU on review
};

struct OptimizerSettings {
  int max_iterations = 30;               // Lagrangian master iterations
  double gap_target = 0.01;              // relative gap on controllable cost that stops the run
  double time_limit_seconds = 600.0;     // wall-clock limit of the optimization
  int scenarios = 64;                    // demand scenarios per fast SKU
  double fast_units_per_day = 0.5;       // at or above: full scenario tier
  double slow_units_per_day = 0.0;       // below: closed-form tier (off by default)
  // DC order-up-to: this quantile of lead-time demand; 0 trades the DC's holding against the
  // stock the nodes it feeds hold for its delays (optimize/dc_level.h).
  double dc_cycle_service = 0.95;
};

struct SimulationSettings {
  int days = 91;                         // simulated days
  int replications = 5;                  // independent replications (common random numbers)
  int warmup_days = 14;                  // days excluded from KPIs
};

struct OutputSettings {
  bool write_report = true;              // report.html
  int top_skus_in_report = 10;           // fan charts in the report
};

struct Config {
  std::optional<Date> planning_date;     // default: the day after the last demand date
  int horizon_weeks = 1;                 // planning weeks (1 = stationary plan)
  int review_period_days = 7;            // periodic review interval of every node
  std::vector<Speed> speeds;             // ordered fastest first
  std::vector<double> speed_mix;         // share of demand per speed (same order), sums to 1
  std::array<double, 24> order_hour_profile{};  // share of daily orders placed in each hour
  CostSettings costs;
  ForecastSettings forecast;
  OptimizerSettings optimizer;
  SimulationSettings simulation;
  OutputSettings output;

  // The defaults: three speeds (sameday 12 h, 1day 24 h, 2day 48 h) and a daytime order profile.
  static Config defaults();
  // Index of a speed by name, or -1.
  [[nodiscard]] int speed_index(const std::string& name) const;
};

}  // namespace echelon::network

// SPDX-License-Identifier: Apache-2.0
// The cross-series model: gradient-boosted trees (XGBoost, Tweedie objective) trained on all
// series at once, in the spirit of the M5 winners. One model predicts demand `step` days after
// an origin from features known at the origin (recent means, same-weekday means, zero share,
// days since the last sale, series age) and of the target day (weekday, day of month, month,
// calendar events, price and its ratio to the recent price). Training rows come from weekly
// origins before the forecast origin, so a backtest origin never sees its own future.
// XGBoost runs with a fixed thread count per call, so results do not depend on the run's pool;
// the series forecaster trains the backtest origins in parallel.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/date.h"
#include "forecast/series_forecaster.h"

namespace echelon::forecast {

struct GlobalModelOptions {
  int rounds = 120;              // boosting rounds
  int max_depth = 6;             // tree depth
  double learning_rate = 0.08;   // eta
  double tweedie_power = 1.2;    // variance power of the Tweedie objective, in (1, 2)
  int training_origins = 16;     // weekly origins of training rows before the forecast origin
  int origin_spacing = 7;        // days between training origins
  std::size_t max_training_rows = 600000;  // every k-th series trains when there would be more
  int threads = 1;               // XGBoost threads per origin (fixed for reproducibility);
                                 // origins are trained in parallel on the run's pool
};

// Everything the model may know, on one day axis: day k is first_day + k. Histories end on
// the same day (aligned ends); the calendar and prices also cover the forecast horizon.
struct GlobalModelInputs {
  std::span<const std::vector<double>> histories;
  Date last_history_day;                 // date of the last value of every history
  Date first_day;                        // day 0 of `events` and `prices`
  std::vector<std::uint8_t> events;      // 1 on event days (calendar.csv), per day
  std::vector<std::vector<float>> prices;  // per series, per day; NaN = unknown (may be empty)
};

// A GlobalModel (see series_forecaster.h) over `inputs`, which must outlive it.
GlobalModel make_global_model(const GlobalModelInputs& inputs, const GlobalModelOptions& options);

}  // namespace echelon::forecast

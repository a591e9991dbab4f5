// SPDX-License-Identifier: Apache-2.0
// Out-of-sample accuracy of the dataset forecast (`echelon forecast --backtest`): the forecaster
// runs from `horizon` days before the as-of date on the history before that origin, and its
// SKU x region forecasts are scored against the demand that followed, per segment: MASE (weekly
// seasonal-naive scale), RMSSE (one-step scale, M5 rules), scaled pinball loss over the output
// quantiles weighted by each series' recent dollar sales, and 80% / 95% interval coverage
// (the calibrated integer intervals of calibration.h).
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "core/run_context.h"
#include "forecast/demand_forecaster.h"
#include "network/dataset.h"

namespace echelon::forecast {

struct SegmentAccuracy {
  std::string segment;     // "fast", "intermittent", "slow", "new" or "all"
  int series = 0;
  double mase = 0.0;       // mean over series with a positive scale (NaN if none)
  double rmsse = 0.0;
  double weighted_pinball = 0.0;  // sum of w_s * mean scaled pinball, w_s = dollar-sales weight
  double coverage80 = 0.0;        // share of days inside the 80% prediction interval
  double coverage95 = 0.0;        // share of days inside the 95% prediction interval
  double actual_units = 0.0;
  double forecast_units = 0.0;
};

struct HoldoutReport {
  Date origin;  // first forecast day of the backtest
  int horizon_days = 0;
  std::vector<SegmentAccuracy> segments;  // fast, intermittent, slow, new (when present), all
};

// Scores the forecaster from `as_of - horizon` against the demand in [as_of - horizon, as_of).
HoldoutReport evaluate_holdout(const network::Dataset& dataset, Date as_of,
                               const DemandForecaster& forecaster, RunContext& ctx);

}  // namespace echelon::forecast

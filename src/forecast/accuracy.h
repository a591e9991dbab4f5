// SPDX-License-Identifier: Apache-2.0
// Forecast accuracy measures: scaled errors (MASE, Hyndman & Koehler 2006; RMSSE, M5 rules),
// pinball (quantile) loss and interval coverage. Scales come from the in-sample history so that
// errors of series with different volumes can be averaged; a series whose scale is zero (a
// constant history) has no scaled error (the functions return NaN and callers skip it).
#pragma once

#include <span>

namespace echelon::forecast {

// Mean absolute `lag`-step difference of the history (the MASE denominator), NaN if < 2 points.
double mae_scale(std::span<const double> history, int lag);
// Mean squared `lag`-step difference of the history (the RMSSE denominator).
double mse_scale(std::span<const double> history, int lag);

// Mean absolute error divided by `scale`; NaN if scale is not positive.
double mase(std::span<const double> actual, std::span<const double> forecast, double scale);
// Root of the mean squared error divided by `scale` (a squared scale); NaN if scale <= 0.
double rmsse(std::span<const double> actual, std::span<const double> forecast, double scale);

// Sum over steps of the pinball loss of quantile forecasts at `level`.
double pinball_sum(std::span<const double> actual, std::span<const double> quantile, double level);

// Number of steps with lower <= actual <= upper.
int covered(std::span<const double> actual, std::span<const double> lower,
            std::span<const double> upper);

}  // namespace echelon::forecast

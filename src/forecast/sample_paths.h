// SPDX-License-Identifier: Apache-2.0
// Demand sample paths for scenario generation. Each path keeps the forecast's marginal count
// distribution on every day exactly (inverse CDF) while days are dependent through a latent
// Gaussian AR(1) process (a Gaussian copula) with the calibrated lag-1 correlation, so a
// high-demand week stays high, as the backtest residuals show.
#pragma once

#include <vector>

#include "core/rng.h"
#include "forecast/series_forecaster.h"

namespace echelon::forecast {

// `paths` x horizon counts, row-major (path-major). Deterministic for a given stream.
std::vector<float> sample_paths(const SeriesForecast& forecast, int paths, Rng& rng);

}  // namespace echelon::forecast

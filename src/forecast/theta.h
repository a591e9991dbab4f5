// SPDX-License-Identifier: Apache-2.0
// The Theta method of Assimakopoulos & Nikolopoulos (2000) in the form of Hyndman & Billah
// (2003), as R's `forecast::thetaf`: simple exponential smoothing with drift equal to half the
// slope of the linear trend, on data seasonally adjusted by a classical multiplicative
// decomposition when the autocorrelation at the seasonal lag is significant (90% one-sided).
#pragma once

#include <span>
#include <vector>

namespace echelon::forecast {

struct ThetaFit {
  double alpha = 0.0;         // SES smoothing
  double level = 0.0;         // final SES level (seasonally adjusted)
  double slope = 0.0;         // least-squares slope of the adjusted series
  int observations = 0;
  std::vector<double> season;  // multiplicative indices; season[k] applies to time n + 1 + k
                               // (empty: not seasonal)

  // Point forecasts for steps 1..horizon.
  [[nodiscard]] std::vector<double> forecast(int horizon) const;
};

// Fits Theta to `series` (period 1 = no seasonality test). Needs at least 2 observations.
ThetaFit fit_theta(std::span<const double> series, int period);

}  // namespace echelon::forecast

// SPDX-License-Identifier: Apache-2.0
// Predictive distributions of a count on one day: negative binomial by mean and dispersion
// (variance = mean + dispersion * mean^2; dispersion 0 is Poisson) or empirical, the forecast
// mean times a pooled distribution of backtest ratios actual / forecast. Quantiles are integers
// (the smallest count whose CDF reaches the level), so they never cross and are never negative.
#pragma once

#include <memory>
#include <span>
#include <vector>

namespace echelon::forecast {

enum class DistributionKind { kNegativeBinomial, kEmpirical };

// Inverse of the standard normal CDF (Acklam's approximation polished by a Halley step).
double normal_quantile(double level);
// Standard normal CDF.
double normal_cdf(double value);

class CountDistribution {
 public:
  // Negative binomial; mean >= 0, dispersion >= 0.
  static CountDistribution negative_binomial(double mean, double dispersion);
  // mean x R where R follows the sorted sample `ratios` (non-empty, non-negative, ascending).
  static CountDistribution empirical(double mean, std::shared_ptr<const std::vector<double>> ratios);

  [[nodiscard]] DistributionKind kind() const { return kind_; }
  [[nodiscard]] double mean() const { return mean_; }
  [[nodiscard]] double dispersion() const { return dispersion_; }
  // P(Y <= count).
  [[nodiscard]] double cdf(double count) const;
  // The smallest integer k with P(Y <= k) >= level, level in (0, 1).
  [[nodiscard]] double quantile(double level) const;
  // quantile() for ascending levels, in one pass over the probabilities.
  [[nodiscard]] std::vector<double> quantiles(std::span<const double> levels) const;

 private:
  CountDistribution() = default;
  DistributionKind kind_ = DistributionKind::kNegativeBinomial;
  double mean_ = 0.0;
  double dispersion_ = 0.0;
  std::shared_ptr<const std::vector<double>> ratios_;
};

}  // namespace echelon::forecast

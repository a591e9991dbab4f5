// SPDX-License-Identifier: Apache-2.0
// Predictive distributions of a count on one day: negative binomial by mean and dispersion
// (variance = mean + dispersion * mean^2; dispersion 0 is Poisson) or empirical, the forecast
// mean times a pooled distribution of backtest ratios actual / forecast. Quantiles are integers
// (the smallest count whose CDF reaches the level), so they never cross and are never negative.
// An optional level map recalibrates either family: F'(k) = G(F(k)), where G is the distribution
// of the probability integral transform on backtest outcomes (Kuleshov et al. 2018), so that
// backtest outcomes fall below each quantile as often as its level says.
#pragma once

#include <memory>
#include <span>
#include <vector>

namespace echelon::forecast {

enum class DistributionKind { kNegativeBinomial, kEmpirical };

// A non-decreasing map G of [0, 1] onto [0, 1], piecewise linear between knots.
class LevelMap {
 public:
  // knots ascending from 0 to 1; values non-decreasing from 0 to 1, same length.
  LevelMap(std::vector<double> knots, std::vector<double> values);
  // G(level).
  [[nodiscard]] double forward(double level) const;
  // The smallest t with G(t) >= level (linear between knots).
  [[nodiscard]] double inverse(double level) const;

 private:
  std::vector<double> knots_;
  std::vector<double> values_;
};

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
  // The same distribution recalibrated by `map` (null: unchanged).
  [[nodiscard]] CountDistribution recalibrated(std::shared_ptr<const LevelMap> map) const;

  [[nodiscard]] DistributionKind kind() const { return kind_; }
  [[nodiscard]] double mean() const { return mean_; }
  [[nodiscard]] double dispersion() const { return dispersion_; }
  // Mean and variance of the count: closed forms, or sums over the CDF under a level map or
  // for the empirical family (whose mean is that of floor(mean x R)).
  struct Moments {
    double mean = 0.0;
    double variance = 0.0;
  };
  [[nodiscard]] Moments moments() const;
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
  std::shared_ptr<const LevelMap> map_;

  [[nodiscard]] double base_cdf(double count) const;
  [[nodiscard]] std::vector<double> base_quantiles(std::span<const double> levels) const;
};

}  // namespace echelon::forecast

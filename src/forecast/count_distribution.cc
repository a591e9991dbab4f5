// SPDX-License-Identifier: Apache-2.0
#include "forecast/count_distribution.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/assert.h"

namespace echelon::forecast {
namespace {

// Above this mean the negative binomial is replaced by its normal approximation (with a
// continuity correction): the recursion below would start from an underflowing P(0).
constexpr double kNormalApproximationMean = 400.0;

}  // namespace

double normal_cdf(double value) { return 0.5 * std::erfc(-value / std::numbers::sqrt2); }

double normal_quantile(double level) {
  // Acklam's rational approximation refined by one Halley step; |error| < 1e-12.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01, -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  const double p = std::clamp(level, 1e-300, 1.0 - 1e-16);
  double x;
  if (p < 0.02425) {
    const double q = std::sqrt(-2.0 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  } else if (p <= 1.0 - 0.02425) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  } else {
    const double q = std::sqrt(-2.0 * std::log(1.0 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  const double e = 0.5 * std::erfc(-x / std::numbers::sqrt2) - p;
  const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(x * x / 2.0);
  return x - u / (1.0 + x * u / 2.0);
}

LevelMap::LevelMap(std::vector<double> knots, std::vector<double> values)
    : knots_(std::move(knots)), values_(std::move(values)) {
  ECHELON_ASSERT(knots_.size() == values_.size() && knots_.size() >= 2, "level map needs knots");
}

double LevelMap::forward(double level) const {
  if (level <= knots_.front()) return values_.front();
  if (level >= knots_.back()) return values_.back();
  const std::size_t hi = static_cast<std::size_t>(std::upper_bound(knots_.begin(), knots_.end(), level) - knots_.begin());
  const std::size_t lo = hi - 1;
  const double share = (level - knots_[lo]) / (knots_[hi] - knots_[lo]);
  return values_[lo] + share * (values_[hi] - values_[lo]);
}

double LevelMap::inverse(double level) const {
  if (level <= values_.front()) return knots_.front();
  if (level >= values_.back()) return knots_.back();
  const std::size_t hi = static_cast<std::size_t>(std::lower_bound(values_.begin(), values_.end(), level) - values_.begin());
  const std::size_t lo = hi - 1;  // values_[lo] < level <= values_[hi]
  const double share = (level - values_[lo]) / (values_[hi] - values_[lo]);
  return knots_[lo] + share * (knots_[hi] - knots_[lo]);
}

CountDistribution CountDistribution::negative_binomial(double mean, double dispersion) {
  CountDistribution out;
  out.kind_ = DistributionKind::kNegativeBinomial;
  out.mean_ = std::max(mean, 0.0);
  out.dispersion_ = std::max(dispersion, 0.0);
  return out;
}

CountDistribution CountDistribution::empirical(double mean,
                                               std::shared_ptr<const std::vector<double>> ratios) {
  ECHELON_ASSERT(ratios && !ratios->empty(), "empirical distribution needs ratios");
  CountDistribution out;
  out.kind_ = DistributionKind::kEmpirical;
  out.mean_ = std::max(mean, 0.0);
  out.ratios_ = std::move(ratios);
  return out;
}

CountDistribution CountDistribution::recalibrated(std::shared_ptr<const LevelMap> map) const {
  CountDistribution out = *this;
  out.map_ = std::move(map);
  return out;
}

CountDistribution::Moments CountDistribution::moments() const {
  if (mean_ <= 0.0) return {};
  if (!map_ && kind_ == DistributionKind::kNegativeBinomial) {
    return {mean_, mean_ + dispersion_ * mean_ * mean_};
  }
  // E[Y] = sum_k P(Y > k), E[Y^2] = sum_k (2k + 1) P(Y > k), summed until the tail is negligible.
  // The negative binomial CDF is walked incrementally (one recursion step per k).
  const bool walk = kind_ == DistributionKind::kNegativeBinomial && mean_ <= kNormalApproximationMean;
  const bool poisson = dispersion_ < 1e-9;
  const double size = poisson ? 0.0 : 1.0 / dispersion_;
  const double ratio = poisson ? mean_ : mean_ / (size + mean_);
  double prob = poisson ? std::exp(-mean_) : std::exp(size * std::log(size / (size + mean_)));
  double base = prob;
  const double limit = base_quantiles(std::vector<double>{1.0 - 1e-9}).front() + 2.0;
  double first = 0.0, second = 0.0;
  for (double k = 0.0; k <= limit; k += 1.0) {
    if (walk && k > 0.0) {
      prob *= poisson ? ratio / k : (k - 1.0 + size) / k * ratio;
      base = std::min(base + prob, 1.0);
    }
    const double level = walk ? base : base_cdf(k);
    const double tail = 1.0 - (map_ ? map_->forward(level) : level);
    first += tail;
    second += (2.0 * k + 1.0) * tail;
  }
  return {first, std::max(second - first * first, 0.0)};
}

double CountDistribution::cdf(double count) const {
  const double base = base_cdf(count);
  return map_ ? map_->forward(base) : base;
}

std::vector<double> CountDistribution::quantiles(std::span<const double> levels) const {
  if (!map_) return base_quantiles(levels);
  std::vector<double> mapped(levels.size());
  for (std::size_t pos = 0; pos < levels.size(); ++pos) {
    // Just inside (0, 1): the base quantile of level 1 is unbounded.
    mapped[pos] = std::clamp(map_->inverse(levels[pos]), 1e-9, 1.0 - 1e-9);
  }
  return base_quantiles(mapped);
}

double CountDistribution::base_cdf(double count) const {
  if (count < 0.0) return 0.0;
  const double k_max = std::floor(count);
  if (mean_ <= 0.0) return 1.0;
  if (kind_ == DistributionKind::kEmpirical) {
    const double bound = (k_max + 1.0) / mean_;  // Y <= k  <=>  mean * R < k + 1
    const auto it = std::lower_bound(ratios_->begin(), ratios_->end(), bound);
    return static_cast<double>(it - ratios_->begin()) / static_cast<double>(ratios_->size());
  }
  const double variance = mean_ + dispersion_ * mean_ * mean_;
  if (mean_ > kNormalApproximationMean) {
    return 0.5 * std::erfc(-(k_max + 0.5 - mean_) / std::sqrt(2.0 * variance));
  }
  double prob;
  double ratio;  // p(k+1) / p(k) = (k + r) / (k + 1) * ratio, or mean / (k + 1) for Poisson
  const bool poisson = dispersion_ < 1e-9;
  const double size = poisson ? 0.0 : 1.0 / dispersion_;
  if (poisson) {
    prob = std::exp(-mean_);
    ratio = mean_;
  } else {
    prob = std::exp(size * std::log(size / (size + mean_)));
    ratio = mean_ / (size + mean_);
  }
  double total = prob;
  for (double k = 0.0; k < k_max && total < 1.0 - 1e-15; k += 1.0) {
    prob *= poisson ? ratio / (k + 1.0) : (k + size) / (k + 1.0) * ratio;
    total += prob;
  }
  return std::min(total, 1.0);
}

double CountDistribution::quantile(double level) const {
  const double levels[] = {level};
  return quantiles(levels).front();
}

std::vector<double> CountDistribution::base_quantiles(std::span<const double> levels) const {
  std::vector<double> out(levels.size(), 0.0);
  if (mean_ <= 0.0 || levels.empty()) return out;
  if (kind_ == DistributionKind::kEmpirical) {
    const std::size_t count = ratios_->size();
    for (std::size_t pos = 0; pos < levels.size(); ++pos) {
      // Type-1 sample quantile of R, then the largest integer not above mean * R.
      const std::size_t rank = std::min(
          count - 1, static_cast<std::size_t>(std::max(0.0, std::ceil(levels[pos] * count) - 1.0)));
      out[pos] = std::floor(mean_ * (*ratios_)[rank] + 1e-9);
    }
    return out;
  }
  const double variance = mean_ + dispersion_ * mean_ * mean_;
  if (mean_ > kNormalApproximationMean) {
    for (std::size_t pos = 0; pos < levels.size(); ++pos) {
      out[pos] = std::max(0.0, std::ceil(mean_ + normal_quantile(levels[pos]) * std::sqrt(variance) - 0.5));
    }
    return out;
  }
  const bool poisson = dispersion_ < 1e-9;
  const double size = poisson ? 0.0 : 1.0 / dispersion_;
  double prob = poisson ? std::exp(-mean_) : std::exp(size * std::log(size / (size + mean_)));
  const double ratio = poisson ? mean_ : mean_ / (size + mean_);
  double total = prob;
  double k = 0.0;
  const double limit = mean_ + 60.0 * std::sqrt(variance) + 50.0;
  for (std::size_t pos = 0; pos < levels.size(); ++pos) {
    ECHELON_ASSERT(pos == 0 || levels[pos] >= levels[pos - 1], "levels must ascend");
    while (total < levels[pos] && k < limit) {
      prob *= poisson ? ratio / (k + 1.0) : (k + size) / (k + 1.0) * ratio;
      k += 1.0;
      total += prob;
    }
    out[pos] = k;
  }
  return out;
}

}  // namespace echelon::forecast

// SPDX-License-Identifier: Apache-2.0
#include "forecast/calibration.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace echelon::forecast {
namespace {

constexpr double kDispersionGrid[] = {0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5,
                                      0.7, 1.0,  1.4,  2.0, 3.0,  5.0, 8.0};
constexpr std::size_t kMaxRatios = 4000;

// Scaled pinball loss of a distribution family over the pairs, summed over the levels.
template <class Make>
double pinball_loss(std::span<const CalibrationPair> pairs, std::span<const double> levels,
                    const Make& make) {
  double loss = 0.0;
  for (const CalibrationPair& pair : pairs) {
    const std::vector<double> q = make(pair.forecast).quantiles(levels);
    double pair_loss = 0.0;
    for (std::size_t pos = 0; pos < levels.size(); ++pos) {
      const double diff = pair.actual - q[pos];
      pair_loss += diff >= 0.0 ? levels[pos] * diff : (levels[pos] - 1.0) * diff;
    }
    loss += pair.weight * pair_loss;
  }
  return loss;
}

// Keeps whole runs (evenly spaced) so that consecutive pairs stay consecutive days.
std::vector<CalibrationPair> thin(std::span<const CalibrationPair> pairs, std::size_t max_pairs) {
  if (pairs.size() <= max_pairs || max_pairs == 0) return {pairs.begin(), pairs.end()};
  const double keep_share = static_cast<double>(max_pairs) / static_cast<double>(pairs.size());
  std::vector<CalibrationPair> out;
  out.reserve(max_pairs + 64);
  double credit = 0.0;
  bool keep = false;
  for (std::size_t pos = 0; pos < pairs.size(); ++pos) {
    if (pos == 0 || pairs[pos].run != pairs[pos - 1].run) {
      credit += keep_share;
      keep = credit >= 1.0;
      if (keep) credit -= 1.0;
    }
    if (keep) out.push_back(pairs[pos]);
  }
  return out;
}

double fit_dispersion(std::span<const CalibrationPair> pairs, std::span<const double> levels) {
  double best = 0.0;
  double best_loss = std::numeric_limits<double>::infinity();
  for (double dispersion : kDispersionGrid) {
    const double loss = pinball_loss(pairs, levels, [dispersion](double mean) {
      return CountDistribution::negative_binomial(mean, dispersion);
    });
    if (loss < best_loss - 1e-12) {
      best_loss = loss;
      best = dispersion;
    }
  }
  return best;
}

std::shared_ptr<const std::vector<double>> fit_ratios(std::span<const CalibrationPair> pairs) {
  std::vector<double> ratios;
  for (const CalibrationPair& pair : pairs) {
    // Ratios over tiny forecasts are noise (and unbounded); they say nothing about the shape.
    if (pair.forecast >= 0.1F) ratios.push_back(pair.actual / pair.forecast);
  }
  if (ratios.empty()) ratios.push_back(1.0);
  std::sort(ratios.begin(), ratios.end());
  if (ratios.size() > kMaxRatios) {  // keep evenly spaced order statistics
    std::vector<double> kept(kMaxRatios);
    for (std::size_t k = 0; k < kMaxRatios; ++k) {
      kept[k] = ratios[(2 * k + 1) * ratios.size() / (2 * kMaxRatios)];
    }
    ratios = std::move(kept);
  }
  return std::make_shared<const std::vector<double>>(std::move(ratios));
}

// Lag-1 correlation of mid-PIT normal scores within runs, pooled over runs.
double fit_correlation(std::span<const CalibrationPair> pairs, const Calibration& calibration) {
  double cross = 0.0, square = 0.0;
  double previous = 0.0;
  bool have_previous = false;
  std::uint32_t run = 0;
  for (const CalibrationPair& pair : pairs) {
    if (!have_previous || pair.run != run) {
      have_previous = false;
      run = pair.run;
    }
    if (pair.forecast <= 1e-6F) {
      have_previous = false;
      continue;
    }
    const CountDistribution dist = calibration.distribution(pair.forecast);
    const double upper = dist.cdf(pair.actual);
    const double lower = pair.actual >= 1.0F ? dist.cdf(pair.actual - 1.0F) : 0.0;
    const double score = normal_quantile(std::clamp(0.5 * (upper + lower), 1e-6, 1.0 - 1e-6));
    if (have_previous) {
      cross += previous * score;
      square += 0.5 * (previous * previous + score * score);
    }
    previous = score;
    have_previous = true;
  }
  if (square <= 0.0) return 0.0;
  return std::clamp(cross / square, 0.0, 0.95);
}

}  // namespace

CountDistribution Calibration::distribution(double mean) const {
  if (kind == DistributionKind::kEmpirical) return CountDistribution::empirical(mean, ratios);
  return CountDistribution::negative_binomial(mean, dispersion);
}

Calibration calibrate(std::span<const CalibrationPair> all_pairs, const CalibrationOptions& options) {
  Calibration result;
  if (all_pairs.empty()) return result;
  const std::vector<CalibrationPair> pairs = thin(all_pairs, options.max_pairs);
  const std::span<const double> levels = options.levels;

  bool use_empirical = options.method == "empirical";
  if (options.method == "auto") {
    std::vector<CalibrationPair> older, recent;
    for (const CalibrationPair& pair : pairs) (pair.origin == 1 ? recent : older).push_back(pair);
    if (!older.empty() && !recent.empty()) {
      const double dispersion = fit_dispersion(older, levels);
      const auto ratios = fit_ratios(older);
      result.validation_loss_nb = pinball_loss(recent, levels, [dispersion](double mean) {
        return CountDistribution::negative_binomial(mean, dispersion);
      });
      result.validation_loss_empirical = pinball_loss(recent, levels, [&ratios](double mean) {
        return CountDistribution::empirical(mean, ratios);
      });
      use_empirical = result.validation_loss_empirical < result.validation_loss_nb;
    }
  }
  if (use_empirical) {
    result.kind = DistributionKind::kEmpirical;
    result.ratios = fit_ratios(pairs);
  } else {
    result.kind = DistributionKind::kNegativeBinomial;
    result.dispersion = fit_dispersion(pairs, levels);
  }
  result.correlation = fit_correlation(pairs, result);
  return result;
}

}  // namespace echelon::forecast

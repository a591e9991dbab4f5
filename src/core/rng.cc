// SPDX-License-Identifier: Apache-2.0
#include "core/rng.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace echelon {

double sample_normal(Rng& rng) {
  // Box-Muller, one value per call (the pair's second value is dropped for simplicity of state).
  double radius = std::sqrt(-2.0 * std::log(rng.uniform_open()));
  return radius * std::cos(2.0 * std::numbers::pi * rng.uniform());
}

double sample_exponential(Rng& rng) { return -std::log(rng.uniform_open()); }

double sample_gamma(Rng& rng, double shape, double scale) {
  if (shape < 1.0) {
    // Marsaglia & Tsang (2000), boost for shape < 1: G(a) = G(a+1) * U^(1/a).
    double boost = std::pow(rng.uniform_open(), 1.0 / shape);
    return sample_gamma(rng, shape + 1.0, scale) * boost;
  }
  double d = shape - 1.0 / 3.0;
  double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    double x = sample_normal(rng);
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    double u = rng.uniform_open();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v * scale;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v * scale;
  }
}

double sample_lognormal(Rng& rng, double mean, double sd) {
  if (sd <= 0.0) return mean;
  double sigma2 = std::log1p((sd * sd) / (mean * mean));
  double mu = std::log(mean) - 0.5 * sigma2;
  return std::exp(mu + std::sqrt(sigma2) * sample_normal(rng));
}

std::int64_t sample_poisson(Rng& rng, double mean) {
  if (mean <= 0.0) return 0;
  if (mean < 12.0) {
    // Inversion by sequential search.
    double u = rng.uniform();
    double probability = std::exp(-mean);
    double cumulative = probability;
    std::int64_t count = 0;
    while (u > cumulative && count < 1000) {
      ++count;
      probability *= mean / static_cast<double>(count);
      cumulative += probability;
    }
    return count;
  }
  // Hormann (1993), PTRS: transformed rejection with squeeze.
  double slam = std::sqrt(mean);
  double loglam = std::log(mean);
  double b = 0.931 + 2.53 * slam;
  double a = -0.059 + 0.02483 * b;
  double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  double v_r = 0.9277 - 3.6224 / (b - 2.0);
  while (true) {
    double u = rng.uniform() - 0.5;
    double v = rng.uniform_open();
    double us = 0.5 - std::fabs(u);
    double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= v_r) return static_cast<std::int64_t>(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -mean + k * loglam - std::lgamma(k + 1.0)) {
      return static_cast<std::int64_t>(k);
    }
  }
}

std::int64_t sample_negative_binomial(Rng& rng, double mean, double variance) {
  if (mean <= 0.0) return 0;
  if (variance <= mean * (1.0 + 1e-9)) return sample_poisson(rng, mean);
  // Gamma-Poisson mixture: rate ~ Gamma(shape r, scale mean/r), r = mean^2 / (variance - mean).
  double shape = mean * mean / (variance - mean);
  return sample_poisson(rng, sample_gamma(rng, shape, mean / shape));
}

CountSampler::CountSampler(double mean, double variance) : mean_(mean), variance_(variance) {
  if (mean <= 0.0) return;
  inversion_ = mean <= kInversionMean;
  if (variance <= mean * (1.0 + 1e-9)) {
    odds_ = mean;
    zero_ = std::exp(-mean);
  } else {
    shape_ = mean * mean / (variance - mean);
    odds_ = mean / (shape_ + mean);
    zero_ = std::exp(shape_ * std::log1p(-odds_));
  }
}

std::int64_t CountSampler::invert(double u, std::int64_t first, double probability, double cumulative) const {
  // P(k+1) / P(k) = mean / (k+1) (Poisson) or (k+r) q / (k+1) (negative binomial); the tail past
  // the last representable step is assigned to it.
  std::int64_t k = first;
  while (u >= cumulative && probability > 0.0) {
    double next = static_cast<double>(k);
    probability *= shape_ > 0.0 ? (next + shape_) * odds_ / (next + 1.0) : odds_ / (next + 1.0);
    ++k;
    cumulative += probability;
  }
  return k;
}

std::int64_t CountSampler::operator()(Rng& rng) const {
  if (mean_ <= 0.0) return 0;
  if (!inversion_) return sample_negative_binomial(rng, mean_, variance_);
  return invert(rng.uniform(), 0, zero_, zero_);
}

std::int64_t CountSampler::zeros_for(double u) const {
  // Capped far beyond any horizon, so that adding to it cannot overflow.
  constexpr double kNever = 1e15;
  if (mean_ <= 0.0 || zero_ >= 1.0) return static_cast<std::int64_t>(kNever);
  if (zero_ <= 0.0) return 0;
  double zeros = std::floor(std::log(u) / std::log(zero_));
  return static_cast<std::int64_t>(std::min(zeros, kNever));
}

std::int64_t CountSampler::positive(Rng& rng) const {
  if (!inversion_) {
    std::int64_t k = 0;
    while (k == 0) k = sample_negative_binomial(rng, mean_, variance_);
    return k;
  }
  // u uniform on [P(0), 1): the inversion then never stops at zero.
  double u = zero_ + rng.uniform() * (1.0 - zero_);
  double one = shape_ > 0.0 ? zero_ * shape_ * odds_ : zero_ * odds_;
  return std::max<std::int64_t>(1, invert(u, 1, one, zero_ + one));
}

}  // namespace echelon

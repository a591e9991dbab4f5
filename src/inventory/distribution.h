// SPDX-License-Identifier: Apache-2.0
// Demand distributions for the classic inventory models: normal, gamma (continuous), Poisson,
// negative binomial and an explicit probability table on 0, 1, 2, ... (discrete; empirical
// demand is a table). Every model in inventory/ takes demand through this one type.
//
// Conventions: parameters are per period; `over_periods(t)` is the demand of t i.i.d. periods.
// Loss functions: loss(x) = E[(D-x)^+], complementary_loss(x) = E[(x-D)^+],
// second_order_loss(x) = E[((D-x)^+)^2] / 2. Discrete losses are exact finite sums over
// 0..floor(x) (no truncated upper tail): loss(x) = mean - x + complementary_loss(x).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace echelon::inventory {

enum class DistributionKind { kNormal, kGamma, kPoisson, kNegativeBinomial, kTable };

[[nodiscard]] std::string_view to_string(DistributionKind kind);

class Distribution {
 public:
  // N(mean, sd); sd >= 0 (sd = 0 is a point mass).
  static Distribution normal(double mean, double sd);
  // Gamma by its mean and sd (both > 0).
  static Distribution gamma(double mean, double sd);
  // Poisson(mean), mean >= 0.
  static Distribution poisson(double mean);
  // Negative binomial by mean and variance, variance > mean > 0.
  static Distribution negative_binomial(double mean, double variance);
  // P(D = k) = pmf[k] for k = 0..pmf.size()-1; weights >= 0 are normalised to sum 1.
  static Distribution table(std::vector<double> pmf);
  // Empirical distribution of non-negative integer observations (each observation weighs 1).
  static Distribution empirical(std::span<const std::int64_t> observations);

  [[nodiscard]] DistributionKind kind() const { return kind_; }
  [[nodiscard]] bool is_discrete() const;
  [[nodiscard]] double mean() const;
  [[nodiscard]] double variance() const;
  [[nodiscard]] double sd() const;

  // P(D <= x).
  [[nodiscard]] double cdf(double x) const;
  // P(D = k) for discrete kinds (0 for continuous ones).
  [[nodiscard]] double pmf(std::int64_t k) const;
  // Continuous: F^{-1}(probability). Discrete: the smallest integer k with F(k) >= probability.
  // probability in (0, 1).
  [[nodiscard]] double quantile(double probability) const;

  [[nodiscard]] double loss(double x) const;
  [[nodiscard]] double complementary_loss(double x) const;
  [[nodiscard]] double second_order_loss(double x) const;

  // Demand over `periods` i.i.d. periods (periods >= 0). Tables need an integer count.
  [[nodiscard]] Distribution over_periods(double periods) const;

  // P(D = k) for k = 0..n where n is the first index with P(D > n) <= tail (discrete kinds).
  [[nodiscard]] std::vector<double> pmf_table(double tail = 1e-17) const;

  // The probability table of a kTable distribution (empty for the other kinds).
  [[nodiscard]] const std::vector<double>& table_pmf() const { return table_; }

 private:
  Distribution(DistributionKind kind, double first, double second)
      : kind_(kind), first_(first), second_(second) {}

  DistributionKind kind_;
  double first_;   // mean
  double second_;  // sd (normal, gamma) or variance (negative binomial)
  std::vector<double> table_;
  double table_mean_ = 0.0;
  double table_variance_ = 0.0;
};

}  // namespace echelon::inventory

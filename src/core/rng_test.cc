// SPDX-License-Identifier: Apache-2.0
#include "core/rng.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace echelon {
namespace {

TEST(Rng, StreamsAreReproducibleAndDistinct) {
  Rng first = Rng::stream(7, hash_id("SKU1"), Purpose::kTest);
  Rng again = Rng::stream(7, hash_id("SKU1"), Purpose::kTest);
  Rng other_purpose = Rng::stream(7, hash_id("SKU1"), Purpose::kSimulation);
  Rng other_sku = Rng::stream(7, hash_id("SKU2"), Purpose::kTest);
  std::uint64_t draw = first();
  EXPECT_EQ(draw, again());
  EXPECT_NE(draw, other_purpose());
  EXPECT_NE(draw, other_sku());
}

// Sample moments against the distributions' closed forms; 200k draws give standard errors far
// below the tolerances used.
struct Moments {
  double mean = 0.0;
  double variance = 0.0;
};

template <class Draw>
Moments moments(Draw draw) {
  constexpr int kDraws = 200000;
  double sum = 0.0;
  double sum_sq = 0.0;
  for (int index = 0; index < kDraws; ++index) {
    double value = draw();
    sum += value;
    sum_sq += value * value;
  }
  double mean = sum / kDraws;
  return {mean, sum_sq / kDraws - mean * mean};
}

TEST(Samplers, MatchClosedFormMoments) {
  Rng rng = Rng::stream(1, 2, Purpose::kTest);
  Moments uniform = moments([&] { return rng.uniform(); });
  EXPECT_NEAR(uniform.mean, 0.5, 0.005);
  EXPECT_NEAR(uniform.variance, 1.0 / 12.0, 0.002);
  Moments normal = moments([&] { return sample_normal(rng); });
  EXPECT_NEAR(normal.mean, 0.0, 0.01);
  EXPECT_NEAR(normal.variance, 1.0, 0.02);
  Moments gamma = moments([&] { return sample_gamma(rng, 0.5, 2.0); });
  EXPECT_NEAR(gamma.mean, 1.0, 0.02);
  EXPECT_NEAR(gamma.variance, 2.0, 0.08);
  Moments small_poisson = moments([&] { return double(sample_poisson(rng, 3.5)); });
  EXPECT_NEAR(small_poisson.mean, 3.5, 0.03);
  EXPECT_NEAR(small_poisson.variance, 3.5, 0.08);
  Moments large_poisson = moments([&] { return double(sample_poisson(rng, 250.0)); });
  EXPECT_NEAR(large_poisson.mean, 250.0, 0.3);
  EXPECT_NEAR(large_poisson.variance, 250.0, 6.0);
  Moments negbin = moments([&] { return double(sample_negative_binomial(rng, 4.0, 12.0)); });
  EXPECT_NEAR(negbin.mean, 4.0, 0.05);
  EXPECT_NEAR(negbin.variance, 12.0, 0.4);
  Moments lognormal = moments([&] { return sample_lognormal(rng, 10.0, 5.0); });
  EXPECT_NEAR(lognormal.mean, 10.0, 0.1);
  EXPECT_NEAR(std::sqrt(lognormal.variance), 5.0, 0.15);
}

TEST(Samplers, PoissonZeroProbabilityMatches) {
  Rng rng = Rng::stream(3, 4, Purpose::kTest);
  int zeros = 0;
  constexpr int kDraws = 100000;
  for (int index = 0; index < kDraws; ++index) zeros += sample_poisson(rng, 0.7) == 0;
  EXPECT_NEAR(zeros / double(kDraws), std::exp(-0.7), 0.005);
}

// The inversion sampler's frequencies against the closed-form probability mass, k = 0..12, each
// within four binomial standard errors; above the inversion range, the moments.
TEST(Samplers, CountSamplerMatchesProbabilityMass) {
  struct Case {
    double mean, variance;
  };
  constexpr int kDraws = 200000;
  for (Case c : {Case{0.3, 0.9}, Case{4.0, 12.0}, Case{2.5, 2.5}, Case{12.0, 60.0}}) {
    CountSampler sampler(c.mean, c.variance);
    Rng rng = Rng::stream(5, 6, Purpose::kTest);
    std::vector<int> count(13, 0);
    for (int index = 0; index < kDraws; ++index) {
      std::int64_t k = sampler(rng);
      if (k < 13) ++count[static_cast<std::size_t>(k)];
    }
    for (int k = 0; k < 13; ++k) {
      double log_mass;
      if (c.variance > c.mean) {
        double r = c.mean * c.mean / (c.variance - c.mean);
        double q = c.mean / (r + c.mean);
        log_mass = std::lgamma(k + r) - std::lgamma(r) - std::lgamma(k + 1.0) + r * std::log1p(-q) + k * std::log(q);
      } else {
        log_mass = -c.mean + k * std::log(c.mean) - std::lgamma(k + 1.0);
      }
      double mass = std::exp(log_mass);
      double error = std::sqrt(mass * (1.0 - mass) / kDraws);
      EXPECT_NEAR(count[static_cast<std::size_t>(k)] / double(kDraws), mass, 4.0 * error + 1e-6)
          << "mean " << c.mean << " variance " << c.variance << " k " << k;
    }
  }
  CountSampler large(40.0, 200.0);
  Rng rng = Rng::stream(7, 8, Purpose::kTest);
  Moments moments_large = moments([&] { return double(large(rng)); });
  EXPECT_NEAR(moments_large.mean, 40.0, 0.3);
  EXPECT_NEAR(moments_large.variance, 200.0, 8.0);
  EXPECT_EQ(CountSampler(0.0, 0.0)(rng), 0);
}

// Skipping ahead: zeros before a positive draw are geometric with mean P(0) / (1 - P(0)), and the
// positive draw follows P(k) / (1 - P(0)).
TEST(Samplers, CountSamplerSkipsZerosInDistribution) {
  const double mean = 0.4, variance = 1.0;
  CountSampler sampler(mean, variance);
  ASSERT_TRUE(sampler.mostly_zero());
  const double r = mean * mean / (variance - mean);
  const double q = mean / (r + mean);
  auto mass = [&](int k) {
    return std::exp(std::lgamma(k + r) - std::lgamma(r) - std::lgamma(k + 1.0) + r * std::log1p(-q) + k * std::log(q));
  };
  const double zero = mass(0);
  Rng rng = Rng::stream(9, 10, Purpose::kTest);
  constexpr int kDraws = 200000;
  double zeros = 0.0;
  std::vector<int> count(8, 0);
  for (int index = 0; index < kDraws; ++index) {
    zeros += static_cast<double>(sampler.zeros_before_positive(rng));
    std::int64_t k = sampler.positive(rng);
    ASSERT_GE(k, 1);
    if (k < 8) ++count[static_cast<std::size_t>(k)];
  }
  const double expected_zeros = zero / (1.0 - zero);
  // Geometric: sd of the mean = sqrt(p0) / (1 - p0) / sqrt(n).
  EXPECT_NEAR(zeros / kDraws, expected_zeros, 4.0 * std::sqrt(zero) / (1.0 - zero) / std::sqrt(kDraws));
  for (int k = 1; k < 8; ++k) {
    double conditional = mass(k) / (1.0 - zero);
    EXPECT_NEAR(count[static_cast<std::size_t>(k)] / double(kDraws), conditional,
                4.0 * std::sqrt(conditional * (1.0 - conditional) / kDraws) + 1e-6) << "k " << k;
  }
  EXPECT_GE(CountSampler(1e-20, 1e-20).zeros_before_positive(rng), 1000000000000000);
}

TEST(CountSampler, AtLeastNZerosExactlyBelowTheNthPowerOfTheZeroProbability) {
  // Poisson mean 0.1: P(0) = e^-0.1. The skip test u <= P(0)^n must agree with the count.
  const CountSampler sampler(0.1, 0.1);
  ASSERT_NEAR(sampler.zero_probability(), std::exp(-0.1), 1e-12);
  for (int n = 1; n <= 30; ++n) {
    const double edge = std::pow(sampler.zero_probability(), n);
    EXPECT_GE(sampler.zeros_for(0.999 * edge), n) << "n " << n;
    EXPECT_LT(sampler.zeros_for(std::min(1.0 - 1e-12, 1.001 * edge)), n) << "n " << n;
  }
}

}  // namespace
}  // namespace echelon

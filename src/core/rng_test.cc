// SPDX-License-Identifier: Apache-2.0
#include "core/rng.h"

#include <gtest/gtest.h>

#include <cmath>

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

}  // namespace
}  // namespace echelon

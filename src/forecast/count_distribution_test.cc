// SPDX-License-Identifier: Apache-2.0
#include "forecast/count_distribution.h"

#include <gtest/gtest.h>

#include <boost/math/distributions/negative_binomial.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <cmath>
#include <vector>

#include "core/rng.h"
#include "forecast/calibration.h"

namespace echelon::forecast {
namespace {

// The smallest k with cdf(k) >= level, from Boost's CDF (an independent implementation).
template <class Dist>
double reference_quantile(const Dist& dist, double level) {
  double k = 0.0;
  while (boost::math::cdf(dist, k) < level) k += 1.0;
  return k;
}

TEST(CountDistribution, NegativeBinomialMatchesBoost) {
  const std::vector<double> levels{0.01, 0.1, 0.5, 0.8, 0.9, 0.95, 0.99};
  for (double mean : {0.05, 0.7, 3.0, 25.0, 140.0}) {
    for (double dispersion : {0.1, 0.5, 2.0}) {
      const double size = 1.0 / dispersion;
      const boost::math::negative_binomial reference(size, size / (size + mean));
      const CountDistribution dist = CountDistribution::negative_binomial(mean, dispersion);
      const std::vector<double> q = dist.quantiles(levels);
      for (std::size_t pos = 0; pos < levels.size(); ++pos) {
        EXPECT_EQ(q[pos], reference_quantile(reference, levels[pos]))
            << "mean " << mean << " dispersion " << dispersion << " level " << levels[pos];
      }
      for (double k : {0.0, 1.0, 4.0, 30.0}) {
        EXPECT_NEAR(dist.cdf(k), boost::math::cdf(reference, k), 1e-9);
      }
    }
  }
}

TEST(CountDistribution, ZeroDispersionIsPoisson) {
  for (double mean : {0.3, 4.0, 60.0}) {
    const boost::math::poisson reference(mean);
    const CountDistribution dist = CountDistribution::negative_binomial(mean, 0.0);
    for (double level : {0.1, 0.5, 0.9, 0.99}) {
      EXPECT_EQ(dist.quantile(level), reference_quantile(reference, level));
    }
    EXPECT_NEAR(dist.cdf(2.0), boost::math::cdf(reference, 2.0), 1e-12);
  }
}

TEST(CountDistribution, EmpiricalRatiosByHand) {
  auto ratios = std::make_shared<const std::vector<double>>(std::vector<double>{0.0, 0.0, 0.5, 1.0, 2.5});
  const CountDistribution dist = CountDistribution::empirical(4.0, ratios);
  // Type-1 quantiles of R: 0.2 -> 0, 0.5 -> 0.5, 0.8 -> 1.0, 0.9 -> 2.5; times 4, floored.
  EXPECT_EQ(dist.quantile(0.2), 0.0);
  EXPECT_EQ(dist.quantile(0.5), 2.0);
  EXPECT_EQ(dist.quantile(0.8), 4.0);
  EXPECT_EQ(dist.quantile(0.9), 10.0);
  // P(Y <= 3) = P(4R < 4) = 3 / 5.
  EXPECT_NEAR(dist.cdf(3.0), 0.6, 1e-12);
}

TEST(CountDistribution, NormalQuantileInvertsTheCdf) {
  for (double level : {1e-6, 0.01, 0.3, 0.5, 0.9, 0.999}) {
    EXPECT_NEAR(normal_cdf(normal_quantile(level)), level, 1e-12 + 1e-9 * level);
  }
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-9);
}

// Pairs whose actuals are drawn from NB(forecast, 0.5): calibration must find a dispersion
// near 0.5, and the fitted 80% and 95% intervals must cover about 80% and 95% of fresh draws.
TEST(Calibration, RecoversSimulatedDispersionAndCoverage) {
  Rng rng = Rng::stream(11, 0, Purpose::kTest);
  std::vector<CalibrationPair> pairs;
  for (std::uint32_t run = 0; run < 400; ++run) {
    const double mean = 0.5 + 0.1 * (run % 40);
    for (int step = 0; step < 20; ++step) {
      const double actual = static_cast<double>(sample_negative_binomial(rng, mean, mean + 0.5 * mean * mean));
      pairs.push_back({static_cast<float>(mean), static_cast<float>(actual), 1.0F, run,
                       static_cast<std::uint16_t>(1 + run % 3)});
    }
  }
  CalibrationOptions options;
  options.method = "nb";
  const Calibration calibration = calibrate(pairs, options);
  EXPECT_GE(calibration.dispersion, 0.3);
  EXPECT_LE(calibration.dispersion, 0.7);
  EXPECT_LT(calibration.correlation, 0.1);  // independent draws

  int inside80 = 0, inside95 = 0, total = 0;
  for (int draw = 0; draw < 20000; ++draw) {
    const double mean = 0.5 + 0.1 * (draw % 40);
    const double actual = static_cast<double>(sample_negative_binomial(rng, mean, mean + 0.5 * mean * mean));
    const CountDistribution dist = calibration.distribution(mean);
    const std::vector<double> q = dist.quantiles(std::vector<double>{0.025, 0.1, 0.9, 0.975});
    // A discrete interval [q_lo, q_hi] covers at least its nominal share; compare with the exact
    // probability mass the true distribution puts on it.
    inside80 += actual >= q[1] && actual <= q[2];
    inside95 += actual >= q[0] && actual <= q[3];
    ++total;
  }
  const double cover80 = static_cast<double>(inside80) / total;
  const double cover95 = static_cast<double>(inside95) / total;
  EXPECT_GT(cover80, 0.78);
  EXPECT_LT(cover80, 0.93);
  EXPECT_GT(cover95, 0.94);
  EXPECT_LT(cover95, 0.995);
}

TEST(Calibration, PoissonDataGetsSmallDispersion) {
  Rng rng = Rng::stream(12, 0, Purpose::kTest);
  std::vector<CalibrationPair> pairs;
  for (std::uint32_t run = 0; run < 300; ++run) {
    const double mean = 2.0 + run % 10;
    for (int step = 0; step < 20; ++step) {
      pairs.push_back({static_cast<float>(mean), static_cast<float>(sample_poisson(rng, mean)), 1.0F,
                       run, 1});
    }
  }
  CalibrationOptions options;
  options.method = "nb";
  EXPECT_LE(calibrate(pairs, options).dispersion, 0.05);
}


// Low-count pairs drawn from NB(forecast, 0.5): the quantile interval [q0.1, q0.9] holds well over
// 80% of fresh draws (integer quantiles round outwards), the calibrated interval about 80%.
TEST(Calibration, CalibratedIntervalsCoverTheirNominalShareOfFreshDraws) {
  Rng rng = Rng::stream(13, 0, Purpose::kTest);
  auto mean_of = [](std::uint32_t index) { return 0.3 + 0.15 * (index % 20); };
  std::vector<CalibrationPair> pairs;
  for (std::uint32_t run = 0; run < 1000; ++run) {
    for (int step = 0; step < 20; ++step) {
      const double mean = mean_of(run);
      pairs.push_back({static_cast<float>(mean),
                       static_cast<float>(sample_negative_binomial(rng, mean, mean + 0.5 * mean * mean)), 1.0F,
                       run, static_cast<std::uint16_t>(1 + run % 3), static_cast<std::uint16_t>(step)});
    }
  }
  CalibrationOptions options;
  options.method = "nb";
  const Calibration calibration = calibrate(pairs, options);
  EXPECT_NEAR(calibration.interval_levels(0.8).backtest_coverage, 0.8, 0.01);
  int inside80 = 0, inside95 = 0, quantile80 = 0, total = 0;
  for (std::uint32_t draw = 0; draw < 40000; ++draw) {
    const double mean = mean_of(draw);
    const double actual = static_cast<double>(sample_negative_binomial(rng, mean, mean + 0.5 * mean * mean));
    const CountDistribution dist = calibration.distribution(mean);
    const auto [lower80, upper80] = calibration.interval(mean, 0.8);
    const auto [lower95, upper95] = calibration.interval(mean, 0.95);
    inside80 += actual >= lower80 && actual <= upper80;
    inside95 += actual >= lower95 && actual <= upper95;
    quantile80 += actual >= dist.quantile(0.1) && actual <= dist.quantile(0.9);
    ++total;
  }
  EXPECT_NEAR(static_cast<double>(inside80) / total, 0.8, 0.02);
  EXPECT_NEAR(static_cast<double>(inside95) / total, 0.95, 0.02);
  EXPECT_GT(static_cast<double>(quantile80) / total, 0.85);
}

// A level map fitted on pairs from the model's own distribution is close to the identity.
TEST(Calibration, LevelMapOfACalibratedModelIsNearTheIdentity) {
  Rng rng = Rng::stream(14, 0, Purpose::kTest);
  std::vector<CalibrationPair> pairs;
  for (std::uint32_t run = 0; run < 1500; ++run) {
    const double mean = 1.0 + run % 8;
    for (int step = 0; step < 20; ++step) {
      pairs.push_back({static_cast<float>(mean), static_cast<float>(sample_poisson(rng, mean)), 1.0F, run, 2});
    }
  }
  CalibrationOptions options;
  options.method = "nb";
  const Calibration calibration = calibrate(pairs, options);  // no recent origin: map not validated
  ASSERT_NE(calibration.level_map, nullptr);
  for (double level : {0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95}) {
    EXPECT_NEAR(calibration.level_map->forward(level), level, 0.02);
    EXPECT_NEAR(calibration.level_map->inverse(calibration.level_map->forward(level)), level, 1e-9);
  }
}

// Fresh draws inside the calibrated 80% and 95% intervals, for forecasts from `forecast_of` and
// actuals from `draw`.
template <class Forecast, class Draw>
std::pair<double, double> fresh_coverage(const Calibration& calibration, const Forecast& forecast_of,
                                         const Draw& draw, Rng& rng) {
  int inside80 = 0, inside95 = 0;
  constexpr int kDraws = 40000;
  for (std::uint32_t index = 0; index < kDraws; ++index) {
    const double actual = draw(rng, index);
    const auto [lower80, upper80] = calibration.interval(forecast_of(index), 0.8);
    const auto [lower95, upper95] = calibration.interval(forecast_of(index), 0.95);
    inside80 += actual >= lower80 && actual <= upper80;
    inside95 += actual >= lower95 && actual <= upper95;
  }
  return {static_cast<double>(inside80) / kDraws, static_cast<double>(inside95) / kDraws};
}

template <class Forecast, class Draw>
void expect_nominal_coverage(const Calibration& calibration, const Forecast& forecast_of, const Draw& draw, Rng& rng) {
  const auto [cover80, cover95] = fresh_coverage(calibration, forecast_of, draw, rng);
  EXPECT_NEAR(cover80, 0.8, 0.02);
  EXPECT_NEAR(cover95, 0.95, 0.02);
}

// A negative binomial calibration on 1,500 backtest runs of 20 steps from three origins.
template <class Forecast, class Draw>
Calibration calibrate_nb(const Forecast& forecast_of, const Draw& draw, Rng& rng) {
  constexpr std::uint32_t runs = 1500;
  std::vector<CalibrationPair> pairs;
  for (std::uint32_t run = 0; run < runs; ++run) {
    for (int step = 0; step < 20; ++step) {
      pairs.push_back({static_cast<float>(forecast_of(run)), static_cast<float>(draw(rng, run)), 1.0F, run,
                       static_cast<std::uint16_t>(1 + run % 3), static_cast<std::uint16_t>(step)});
    }
  }
  CalibrationOptions options;
  options.method = "nb";
  return calibrate(pairs, options);
}

// Forecasts 50% above the true mean make the fitted negative binomial miscalibrated (its median
// too high); the level map, which passes validation on the most recent origin, brings every
// quantile level and both intervals back to their nominal coverage of fresh draws.
TEST(Calibration, LevelMapCorrectsABiasedBacktestToNominalCoverage) {
  Rng rng = Rng::stream(15, 0, Purpose::kTest);
  auto truth = [](std::uint32_t index) { return 20.0 + 2.0 * (index % 11); };
  auto forecast_of = [&](std::uint32_t index) { return 1.5 * truth(index); };
  auto draw = [&](Rng& stream, std::uint32_t index) {
    const double mean = truth(index);
    return static_cast<double>(sample_negative_binomial(stream, mean, mean + 0.05 * mean * mean));
  };
  const Calibration calibration = calibrate_nb(forecast_of, draw, rng);
  ASSERT_NE(calibration.level_map, nullptr);
  Calibration unmapped = calibration;
  unmapped.level_map = nullptr;

  const std::vector<double> levels{0.1, 0.25, 0.5, 0.75, 0.9};
  std::vector<int> below(levels.size(), 0), at_or_below(levels.size(), 0), unmapped_below(levels.size(), 0);
  constexpr int kDraws = 40000;
  for (std::uint32_t index = 0; index < kDraws; ++index) {
    const double actual = draw(rng, index);
    const std::vector<double> q = calibration.distribution(forecast_of(index)).quantiles(levels);
    const std::vector<double> raw = unmapped.distribution(forecast_of(index)).quantiles(levels);
    for (std::size_t pos = 0; pos < levels.size(); ++pos) {
      below[pos] += actual < q[pos];
      at_or_below[pos] += actual <= q[pos];
      unmapped_below[pos] += actual <= raw[pos];
    }
  }
  // Integer quantiles: P(Y < q) <= level <= P(Y <= q), up to sampling and fitting noise.
  for (std::size_t pos = 0; pos < levels.size(); ++pos) {
    EXPECT_LE(static_cast<double>(below[pos]) / kDraws, levels[pos] + 0.02) << levels[pos];
    EXPECT_GE(static_cast<double>(at_or_below[pos]) / kDraws, levels[pos] - 0.02) << levels[pos];
  }
  // Without the map the median is far off: the test can tell a working map from none.
  EXPECT_GT(static_cast<double>(unmapped_below[2]) / kDraws, 0.6);
  expect_nominal_coverage(calibration, forecast_of, draw, rng);
}

// Mostly zeros (Poisson means 0.06..0.3, so zero alone holds about 84% of outcomes): the 80%
// interval must leave out zero for the series least likely to be zero to cover 80%, not 84%.
TEST(Calibration, IntervalsOnMostlyZeroDemandCoverTheirNominalShare) {
  Rng rng = Rng::stream(16, 0, Purpose::kTest);
  auto forecast_of = [](std::uint32_t index) { return 0.0625 + 0.0234375 * (index % 11); };
  auto draw = [&](Rng& stream, std::uint32_t index) {
    return static_cast<double>(sample_poisson(stream, forecast_of(index)));
  };
  const Calibration calibration = calibrate_nb(forecast_of, draw, rng);
  EXPECT_GT(calibration.interval_levels(0.8).lower, 0.5);
  expect_nominal_coverage(calibration, forecast_of, draw, rng);
}

// Poisson outcomes around forecasts of 0.25..1.25, but 6% of them bursts of 150 or more:
// no level of the negative binomial fitted on the pinball loss reaches that far, so the 95%
// interval falls back on a heavier-tailed one and covers 95% of fresh draws.
// Forecasts are multiples of 1/8 (exact as the pairs' floats).
TEST(Calibration, HeavyTailedBacktestGetsAHeavierIntervalFamily) {
  Rng rng = Rng::stream(17, 0, Purpose::kTest);
  auto forecast_of = [](std::uint32_t index) { return 0.25 + 0.125 * (index % 9); };
  auto draw = [&](Rng& stream, std::uint32_t index) {
    const double mean = forecast_of(index);
    if (stream.uniform() < 0.06) return 150.0 + static_cast<double>(sample_poisson(stream, 50.0));
    return static_cast<double>(sample_poisson(stream, mean));
  };
  const Calibration calibration = calibrate_nb(forecast_of, draw, rng);
  expect_nominal_coverage(calibration, forecast_of, draw, rng);
  const double zero_probability = calibration.distribution(forecast_of(0)).cdf(0.0);
  EXPECT_GE(calibration.interval_levels(0.95, 0, zero_probability).dispersion, 0.0);
}

// The spread of the outcomes grows with the step (dispersion 0.02 on the first day, 1.0 on the
// twentieth): levels per run of steps keep the 80% interval at its nominal coverage early and
// late, where one set of levels for all steps would cover too much early and too little late.
TEST(Calibration, IntervalLevelsFollowTheGrowthOfTheErrorWithTheHorizon) {
  Rng rng = Rng::stream(18, 0, Purpose::kTest);
  auto forecast_of = [](std::uint32_t index) { return 4.0 + 2.0 * (index % 5); };
  auto draw = [&](Rng& stream, std::uint32_t index, int step) {
    const double mean = forecast_of(index);
    const double dispersion = 0.02 + 0.98 * step / 19.0;
    return static_cast<double>(sample_negative_binomial(stream, mean, mean + dispersion * mean * mean));
  };
  std::vector<CalibrationPair> pairs;
  for (std::uint32_t run = 0; run < 1200; ++run) {
    for (int step = 0; step < 20; ++step) {
      pairs.push_back({static_cast<float>(forecast_of(run)), static_cast<float>(draw(rng, run, step)), 1.0F, run,
                       static_cast<std::uint16_t>(1 + run % 3), static_cast<std::uint16_t>(step)});
    }
  }
  CalibrationOptions options;
  options.method = "nb";
  const Calibration calibration = calibrate(pairs, options);
  ASSERT_GE(calibration.intervals.size(), 2 * 4u);  // 24,000 pairs: bands of at least 2,000
  for (const int first : {0, 15}) {
    int inside = 0, total = 0;
    for (std::uint32_t index = 0; index < 10000; ++index) {
      const int step = first + static_cast<int>(index % 5);
      const double actual = draw(rng, index / 5, step);
      const auto [lower, upper] = calibration.interval(forecast_of(index / 5), 0.8, step);
      inside += actual >= lower && actual <= upper;
      ++total;
    }
    EXPECT_NEAR(static_cast<double>(inside) / total, 0.8, 0.03) << "steps from " << first;
  }
}

// Poisson outcomes, two thirds of the backtest around low forecasts (0.2..0.7, zero most likely)
// and one third around higher ones (2..4). One set of levels reaches 80% on that mix by leaving
// out zero for the higher forecasts, so it covers far more of fresh draws where all forecasts are
// low; levels per stratum of P(0) hold 80% on either mix.
TEST(Calibration, IntervalsPerStratumOfZeroProbabilityHoldTheirCoverageWhenTheMixShifts) {
  Rng rng = Rng::stream(19, 0, Purpose::kTest);
  auto forecast_of = [](std::uint32_t index, bool low) {
    const double spread = std::fmod(0.6180339887 * index, 1.0);  // evenly spread, all distinct
    return static_cast<double>(static_cast<float>(low ? 0.2 + 0.5 * spread : 2.0 + 2.0 * spread));
  };
  std::vector<CalibrationPair> pairs;
  for (std::uint32_t run = 0; run < 1500; ++run) {
    const double mean = forecast_of(run, run % 3 != 0);
    for (int step = 0; step < 20; ++step) {
      pairs.push_back({static_cast<float>(mean), static_cast<float>(sample_poisson(rng, mean)), 1.0F, run,
                       static_cast<std::uint16_t>(1 + run % 3), static_cast<std::uint16_t>(step)});
    }
  }
  CalibrationOptions options;
  options.method = "nb";
  options.recalibrate = false;
  const Calibration stratified = calibrate(pairs, options);
  options.interval_strata = 1;
  const Calibration pooled = calibrate(pairs, options);
  auto coverage = [&](const Calibration& calibration, bool all_low) {
    Rng draws = Rng::stream(20, 0, Purpose::kTest);
    int inside = 0;
    constexpr int kDraws = 40000;
    for (std::uint32_t index = 0; index < kDraws; ++index) {
      const double mean = forecast_of(index, all_low || index % 3 != 0);
      const double actual = static_cast<double>(sample_poisson(draws, mean));
      const auto [lower, upper] = calibration.interval(mean, 0.8);
      inside += actual >= lower && actual <= upper;
    }
    return static_cast<double>(inside) / kDraws;
  };
  EXPECT_GT(stratified.intervals.size(), pooled.intervals.size());
  EXPECT_NEAR(coverage(pooled, false), 0.8, 0.02);  // the backtest's mix
  EXPECT_GT(coverage(pooled, true), 0.84);          // one set of levels, all forecasts low
  EXPECT_NEAR(coverage(stratified, false), 0.8, 0.02);
  EXPECT_NEAR(coverage(stratified, true), 0.8, 0.02);
}

// Moments against direct sums over the probability mass function.
TEST(CountDistribution, MomentsMatchDirectSums) {
  auto direct = [](const CountDistribution& dist) {
    double first = 0.0, second = 0.0, previous = 0.0;
    for (double k = 0.0; k < 2000.0; k += 1.0) {
      const double cdf = dist.cdf(k);
      first += k * (cdf - previous);
      second += k * k * (cdf - previous);
      previous = cdf;
    }
    return CountDistribution::Moments{first, second - first * first};
  };
  const auto ratios = std::make_shared<const std::vector<double>>(std::vector<double>{0.0, 0.4, 0.9, 1.3, 2.4});
  const auto map = std::make_shared<const LevelMap>(std::vector<double>{0.0, 0.5, 1.0}, std::vector<double>{0.0, 0.6, 1.0});
  for (const CountDistribution& dist :
       {CountDistribution::negative_binomial(3.5, 0.4), CountDistribution::empirical(6.0, ratios),
        CountDistribution::negative_binomial(2.0, 0.3).recalibrated(map)}) {
    const CountDistribution::Moments expected = direct(dist);
    const CountDistribution::Moments moments = dist.moments();
    EXPECT_NEAR(moments.mean, expected.mean, 1e-6);
    EXPECT_NEAR(moments.variance, expected.variance, 1e-5);
  }
  // Closed form of the negative binomial.
  EXPECT_NEAR(CountDistribution::negative_binomial(3.5, 0.4).moments().variance, 3.5 + 0.4 * 3.5 * 3.5, 1e-12);
}

}  // namespace
}  // namespace echelon::forecast

// SPDX-License-Identifier: Apache-2.0
#include "forecast/ets.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/rng.h"

namespace echelon::forecast {
namespace {

TEST(Ets, RecoversConstantLevel) {
  const std::vector<double> series(60, 7.0);
  EtsOptions options;
  options.period = 1;
  const EtsFit fit = select_ets(series, options);
  ASSERT_TRUE(fit.ok);
  for (double value : fit.forecast(10)) EXPECT_NEAR(value, 7.0, 1e-6);
}

TEST(Ets, HoltContinuesAnExactLine) {
  // y_t = 3 + 0.5 t: the additive-trend model with l_0 = 3, b_0 = 0.5 has zero errors, so its
  // forecasts are the line itself whatever the smoothing parameters.
  std::vector<double> series;
  for (int t = 1; t <= 40; ++t) series.push_back(3.0 + 0.5 * t);
  const EtsFit fit = fit_ets(series, {EtsError::kAdditive, EtsTrend::kAdditive, EtsSeason::kNone}, 1);
  ASSERT_TRUE(fit.ok);
  const std::vector<double> out = fit.forecast(12);
  for (int h = 1; h <= 12; ++h) EXPECT_NEAR(out[h - 1], 3.0 + 0.5 * (40 + h), 1e-3);
}

TEST(Ets, AdditiveSeasonContinuesAnExactPattern) {
  const double pattern[] = {4.0, -1.0, -2.0, -1.0};
  std::vector<double> series;
  for (int t = 0; t < 48; ++t) series.push_back(20.0 + pattern[t % 4]);
  const EtsFit fit = fit_ets(series, {EtsError::kAdditive, EtsTrend::kNone, EtsSeason::kAdditive}, 4);
  ASSERT_TRUE(fit.ok);
  const std::vector<double> out = fit.forecast(8);
  for (int h = 0; h < 8; ++h) EXPECT_NEAR(out[h], 20.0 + pattern[(48 + h) % 4], 1e-3);
}

TEST(Ets, DampedForecastIsTheClosedForm) {
  EtsFit fit;
  fit.spec = {EtsError::kAdditive, EtsTrend::kDamped, EtsSeason::kNone};
  fit.level = 100.0;
  fit.trend = 2.0;
  fit.phi = 0.9;
  const std::vector<double> out = fit.forecast(30);
  for (int h = 1; h <= 30; ++h) {
    const double phi_sum = 0.9 * (1.0 - std::pow(0.9, h)) / (1.0 - 0.9);
    EXPECT_NEAR(out[h - 1], 100.0 + phi_sum * 2.0, 1e-9);
  }
}

TEST(Ets, AiccPrefersTrendOnTrendingDataAndLevelOnNoise) {
  Rng rng = Rng::stream(3, 1, Purpose::kTest);
  std::vector<double> trending, flat;
  for (int t = 0; t < 120; ++t) {
    trending.push_back(50.0 + 1.5 * t + sample_normal(rng));
    flat.push_back(50.0 + sample_normal(rng));
  }
  EtsOptions options;
  options.period = 1;
  EXPECT_NE(select_ets(trending, options).spec.trend, EtsTrend::kNone);
  const EtsFit level = select_ets(flat, options);
  EXPECT_EQ(level.spec.trend, EtsTrend::kNone);
  // Simple exponential smoothing of white noise: the forecast is near the mean 50.
  EXPECT_NEAR(level.forecast(1)[0], 50.0, 0.6);
}

TEST(Ets, MultiplicativeSeasonOnPositiveData) {
  const double pattern[] = {1.5, 0.5, 1.0};
  Rng rng = Rng::stream(5, 2, Purpose::kTest);
  std::vector<double> series;
  for (int t = 0; t < 90; ++t) series.push_back(40.0 * pattern[t % 3] * (1.0 + 0.01 * sample_normal(rng)));
  EtsOptions options;
  options.period = 3;
  const EtsFit fit = select_ets(series, options);
  ASSERT_NE(fit.spec.season, EtsSeason::kNone);
  const std::vector<double> out = fit.forecast(3);
  for (int h = 0; h < 3; ++h) EXPECT_NEAR(out[h], 40.0 * pattern[(90 + h) % 3], 2.0);
}

}  // namespace
}  // namespace echelon::forecast
